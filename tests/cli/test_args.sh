# The command line of the foundation: --version, --help, and usage errors.
source "$(dirname "$0")/../lib.sh"
tmp=$(mktmp)

out=$("$TEND_BIN" --version 2>"$tmp/err"); rc=$?
expect_eq "--version exits 0" "$rc" 0
check "--version prints the version" grep -qE '^tend [0-9]+\.[0-9]+\.[0-9]+$' <<<"$out"

out=$("$TEND_BIN" --help 2>"$tmp/err"); rc=$?
expect_eq "--help exits 0" "$rc" 0
check "--help shows usage" grep -q '^usage: tend' <<<"$out"
check "--help lists --version" grep -q -- '--version' <<<"$out"

out=$("$TEND_BIN" --bogus 2>"$tmp/err"); rc=$?
expect_eq "--bogus exits 2" "$rc" 2
expect_eq "--bogus prints nothing on stdout" "$out" ""
expect_eq "--bogus names the option and the hint on stderr" "$(cat "$tmp/err")" \
"tend: unknown option '--bogus'
Try 'tend --help' for more."

out=$("$TEND_BIN" frobnicate 2>"$tmp/err"); rc=$?
expect_eq "an unknown command exits 2" "$rc" 2
check "an unknown command is named on stderr" grep -q "unknown command 'frobnicate'" "$tmp/err"

out=$("$TEND_BIN" --version=3 2>"$tmp/err"); rc=$?
expect_eq "--version=3 is a usage error" "$rc" 2

# Every command that --help lists must exist (no command listed that is
# not built): running it with no arguments must not say "unknown command".
# Each runs in a throwaway HOME, with no journal, and without a controlling
# terminal (setsid), so nothing can stop to ask for a passphrase.
mkdir -p "$tmp/home"
for cmd in $("$TEND_BIN" --help | sed -n '/^commands:/,/^$/p' | sed -n 's/^  \([a-z-]\{1,\}\).*/\1/p'); do
    HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/data" TEND_JOURNAL="$tmp/home/none.db" \
        timeout 20 setsid "$TEND_BIN" "$cmd" </dev/null >/dev/null 2>"$tmp/err"
    if grep -q "unknown command" "$tmp/err"; then
        fail "--help lists '$cmd', which is not built"
    else
        pass "--help lists '$cmd', which exists"
    fi
done

# Without a terminal, opening the journal says so instead of garbling output.
out=$("$TEND_BIN" </dev/null 2>"$tmp/err"); rc=$?
check "without a terminal, tend explains it needs one" grep -q "terminal is needed" "$tmp/err"

# `tend read PAGE` refuses a page that is not in the content before it
# touches the terminal; `read` and `write` refuse extra arguments.
out=$(HOME="$tmp/home" TEND_JOURNAL="$tmp/home/none.db" setsid "$TEND_BIN" read no-such-page </dev/null 2>"$tmp/err"); rc=$?
expect_eq "read with an unknown page exits 2" "$rc" 2
check "read names the unknown page" grep -q "no library page called 'no-such-page'" "$tmp/err"
out=$(setsid "$TEND_BIN" read a b </dev/null 2>"$tmp/err"); rc=$?
expect_eq "read with two pages exits 2" "$rc" 2
out=$(setsid "$TEND_BIN" write extra </dev/null 2>"$tmp/err"); rc=$?
expect_eq "write with an argument exits 2" "$rc" 2
