# tend content-check: the real content passes, and deliberately broken
# copies of it (one kind of mistake each) are reported as FILE:LINE: MESSAGE.
source "$(dirname "$0")/../lib.sh"
tmp=$(mktmp)
cd "$REPO_DIR" || exit 1

# ---- the real content --------------------------------------------------------

out=$("$TEND_BIN" content-check content 2>"$tmp/err"); rc=$?
expect_eq "content-check content exits 0" "$rc" 0
expect_eq "content-check content prints no problems" "$(cat "$tmp/err")" ""
check "content-check content says what it checked" grep -q '^content: .*; no problems$' <<<"$out"

out=$("$TEND_BIN" content-check 2>/dev/null)
check "without DIR, ./content is checked" grep -q '^content: ' <<<"$out"
out=$(cd "$tmp" && "$TEND_BIN" content-check 2>/dev/null)
check "without DIR or ./content, the built-in content is checked" grep -q '^built-in content: ' <<<"$out"
out=$(cd "$tmp" && "$TEND_BIN" --content "$REPO_DIR/content" content-check 2>/dev/null)
check "--content DIR is what content-check checks" grep -q "^$REPO_DIR/content: " <<<"$out"

out=$("$TEND_BIN" --help 2>&1)
check "--help says which folder content-check checks by default" \
    grep -q 'content-check \[DIR\] .*DIR, else ./content, else built-in$' <<<"$out"

"$TEND_BIN" content-check a b >/dev/null 2>"$tmp/err"; rc=$?
expect_eq "two folders are a usage error" "$rc" 2
"$TEND_BIN" content-check --bogus >/dev/null 2>"$tmp/err"; rc=$?
expect_eq "an unknown option is a usage error" "$rc" 2

out=$("$TEND_BIN" content-check "$tmp/nope" 2>"$tmp/err"); rc=$?
expect_eq "a missing folder exits 1" "$rc" 1
expect_eq "a missing folder is named" "$(cat "$tmp/err")" \
    "$tmp/nope: cannot open the folder: No such file or directory"
mkdir -p "$tmp/empty"
"$TEND_BIN" content-check "$tmp/empty" >/dev/null 2>"$tmp/err"; rc=$?
expect_eq "a folder without content exits 1" "$rc" 1
check "a folder without content says so" grep -q "no content here" "$tmp/err"

# ---- broken copies -------------------------------------------------------------
# Each case copies content/ to a fresh folder, breaks one file in one way,
# and expects exactly the given problem lines for that file.

# The files broken below are the first of their kind that are clean now, so
# the test works on whatever the writers have there.
"$TEND_BIN" content-check content >/dev/null 2>"$tmp/real-problems"
first_clean() {
    local f
    for f in $(grep -l -- "$1" content/"$2"/*.md 2>/dev/null); do
        grep -q -F "$f:" "$tmp/real-problems" || { basename "$f"; return; }
    done
    fail "no clean file in content/$2 to break (matching '$1')"
}
page=$(first_clean '^## References$' pages)
steps=$(first_clean '^kind: steps' tools)
region=$(first_clean '^verified:' support)
[ -n "$page" ] && [ -n "$steps" ] && [ -n "$region" ] || exit 0

# fresh NAME: a new copy of content/ at $tmp/NAME; prints its path.
fresh() {
    rm -rf "${tmp:?}/$1"
    cp -R content "$tmp/$1"
    rm -f "$tmp/$1/README.md"
    local f
    for f in "$tmp/$1"/*/*.md; do # make sure each ends its last line
        [ -z "$(tail -c1 "$f")" ] || echo >> "$f"
    done
    printf '%s\n' "$tmp/$1"
}
# closing LINE of the header of FILE (the second '---').
closing() { grep -n -x -- '---' "$1" | sed -n 2p | cut -d: -f1; }
# expect_problem NAME DIR FILE EXPECTED: runs content-check DIR; the lines
# about FILE must equal EXPECTED (with FILE: in front), and it must exit 1.
expect_problem() {
    local name=$1 dir=$2 file=$3 want=$4 got rc
    "$TEND_BIN" content-check "$dir" >/dev/null 2>"$tmp/err"; rc=$?
    got=$(grep -F -- "$dir/$file:" "$tmp/err")
    expect_eq "broken copy: $name (exit 1)" "$rc" 1
    expect_eq "broken copy: $name" "$got" "$(printf '%s\n' "$want" | sed "s|^|$dir/$file:|")"
}

d=$(fresh missing-header); f=pages/$page
sed -i 1d "$d/$f"
expect_problem "missing header" "$d" "$f" \
    "1: missing header: the first line must be '---', then 'key: value' lines, then '---'"

d=$(fresh unterminated); f=pages/$page
sed -i "$(closing "$d/$f")d" "$d/$f"
expect_problem "unterminated header" "$d" "$f" \
    "1: unterminated header: no closing '---' line after the 'key: value' lines"

d=$(fresh malformed); f=pages/$page
sed -i '1a this line has no key' "$d/$f"
expect_problem "malformed header line" "$d" "$f" \
    "2: malformed header line 'this line has no key' (expected 'key: value' with a lower-case key)"

d=$(fresh unknown-key); f=pages/$page
sed -i '1a tittle: A typo' "$d/$f"
expect_problem "unknown key" "$d" "$f" \
    "2: unknown key 'tittle' (expected one of title, summary, section, order, note)"

d=$(fresh duplicate-key); f=pages/$page
sed -i '1a title: Twice' "$d/$f"
first=$(grep -n '^title:' "$d/$f" | sed -n 1p | cut -d: -f1)
second=$(grep -n '^title:' "$d/$f" | sed -n 2p | cut -d: -f1)
expect_problem "duplicate key" "$d" "$f" "$second: duplicate key 'title' (first on line $first)"

d=$(fresh missing-key); f=pages/$page
sed -i '/^order:/d' "$d/$f"
expect_problem "missing required key" "$d" "$f" "1: missing required key 'order'"

d=$(fresh bad-integer); f=pages/$page
sed -i 's/^order: .*/order: first/' "$d/$f"
l=$(grep -n '^order:' "$d/$f" | cut -d: -f1)
expect_problem "bad integer" "$d" "$f" \
    "$l: bad number 'first' for 'order' (expected a whole number, e.g. 3)"

d=$(fresh unknown-section); f=pages/$page
sed -i 's/^section: .*/section: Later/' "$d/$f"
l=$(grep -n '^section:' "$d/$f" | cut -d: -f1)
expect_problem "unknown section" "$d" "$f" \
    "$l: unknown section 'Later' (expected one of Start here, Understanding, How it shows up, Healing, Getting help)"

d=$(fresh unknown-kind); f=tools/$steps
sed -i 's/^kind: .*/kind: stretching/' "$d/$f"
l=$(grep -n '^kind:' "$d/$f" | cut -d: -f1)
expect_problem "unknown kind" "$d" "$f" "$l: unknown kind 'stretching' (expected steps or breathing)"

d=$(fresh bad-date); f=support/$region
sed -i 's/^verified: .*/verified: 2026-13/' "$d/$f"
l=$(grep -n '^verified:' "$d/$f" | cut -d: -f1)
expect_problem "bad verified date" "$d" "$f" \
    "$l: bad verified date '2026-13' (expected the year and month checked, YYYY-MM, e.g. 2026-11)"

d=$(fresh no-emergency); f=support/$region
sed -i '/^emergency:/d' "$d/$f"
expect_problem "region without an emergency number" "$d" "$f" \
    "1: missing required key 'emergency' (the emergency number first, then a few words, e.g. 'emergency: 911, if you or someone else is in danger now')"

d=$(fresh emergency-not-first); f=support/$region
number=$(sed -n 's/^emergency: \([0-9-]*\).*/\1/p' "$d/$f")
first=$(grep -n '^- ' "$d/$f" | sed -n 1p | cut -d: -f1)
sed -i "${first}d" "$d/$f"
expect_problem "region whose first line is not the emergency number" "$d" "$f" \
    "$first: the first entry must give the emergency number $number (from 'emergency'), so that it is shown first"

d=$(fresh no-references); f=pages/$page
sed -i 's/^## References$/## Sources/' "$d/$f"
expect_problem "page without References" "$d" "$f" \
    "$(( $(closing "$d/$f") + 1 )): no '## References' section: every page ends with its references"

d=$(fresh broken-link); f=pages/$page
printf '\nSee [this page](no-such-page.md).\n' >> "$d/$f"
expect_problem "link to a missing page" "$d" "$f" \
    "$(wc -l < "$d/$f"): link to 'no-such-page.md', which is not a page (no file pages/no-such-page.md)"

d=$(fresh no-steps); f=tools/$steps
sed -i -E 's/^([0-9]+)\. /- /' "$d/$f"
expect_problem "steps tool without an ordered list" "$d" "$f" \
    "$(( $(closing "$d/$f") + 1 )): a steps tool needs an ordered list (1. 2. 3.) holding its steps"

d=$(fresh no-prompts); f=prompts/zz-test-theme.md
mkdir -p "$d/prompts"
printf -- '---\ntheme: zz-test-theme\ntitle: A test\n---\nJust a paragraph, no list.\n' > "$d/$f"
expect_problem "prompt theme without a list" "$d" "$f" \
    "5: a prompt theme needs a bullet list, one prompt per item"

d=$(fresh bad-utf8); f=pages/$page
printf '\nLatin-1 caf\xe9 here.\n' >> "$d/$f"
expect_problem "invalid UTF-8" "$d" "$f" \
    "$(wc -l < "$d/$f"): invalid UTF-8 (byte 0xe9); save the file as UTF-8"

d=$(fresh nul-byte); f=pages/$page
printf '\nA NUL \0 here.\n' >> "$d/$f"
expect_problem "NUL byte" "$d" "$f" \
    "$(wc -l < "$d/$f"): the file holds a NUL byte; save it as plain UTF-8 text"

# All problems are listed, not just the first: three mistakes in one file.
d=$(fresh several); f=pages/$page
sed -i -e '1a tittle: A typo' -e 's/^section: .*/section: Later/' -e '/^summary:/d' "$d/$f"
"$TEND_BIN" content-check "$d" >"$tmp/out" 2>"$tmp/err"
expect_eq "several mistakes in one file are all reported" "$(grep -c -F "$d/$f:" "$tmp/err")" 3
check "the summary counts the problems" grep -qE '; [0-9]+ problems$' "$tmp/out"
