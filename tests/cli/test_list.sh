# tend list: each filter (--kind, --tag, --since, --until), the date forms
# (YYYY-MM-DD, today, yesterday, Nd, Nw), --search (case, accents, the
# texts searched and not searched, matching lines), --format json, and the
# usage errors. The journal is tests/data/list/journal.json imported into a
# fresh journal; the clock is fixed at 2024-05-10 12:00 UTC.
#
# The records, newest first (short id, local day, kind):
#   b4000000 2024-05-10 checkin  body "a note in the body: naïve hope"
#   b3000000 2024-05-09 entry    "Plain" #work, body 日記を書いた。 / 🌱 growing
#   b2000000 2024-05-03 checkin  triggers conflict, other; triggers.other
#                                "a loud phone call"; note "... Straße noise"
#   b1000000 2024-05-01 entry    "Café morning" #family, body "We met at the CAFÉ."
#   b5000000 2024-04-20 entry    "Old" #Family
source "$(dirname "$0")/../lib.sh"
tmp=$(mktmp)
export HOME=$tmp/home XDG_DATA_HOME= TEND_JOURNAL=
mkdir -p "$HOME"
J=$tmp/journal.db
PASS='list pass'
export TEND_TEST_NOW=1715342400 # 2024-05-10 12:00:00 UTC

t() { "$TEND_BIN" --journal "$J" --passphrase-fd 3 "$@" 3<<<"$PASS" </dev/null; }
# ids ARGS...: the short ids tend list prints, one line, in order
ids() { t list "$@" | grep -v $'^\t' | cut -f1 | tr '\n' ' ' | sed 's/ $//'; }

t init --kdf min >/dev/null
t import "$REPO_DIR/tests/data/list/journal.json" >/dev/null
expect_eq "the test journal is in place" "$(ids)" "b4000000 b3000000 b2000000 b1000000 b5000000"

# ---- kind and tag ------------------------------------------------------------------
expect_eq "--kind checkin" "$(ids --kind checkin)" "b4000000 b2000000"
expect_eq "--kind entry" "$(ids --kind entry)" "b3000000 b1000000 b5000000"
expect_eq "--tag ignores ASCII case" "$(ids --tag FAMILY)" "b1000000 b5000000"
expect_eq "--tag with no record" "$(ids --tag none)" ""
out=$(t list --kind checkin | head -1)
expect_eq "a check-in line" "$out" $'b4000000\t2024-05-10 08:00\tcheckin\t\t'

# ---- dates --------------------------------------------------------------------------
expect_eq "--since YYYY-MM-DD takes the day" "$(ids --since 2024-05-03)" "b4000000 b3000000 b2000000"
expect_eq "--until YYYY-MM-DD takes the day" "$(ids --until 2024-05-03)" "b2000000 b1000000 b5000000"
expect_eq "--since and --until" "$(ids --since 2024-05-01 --until 2024-05-09)" \
    "b3000000 b2000000 b1000000"
expect_eq "--since today" "$(ids --since today)" "b4000000"
expect_eq "--since yesterday" "$(ids --since yesterday)" "b4000000 b3000000"
expect_eq "--until yesterday" "$(ids --until yesterday)" "b3000000 b2000000 b1000000 b5000000"
expect_eq "--since 7d (from 3 May)" "$(ids --since 7d)" "b4000000 b3000000 b2000000"
expect_eq "--since 1w is 7d" "$(ids --since 1w)" "b4000000 b3000000 b2000000"
expect_eq "--since 3w (from 19 April)" "$(ids --since 3w)" \
    "b4000000 b3000000 b2000000 b1000000 b5000000"
expect_eq "--since 2w --kind entry" "$(ids --since 2w --kind entry)" "b3000000 b1000000"
t list --since someday >/dev/null 2>"$tmp/err"; rc=$?
expect_eq "a date tend cannot read is a usage error" "$rc" 2
check "which names the forms" grep -q "YYYY-MM-DD" "$tmp/err"
t list --since 2024-05-09 --until 2024-05-03 >/dev/null 2>"$tmp/err"; rc=$?
expect_eq "--until before --since is a usage error" "$rc" 2
t list --kind note >/dev/null 2>&1; rc=$?
expect_eq "an unknown --kind is a usage error" "$rc" 2

# ---- search -------------------------------------------------------------------------
out=$(t list --search cafe); rc=$?
expect_eq "--search exits 0" "$rc" 0
expect_eq "--search finds title and body, ignoring case and accents" "$out" \
    $'b1000000\t2024-05-01 09:00\tentry\tCafé morning\t#family\n\ttitle:1: Café morning\n\tbody:1: We met at the CAFÉ.'
expect_eq "ß matches ss, in a check-in note" "$(t list --search strasse)" \
    $'b2000000\t2024-05-03 20:00\tcheckin\t\t\n\tfield:note:1: Slept badly after the Straße noise'
expect_eq "typed 'something else' words are searched" "$(t list --search PHONE | tail -1)" \
    $'\tfield:triggers.other:1: a loud phone call'
expect_eq "option ids are answers, not text" "$(t list --search conflict)" ""
expect_eq "a check-in's note body is searched" "$(t list --search 'NAIVE' | tail -1)" \
    $'\tbody:1: a note in the body: naïve hope'
expect_eq "CJK text" "$(t list --search 日記 | tail -1)" $'\tbody:1: 日記を書いた。'
expect_eq "emoji, on the second line" "$(t list --search 🌱 | tail -1)" $'\tbody:2: 🌱 growing'
expect_eq "tags are searched" "$(ids --search famil)" "b1000000 b5000000"
expect_eq "--search with filters" "$(ids --search famil --until 2024-04-30)" "b5000000"
expect_eq "--search with --kind" "$(ids --search cafe --kind checkin)" ""
t list --search '' >/dev/null 2>"$tmp/err"; rc=$?
expect_eq "an empty search is a usage error" "$rc" 2
check "which says so" grep -q "nothing to search for" "$tmp/err"
"$TEND_BIN" --journal "$J" --passphrase-fd 3 list --search $'a\nb' 3<<<"$PASS" >/dev/null 2>&1; rc=$?
expect_eq "a search over two lines is a usage error" "$rc" 2

# ---- json ---------------------------------------------------------------------------
out=$(t list --format json); rc=$?
expect_eq "--format json exits 0" "$rc" 0
expect_eq "json: an array" "$(head -c1 <<<"$out")$(tail -c2 <<<"$out")" "[]"
expect_eq "json: one object per record" "$(grep -c '^    "id": ' <<<"$out")" 5
check "json: times with their offset" grep -q '"created": "2024-05-10T08:00:00+00:00"' <<<"$out"
check "json: check-in fields" grep -q '"key": "triggers.other"' <<<"$out"
expect_eq "json: fields only for check-ins" "$(grep -c '"fields": ' <<<"$out")" 2
check "json: no matches without --search" test "$(grep -c '"matches"' <<<"$out")" = 0
out=$(t list --format json --search 'cafe')
check "json: --search gives the matching lines" grep -q '"text": "We met at the CAFÉ."' <<<"$out"
expect_eq "json: ranges are bytes of the line" \
    "$(tr -d ' \n' <<<"$out" | grep -o '"text":"WemetattheCAFÉ.","ranges":\[\[[0-9]*,[0-9]*\]\]')" \
    '"text":"WemetattheCAFÉ.","ranges":[[14,19]]'
expect_eq "json: an empty result is an empty array" "$(t list --format json --search zzz)" "[]"
t list --format xml >/dev/null 2>&1; rc=$?
expect_eq "an unknown --format is a usage error" "$rc" 2
