# tend export / import end to end: plaintext needs a yes; files are 0600
# and never replace anything; json -> new journal -> json is identical but
# for the export time, directly and through an encrypted bundle; jrnl's
# JSON comes in with every field and goes back out byte for byte; a
# therapist export leaves private records out; damaged bundles (every byte
# flipped, truncated, chunks swapped) exit 4 and import nothing; malformed
# JSON names the place and leaves the journal byte-identical.
source "$(dirname "$0")/../lib.sh"
tmp=$(mktmp)
export HOME=$tmp/home XDG_DATA_HOME= TEND_JOURNAL=
mkdir -p "$HOME"
DATA=$REPO_DIR/tests/data/port
PASS='pass phrase ☕'
BPASS='bundle phrase 🔒'

# tj JOURNAL ARGS...: tend on JOURNAL with $PASS on fd 3 (and $BPASS after it)
tj() { local j=$1; shift; "$TEND_BIN" --journal "$j" --passphrase-fd 3 "$@" 3<<<"$PASS"$'\n'"$BPASS" </dev/null; }
# ta JOURNAL ARGS...: the same, with standard input left to the caller (add)
ta() { local j=$1; shift; "$TEND_BIN" --journal "$j" --passphrase-fd 3 "$@" 3<<<"$PASS"; }
mkj() { tj "$1" init --kdf min >/dev/null; }
# nox FILE: a tend-json file without its export time, for comparing
nox() { grep -v '^  "exported": ' "$1"; }

A=$tmp/a.db
mkj "$A"
out=$(tj "$A" import "$DATA/rich.json" 2>"$tmp/err"); rc=$?
expect_eq "import of a tend-json file exits 0" "$rc" 0
expect_eq "import reports what came in" "$out" "imported 3 entries, 1 check-in; skipped 0 duplicates"
printf 'Zweiter Absatz folgt.\n\nHier ist er: ünïcödé 🌱\n' | ta "$A" add --title "Added here" --tag new >/dev/null

# ---- plaintext needs a yes -------------------------------------------------------------
cp "$A" "$tmp/a.before"
out=$(tj "$A" export 2>"$tmp/err"); rc=$?
expect_eq "export without a terminal and without --yes is refused (exit 2)" "$rc" 2
expect_eq "the refused export prints nothing" "$out" ""
check "the refusal says why and what to add" grep -q "not encrypted.*--yes" "$tmp/err"
tj "$A" export -o "$tmp/refused.json" >/dev/null 2>&1
check "the refused export creates no file" test ! -e "$tmp/refused.json"
tj "$A" export --format markdown --for-therapist >/dev/null 2>&1; rc=$?
expect_eq "a therapist export without --yes is refused too" "$rc" 2

# ---- json out, 0600, never replacing ---------------------------------------------------
tj "$A" export --yes -o "$tmp/a.json" 2>"$tmp/err"; rc=$?
expect_eq "export --yes -o FILE exits 0" "$rc" 0
expect_eq "the exported file is 0600" "$(stat -c %a "$tmp/a.json")" 600
check "stderr says the export is not encrypted" grep -q "NOT encrypted" "$tmp/err"
check "the export is tend-json version 1" grep -q '"format": "tend-json",' "$tmp/a.json"
check "the export carries the starred flag" grep -q '"starred": true' "$tmp/a.json"
check "the export carries check-in answers" grep -q '"key": "trigger"' "$tmp/a.json"
check "the export carries the UTC offset" grep -q '"utc_offset": -18000' "$tmp/a.json"
cp "$tmp/a.json" "$tmp/a.copy"
tj "$A" export --yes -o "$tmp/a.json" >/dev/null 2>"$tmp/err"; rc=$?
expect_eq "export will not overwrite a file (exit 1)" "$rc" 1
check "and leaves it as it was" cmp -s "$tmp/a.json" "$tmp/a.copy"
check "no temporary file is left behind" test "$(ls -A "$tmp" | grep -c '^\.tend-export')" = 0
check "export changed nothing in the journal" cmp -s "$A" "$tmp/a.before"

# ---- round trip: json -> new journal -> json ----------------------------------------------
B=$tmp/b.db
mkj "$B"
out=$(tj "$B" import "$tmp/a.json" 2>"$tmp/err"); rc=$?
expect_eq "import of the export exits 0" "$rc" 0
expect_eq "import reports it" "$out" "imported 4 entries, 1 check-in; skipped 0 duplicates"
tj "$B" export --yes -o "$tmp/b.json" 2>/dev/null
check "json -> import -> json is identical but for the export time" \
    cmp -s <(nox "$tmp/a.json") <(nox "$tmp/b.json")
check "and the export times differ only in that line" \
    test "$(diff "$tmp/a.json" "$tmp/b.json" | grep -c '^[<>]')" -le 2
out=$(tj "$B" import "$tmp/a.json" 2>&1)
expect_eq "importing again skips every record as a duplicate" "$out" \
    "imported 0 entries, 0 check-ins; skipped 5 duplicates"
out=$(tj "$B" list 2>/dev/null | grep -c .)
expect_eq "and adds nothing" "$out" 5

# ---- filters --------------------------------------------------------------------------------
# (days are this machine's, TZ=UTC: the check-in at 19:05-05:00 is 00:05 on the 13th)
n=$(tj "$A" export --yes --since 2024-01-11 --until 2024-01-13 2>/dev/null | grep -c '"uuid"')
expect_eq "--since/--until keep the records of those days" "$n" 2
n=$(tj "$A" export --yes --kind checkin 2>/dev/null | grep -c '"uuid"')
expect_eq "--kind checkin keeps check-ins only" "$n" 1
tj "$A" export --yes --since lastweek >/dev/null 2>&1; rc=$?
expect_eq "a date that is not one is a usage error" "$rc" 2

# ---- the encrypted bundle ---------------------------------------------------------------------
tj "$A" export --encrypted --kdf min -o "$tmp/a.tend" >"$tmp/out" 2>"$tmp/err"; rc=$?
expect_eq "export --encrypted exits 0" "$rc" 0
expect_eq "the bundle is 0600" "$(stat -c %a "$tmp/a.tend")" 600
check "the bundle holds no plaintext" bash -c "! grep -qa -e 'PRIVATE-MARK' -e 'Added here' -e 'tend-json' '$tmp/a.tend'"
check "export --encrypted does not say plaintext" bash -c "! grep -q 'NOT encrypted' '$tmp/err'"
tj "$A" export --encrypted >/dev/null 2>&1; rc=$?
expect_eq "--encrypted without -o is a usage error" "$rc" 2
C=$tmp/c.db
mkj "$C"
out=$(tj "$C" import "$tmp/a.tend" 2>"$tmp/err"); rc=$?
expect_eq "import of the bundle (format found by itself) exits 0" "$rc" 0
expect_eq "import of the bundle reports it" "$out" \
    "imported 4 entries, 1 check-in; skipped 0 duplicates"
tj "$A" export --yes --kind all -o "$tmp/a-all.json" 2>/dev/null
tj "$C" export --yes --kind all -o "$tmp/c-all.json" 2>/dev/null
check "json -> bundle -> import -> json is identical but for the export time" \
    cmp -s <(nox "$tmp/a-all.json") <(nox "$tmp/c-all.json")

D=$tmp/d.db
mkj "$D"
cp "$D" "$tmp/d.before"
"$TEND_BIN" --journal "$D" --passphrase-fd 3 import --format tend-encrypted "$tmp/a.tend" \
    3<<<"$PASS"$'\n'"not the phrase" </dev/null >/dev/null 2>"$tmp/err"; rc=$?
expect_eq "a wrong bundle passphrase exits 3" "$rc" 3
check "and says so" grep -q "wrong passphrase for this bundle" "$tmp/err"
check "and leaves the journal byte-identical" cmp -s "$D" "$tmp/d.before"

# A small bundle: every byte flipped in turn is refused with exit 4 and
# imports nothing (the journal is compared once at the end).
S=$tmp/s.db
mkj "$S"
printf 'x' | ta "$S" add >/dev/null
tj "$S" export --encrypted --kdf min -o "$tmp/s.tend" 2>/dev/null
size=$(stat -c %s "$tmp/s.tend")
bad=""
cp "$tmp/s.tend" "$tmp/f.tend"
read -r -d '' -a bytes < <(od -An -tu1 -v "$tmp/s.tend")
expect_eq "od read every byte of the bundle" "${#bytes[@]}" "$size"
for ((i = 0; i < size; i++)); do
    byte=${bytes[i]}
    printf "\\x$(printf %02x $((byte ^ 0x20)))" | dd of="$tmp/f.tend" bs=1 seek="$i" conv=notrunc status=none
    tj "$D" import --format tend-encrypted "$tmp/f.tend" >/dev/null 2>&1; rc=$?
    [ "$rc" -eq 4 ] || bad="$bad $i:$rc"
    printf "\\x$(printf %02x "$byte")" | dd of="$tmp/f.tend" bs=1 seek="$i" conv=notrunc status=none
done
expect_eq "each of the $size bytes of a bundle flipped is refused with exit 4" "$bad" ""
check "the loop restored the bundle (so the flips were real)" cmp -s "$tmp/f.tend" "$tmp/s.tend"
printf 'TENDBNDX' | dd of="$tmp/f.tend" bs=1 conv=notrunc status=none
tj "$D" import "$tmp/f.tend" >/dev/null 2>"$tmp/err"; rc=$?
expect_eq "a bundle with a damaged magic is still seen as a damaged bundle (exit 4)" "$rc" 4
bad=""
for n in 0 1 8 75 76 100 $((size / 2)) $((size - 33)) $((size - 32)) $((size - 1)); do
    head -c "$n" "$tmp/s.tend" > "$tmp/t.tend"
    tj "$D" import --format tend-encrypted "$tmp/t.tend" >/dev/null 2>"$tmp/err"; rc=$?
    [ "$rc" -eq 4 ] || bad="$bad $n:$rc"
done
expect_eq "a bundle cut short anywhere is refused with exit 4" "$bad" ""
check "a cut bundle says it is damaged" grep -q "damaged" "$tmp/err"

# Reordered chunks: a journal big enough for several 64 KiB chunks; the
# second and third chunks swapped, with and without a checksum that fits.
R=$tmp/r.db
mkj "$R"
for k in 1 2 3 4; do head -c 60000 /dev/zero | tr '\0' "$k" | ta "$R" add --title "big $k" >/dev/null; done
tj "$R" export --encrypted --kdf min -o "$tmp/r.tend" 2>/dev/null
full=$((65536 + 17))
rsize=$(stat -c %s "$tmp/r.tend")
check "the big bundle has more than three chunks" test "$rsize" -gt $((76 + 3 * full + 32))
{
    head -c $((76 + full)) "$tmp/r.tend"
    tail -c +$((76 + 2 * full + 1)) "$tmp/r.tend" | head -c "$full"
    tail -c +$((76 + full + 1)) "$tmp/r.tend" | head -c "$full"
    tail -c +$((76 + 3 * full + 1)) "$tmp/r.tend"
} > "$tmp/swapped.tend"
expect_eq "the swapped bundle has the same size" "$(stat -c %s "$tmp/swapped.tend")" "$rsize"
tj "$D" import "$tmp/swapped.tend" >/dev/null 2>&1; rc=$?
expect_eq "a bundle with two chunks swapped is refused with exit 4" "$rc" 4
# Now make the checksum fit, so only the stream's own order can catch it.
body=$((rsize - 32))
{
    head -c "$body" "$tmp/swapped.tend"
    printf "$(head -c "$body" "$tmp/swapped.tend" | b2sum -l 256 | cut -d' ' -f1 | sed 's/../\\x&/g')"
} > "$tmp/swapped2.tend"
tj "$D" import "$tmp/swapped2.tend" >/dev/null 2>"$tmp/err"; rc=$?
expect_eq "swapped chunks with a fitting checksum are refused with exit 4" "$rc" 4
check "and the message names the part that does not open" grep -q "part 2 does not open" "$tmp/err"
{
    head -c "$body" "$tmp/r.tend"
    printf "$(head -c "$body" "$tmp/r.tend" | b2sum -l 256 | cut -d' ' -f1 | sed 's/../\\x&/g')"
} > "$tmp/same.tend"
check "(the checksum rebuilt the same way on the untouched bundle is the real one)" \
    cmp -s "$tmp/same.tend" "$tmp/r.tend"
check "no damaged bundle imported anything" cmp -s "$D" "$tmp/d.before"

# ---- malformed JSON: the place is named, nothing changes ------------------------------------------
# bad_json NAME FILE WANT: import FILE into $D; exit 1, stderr matches WANT.
bad_json() {
    tj "$D" import "$2" >/dev/null 2>"$tmp/err"; local rc=$?
    expect_eq "malformed ($1) exits 1" "$rc" 1
    if grep -q -- "$3" "$tmp/err"; then pass "malformed ($1) names the place"; else
        fail "malformed ($1) names the place" "got: $(cat "$tmp/err")" "want: $3"; fi
    check "malformed ($1) leaves the journal byte-identical" cmp -s "$D" "$tmp/d.before"
}
sed '5s/$/,,/' "$DATA/rich.json" > "$tmp/m1.json"
bad_json "syntax error" "$tmp/m1.json" "m1.json: line 5, column .*; nothing was imported"
sed 's/"title": "February"/"title": 7/' "$DATA/rich.json" > "$tmp/m2.json"
bad_json "wrong type" "$tmp/m2.json" "records\[3\]\.title: must be a string"
sed '/"created": "2024-01-12/d' "$DATA/rich.json" > "$tmp/m3.json"
bad_json "missing field" "$tmp/m3.json" "records\[2\]\.created: missing"
sed 's/2024-02-01T10:00:00+00:00/2024-02-30T10:00:00+00:00/' "$DATA/rich.json" > "$tmp/m4.json"
bad_json "bad date" "$tmp/m4.json" "records\[3\]\.created: '2024-02-30T10:00:00+00:00' is not"
sed 's/Only for me/Only \xff for me/' "$DATA/rich.json" > "$tmp/m5.json"
bad_json "invalid UTF-8" "$tmp/m5.json" "line 27, column .*0xff"
sed 's/"version": 1/"version": 9/' "$DATA/rich.json" > "$tmp/m6.json"
bad_json "newer version" "$tmp/m6.json" "version: 9 is newer than this tend reads"
printf '{"entries": [{"title": "t", "date": "2024-13-01", "time": "10:00"}]}' > "$tmp/m7.json"
bad_json "jrnl bad date" "$tmp/m7.json" "entries\[0\]\.date"
tj "$D" import "$tmp/nothere.json" >/dev/null 2>&1; rc=$?
expect_eq "a missing file exits 1" "$rc" 1
tj "$D" import >/dev/null 2>&1; rc=$?
expect_eq "import without a file is a usage error" "$rc" 2
tj "$D" import --format yaml "$DATA/rich.json" >/dev/null 2>&1; rc=$?
expect_eq "import with an unknown format is a usage error" "$rc" 2

# ---- jrnl in and back out ---------------------------------------------------------------------------
Jr=$tmp/jr.db
mkj "$Jr"
out=$(tj "$Jr" import --format jrnl-json "$DATA/jrnl.json" 2>"$tmp/err"); rc=$?
expect_eq "import of a jrnl file exits 0" "$rc" 0
expect_eq "jrnl import reports it" "$out" "imported 3 entries, 0 check-ins; skipped 0 duplicates"
id=$(tj "$Jr" list 2>/dev/null | grep 'Nach dem' | cut -f1)
shown=$(tj "$Jr" show "$id" 2>/dev/null)
check "the starred jrnl entry is starred" grep -qx "starred: yes" <<<"$shown"
check "its date and time arrived" grep -qx "date: 2023-03-04 22:47" <<<"$shown"
check "its tag arrived without the @" grep -qx "tags: #family" <<<"$shown"
check "its multi-paragraph Unicode body arrived" grep -qx "Danach: Stille. Aber auch ein bisschen Erleichterung. 🌧️→🌤️" <<<"$shown"
tj "$Jr" export --yes --format jrnl-json -o "$tmp/jr.json" 2>/dev/null
check "jrnl -> tend -> jrnl-json gives back the same file" cmp -s "$tmp/jr.json" "$DATA/jrnl.json"
out=$(tj "$Jr" import "$DATA/jrnl.json" 2>&1)
expect_eq "the jrnl file again: all duplicates" "$out" \
    "imported 0 entries, 0 check-ins; skipped 3 duplicates"
tj "$A" export --yes --format jrnl-json --kind checkin >/dev/null 2>&1; rc=$?
expect_eq "jrnl-json of check-ins is a usage error" "$rc" 2

# ---- Markdown and the therapist export --------------------------------------------------------------
tj "$A" export --yes --format markdown --for-therapist -o "$tmp/share.md" 2>"$tmp/err"; rc=$?
expect_eq "therapist export exits 0" "$rc" 0
expect_eq "the therapist file is 0600" "$(stat -c %a "$tmp/share.md")" 600
check "it leaves out what is marked private" bash -c "! grep -q 'PRIVATE-MARK\|Only for me' '$tmp/share.md'"
check "it has the other entries" grep -q "^## 2024-01-10 21:30 · Ein guter Abend ☕$" "$tmp/share.md"
check "it has the check-in answers" grep -qx -- "- trigger: a phone call" "$tmp/share.md"
check "it previews what is shared" grep -q "to share: 3 entries, 1 check-in; from 2024-01-10 to " "$tmp/err"
tj "$A" export --yes --format markdown --for-therapist --since 2024-02-01 2>/dev/null > "$tmp/feb.md"
check "the therapist export honours --since" bash -c "! grep -q 'Ein guter Abend' '$tmp/feb.md' && grep -q '· February' '$tmp/feb.md'"
tj "$A" export --yes --format markdown -o "$tmp/days/" 2>"$tmp/err"; rc=$?
expect_eq "markdown -o DIR/ exits 0" "$rc" 0
check "one file per day" test -f "$tmp/days/2024-01-10.md" -a -f "$tmp/days/2024-02-01.md"
expect_eq "day files are 0600" "$(stat -c %a "$tmp/days/2024-01-11.md")" 600
check "a day file has that day's entry" grep -q "PRIVATE-MARK" "$tmp/days/2024-01-11.md"
n=$(ls "$tmp/days" | wc -l)
tj "$A" export --yes --format markdown -o "$tmp/days" >/dev/null 2>&1; rc=$?
expect_eq "markdown into a folder that has those days already exits 1" "$rc" 1
expect_eq "and writes no new files" "$(ls "$tmp/days" | wc -l)" "$n"
tj "$A" export --yes -o "$tmp/days" >/dev/null 2>&1; rc=$?
expect_eq "json into a folder is a usage error" "$rc" 2

exit 0
