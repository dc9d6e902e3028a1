# The documentation tells the truth about this build:
# - `tend --help` and man/tend.1 list the same commands, and the same options
#   for each command and globally; every option the commands' parsers accept
#   (the tend_optspec tables in src/cli/) is in both;
# - mandoc -Tlint finds nothing in man/tend.1;
# - make install DESTDIR=... puts the binary, the man page and both
#   completions in place, the installed page renders with man -l, and make
#   uninstall leaves no file behind;
# - the bash completion loads and completes commands, options and --format
#   values exactly as --help lists them; the zsh one parses and reads the
#   same commands and values;
# - the screens in README.md are what the program shows today.
# (The KEYS section of the man page is checked by tests/unit/test_docs_keys.)
source "$(dirname "$0")/../lib.sh"
tmp=$(mktmp)
man_src=$REPO_DIR/man/tend.1
help=$("$TEND_BIN" --help)

# ---- help vs man -------------------------------------------------------------
# Help: "  NAME SYNOPSIS" lines under "commands:" (summary after two spaces
# or on the next, deeper-indented line); "  --NAME ..." under "options:".
# Prints "COMMAND OPTION" lines, "COMMAND -" for a command, "* OPTION" for
# a global option.
help_items() {
    awk '
        /^commands:$/ { sect = "c"; next }
        /^options:$/ { sect = "o"; next }
        /^$/ { sect = ""; next }
        sect == "o" && /^  -/ { print "* " $1; next }
        sect == "c" && /^  [^ ]/ { cmd = $1; print cmd " -"; sub(/^  [^ ]+/, "") }
        sect == "c" {
            s = " " $0
            while (match(s, /[ \[|(]--?[a-z][a-z-]*/)) {
                print cmd " " substr(s, RSTART + 1, RLENGTH - 1)
                s = substr(s, RSTART + RLENGTH)
            }
        }' | sort -u
}
# Man: under .Sh OPTIONS, the Fl words of .It lines; under .Sh COMMANDS,
# ".It Nm Cm NAME" starts a command and the Fl words of its .It lines (the
# header and its option list) are its options.
man_items() {
    awk '
        /^\.Sh / { sect = $2; next }
        sect == "COMMANDS" && /^\.It Nm Cm / { cmd = $4; print cmd " -" }
        (sect == "OPTIONS" || (sect == "COMMANDS" && cmd != "")) && /^\.It / {
            for (i = 2; i < NF; i++) if ($i == "Fl") {
                w = $(i + 1); gsub(/\\/, "", w)
                print (sect == "OPTIONS" ? "*" : cmd) " -" w
            }
        }' "$man_src" | sort -u
}
help_items <<<"$help" > "$tmp/help.items"
man_items > "$tmp/man.items"
if [ "$(grep -c ' -$' "$tmp/help.items")" -lt 5 ] || [ "$(grep -c '^\* ' "$tmp/help.items")" -lt 3 ]; then
    fail "docs: could not read the commands and options from tend --help" "$(cat "$tmp/help.items")"
elif diff "$tmp/help.items" "$tmp/man.items" > "$tmp/items.diff"; then
    pass "docs: tend --help and man/tend.1 list the same $(grep -c ' -$' "$tmp/help.items") commands and the same options"
else
    fail "docs: tend --help and man/tend.1 differ ('<' only in --help, '>' only in the man page; '* OPT' is a global option, 'CMD -' a command; add it to man/tend.1 COMMANDS/OPTIONS or to src/cli/commands.c)" \
        "$(cat "$tmp/items.diff")"
fi

# Every option a command's parser accepts is documented (src/cli/*.c
# tend_optspec rows: { "name", true|false }).
grep -ohE '\{ *"[a-z][a-z-]*", *(true|false) *\}' "$REPO_DIR"/src/cli/*.c |
    sed -E 's/\{ *"([a-z-]+)".*/--\1/' | sort -u > "$tmp/accepted"
missing=$(awk '{ print $2 }' "$tmp/man.items" | sort -u | comm -23 "$tmp/accepted" -)
if [ "$(wc -l < "$tmp/accepted")" -lt 5 ]; then
    fail "docs: could not read the option tables in src/cli/"
elif [ -z "$missing" ]; then
    pass "docs: every option the commands accept ($(wc -l < "$tmp/accepted")) is in the man page"
else
    fail "docs: options accepted by src/cli/ but missing from man/tend.1 and --help" "$missing"
fi

# ---- lint and install ---------------------------------------------------------
if ! command -v mandoc > /dev/null; then
    fail "docs: mandoc is not installed (make deps installs it)"
else
    lint=$(mandoc -Tlint -Wstyle "$man_src" 2>&1); rc=$?
    if [ "$rc" -eq 0 ] && [ -z "$lint" ]; then
        pass "docs: mandoc -Tlint finds nothing in man/tend.1"
    else
        fail "docs: mandoc -Tlint man/tend.1 (exit $rc)" "$lint"
    fi
fi

# The release build lives beside the test build (BUILD/test/tend).
build=$(dirname "$(dirname "$TEND_BIN")")
dest=$tmp/dest
mk() { env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s -C "$REPO_DIR" BUILD="$build" "$@"; }
if mk -j"$(nproc 2> /dev/null || echo 2)" install DESTDIR="$dest" > "$tmp/install.log" 2>&1; then
    pass "docs: make install DESTDIR=... succeeds"
else
    fail "docs: make install DESTDIR=... failed" "$(tail -20 "$tmp/install.log")"
fi
p=$dest/usr/local
want="$p/bin/tend 755
$p/share/bash-completion/completions/tend 644
$p/share/man/man1/tend.1 644
$p/share/zsh/site-functions/_tend 644"
got=$(find "$dest" ! -type d -printf '%p %m\n' 2> /dev/null | sort)
expect_eq "docs: install puts exactly the binary, the man page and both completions" "$got" "$want"
check "docs: the installed tend runs" bash -c "'$p/bin/tend' --version | grep -q '^tend '"
check "docs: the installed man page is the one in man/" cmp -s "$man_src" "$p/share/man/man1/tend.1"
rendered=$(MANWIDTH=80 man -l -P cat "$p/share/man/man1/tend.1" 2> "$tmp/man.err" | col -b)
if grep -q '^COMMANDS' <<<"$rendered" && grep -q 'tend init' <<<"$rendered" &&
   grep -q '^EXIT STATUS' <<<"$rendered" && ! grep -qi 'warning\|error' "$tmp/man.err"; then
    pass "docs: man -l renders the installed page"
else
    fail "docs: man -l does not render the installed page" "$(head -5 "$tmp/man.err")" "$(head -20 <<<"$rendered")"
fi
mk uninstall DESTDIR="$dest" > "$tmp/uninstall.log" 2>&1
left=$(find "$dest" ! -type d 2> /dev/null)
expect_eq "docs: make uninstall removes every file install put there" "$left" ""

# ---- bash completion --------------------------------------------------------------
comp="$REPO_DIR/completions/tend.bash"
expect_eq "docs: the bash completion loads" \
    "$(bash -c "source '$comp' && complete -p tend" 2>&1)" "complete -F _tend tend"
# Completes the words after "tend" (the last is the one being completed) and
# prints the candidates sorted, one a line.
bcomp() {
    bash -c 'source "$1"; shift
             COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
             _tend; printf "%s\n" "${COMPREPLY[@]}"' _ "$comp" "$TEND_BIN" "$@" | sed '/^$/d' | sort
}
help_cmds=$(sed -n 's/ -$//p' "$tmp/help.items" | grep -v '^\*' | sort)
expect_eq "docs: bash completes every command --help lists" "$(bcomp "")" "$help_cmds"
expect_eq "docs: bash completes a command from its start" "$(bcomp ex)" "export"
expect_eq "docs: bash skips a global option's argument" "$(bcomp --journal /nowhere li)" "list"
globals=$(sed -n 's/^\* //p' "$tmp/help.items")
for cmd in $help_cmds; do
    want=$( (printf '%s\n' "$globals"; sed -n "s/^$cmd \(-.\{1,\}\)/\1/p" "$tmp/help.items") | sort -u)
    got=$( (bcomp "$cmd" --; bcomp "$cmd" -) | sort -u)
    expect_eq "docs: bash completes the options of $cmd" "$got" "$want"
done
nformat=0
while read -r cmd values; do
    nformat=$((nformat + 1))
    want=$(tr '|' '\n' <<<"$values" | sort)
    expect_eq "docs: bash completes $cmd --format values" "$(bcomp "$cmd" --format "")" "$want"
    first=${values%%|*}
    check "docs: bash completes $cmd --format=${first:0:2} to $first" \
        grep -qx -- "$first" <<<"$(bcomp "$cmd" "--format=${first:0:2}")"
done < <(sed -n 's/^  \([a-z-]*\) .*--format \([a-z|-]*\).*/\1 \2/p' <<<"$help")
[ "$nformat" -ge 2 ] && pass "docs: --format values read from $nformat commands" ||
    fail "docs: found fewer than two commands with --format values in --help"
expect_eq "docs: bash completes file names for a FILE argument" \
    "$(cd "$tmp" && touch backup-here && bcomp backup backup-h)" "backup-here"

# ---- zsh completion ---------------------------------------------------------------
if ! command -v zsh > /dev/null; then
    fail "docs: zsh is not installed (make deps installs it)"
else
    zcomp="$REPO_DIR/completions/_tend"
    check "docs: the zsh completion parses" zsh -n "$zcomp"
    got=$(zsh -fc 'source "$1"; _tend_parse_help "$2" && print -l -- ${(o)${_tend_cmds%%:*}}' _ "$zcomp" "$TEND_BIN")
    expect_eq "docs: zsh reads every command --help lists" "$got" "$help_cmds"
    got=$(zsh -fc 'source "$1"; _tend_parse_help "$2" && _tend_specs "${_tend_syn[export]}" ""' _ "$zcomp" "$TEND_BIN")
    want=$(sed -n 's/^  export .*--format \([a-z|-]*\).*/\1/p' <<<"$help" | tr '|' ' ')
    check "docs: zsh offers export's --format values ($want)" grep -qF -- "--format=[]:value:($want)" <<<"$got"
    check "docs: zsh completes file names after export -o" grep -qF -- "-o[]:file|dir:_files" <<<"$got"
fi

# ---- README screens ---------------------------------------------------------------
if out=$(TEND_BIN="$TEND_BIN" "$REPO_DIR/docs/screens/run" --check 2>&1); then
    pass "docs: README.md shows the screens the program shows today"
else
    fail "docs: README.md screens differ from the program (run make screens, review, commit)" "$out"
fi
exit 0
