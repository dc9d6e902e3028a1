# tend history and tend insights: listed in --help, take no arguments (exit
# 2 before anything is opened), and on the seeded journal of the History UI
# tests (tests/data/history/journal.json) the import gives the records those
# tests expect: 157 check-ins and 4 entries, today's two records first.
source "$(dirname "$0")/../lib.sh"
tmp=$(mktmp)
export HOME=$tmp/home XDG_DATA_HOME= TEND_JOURNAL=
mkdir -p "$HOME"
J=$tmp/journal.db
export TEND_TEST_NOW=1768478400 # 2026-01-15 12:00:00 UTC
t() { "$TEND_BIN" --journal "$J" --passphrase-fd 3 "$@" 3<<<"pw" </dev/null; }

help=$("$TEND_BIN" --help 2>&1)
for c in history insights; do
    if grep -q "^  *$c " <<<"$help"; then pass "looking: --help lists $c"
    else fail "looking: --help lists $c" "$help"; fi
    "$TEND_BIN" --journal "$J" "$c" extra </dev/null > "$tmp/out" 2> "$tmp/err"
    expect_eq "looking: $c with an argument is a usage error" "$?" 2
    if grep -q "takes no arguments" "$tmp/err"; then pass "looking: $c says it takes no arguments"
    else fail "looking: $c says it takes no arguments" "$(cat "$tmp/err")"; fi
    [ ! -e "$J" ] && pass "looking: $c with an argument creates nothing" \
        || fail "looking: $c with an argument creates nothing"
done

t init --kdf min > /dev/null
t import --format tend-json "$REPO_DIR/tests/data/history/journal.json" > "$tmp/import"
expect_eq "looking: the seeded journal imports whole" "$(cat "$tmp/import")" \
    "imported 4 entries, 157 check-ins; skipped 0 duplicates"
expect_eq "looking: check-ins in the seeded journal" "$(t list --kind checkin | grep -vc $'^\t')" 157
expect_eq "looking: today's records come first" \
    "$(t list --since today | grep -v $'^\t' | cut -f2,3,4)" \
    "$(printf '2026-01-15 09:00\tentry\tMorning walk\n2026-01-15 08:00\tcheckin\t')"
