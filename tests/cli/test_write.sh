# The editor end to end, through the headless scripted terminal of the test
# build: an entry written in the TUI is there for tend list / tend show with
# its UTF-8 text and tags; a 1 MB paste is saved intact; and writing,
# autosaving and saving create no file anywhere but the journal (HOME,
# TMPDIR, the journal folder and the working folder are listed with sizes
# before and after; only journal.db may change, and no -journal is left).
source "$(dirname "$0")/../lib.sh"
tmp=$(mktmp)
mkdir -p "$tmp/home" "$tmp/tmp" "$tmp/data" "$tmp/cwd" "$tmp/scripts"
export HOME=$tmp/home TMPDIR=$tmp/tmp XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/home/.config \
    TEND_JOURNAL= TERM=xterm-256color TEND_TEST_NOW=1767254400
J=$tmp/data/tend/journal.db
printf 'pw\n' > "$tmp/scripts/pw"
t() { "$TEND_BIN" --passphrase-fd 3 "$@" 3<"$tmp/scripts/pw"; }
t init --kdf min >/dev/null 2>&1 || fail "write: init failed"

# ui SCRIPT: runs the TUI on the script from the working folder.
ui() {
    (cd "$tmp/cwd" && TEND_SCRIPT="$1" TEND_SNAPSHOT_DIR="$tmp/scripts" "$TEND_BIN") \
        > "$tmp/scripts/out" 2> "$tmp/scripts/err"
}

# Every file with its size under the watched folders.
listing() {
    local d
    for d in "$HOME" "$TMPDIR" "$tmp/data" "$tmp/cwd"; do
        find "$d" -mindepth 1 -printf "$d/%P %s %y\n"
    done | sort
}

# ---- an entry with UTF-8 text and tags --------------------------------------
cat > "$tmp/scripts/write.script" <<'EOF'
pw
:key Enter
:key Down
:key Enter
:key Enter
Grüße aus Köln — 日本語 ✓ café
:key Enter
a second line, e‍̈ and 👩‍👩‍👧
:tick 6
:key Tab
Ein Tag
:key Tab
mood, Köln , 日記,
:key C-s
:key Esc
EOF
before=$(listing)
ui "$tmp/scripts/write.script"; rc=$?
expect_eq "write: the scripted editor exits 0" "$rc" 0
check "write: no sanitizer report" bash -c "! grep -qE 'Sanitizer|runtime error' '$tmp/scripts/err'"
after=$(listing)
expect_eq "write: no file but journal.db appears, goes or changes size" \
    "$(grep -v '/journal.db ' <<<"$after")" "$(grep -v '/journal.db ' <<<"$before")"
check "write: no rollback journal is left" test ! -e "$J-journal"
list=$(t list 2>&1)
expect_eq "write: tend list shows the entry with its tags" \
    "$(cut -f2- <<<"$list")" "2026-01-01 08:00	entry	Ein Tag	#mood #Köln #日記"
id=$(cut -f1 <<<"$list")
t show "$id" > "$tmp/show" 2>&1
expect_eq "write: tend show has the title" "$(sed -n 's/^title: //p' "$tmp/show")" "Ein Tag"
expect_eq "write: tend show has the text exactly" "$(sed '1,/^$/d' "$tmp/show")" \
    "$(printf 'Grüße aus Köln — 日本語 ✓ café\na second line, e‍̈ and 👩‍👩‍👧')"
# drafts: the records of kind draft, as tend-json
drafts() { t export --yes --kind draft 2>/dev/null; }
check "write: saving removed the draft (autosave made one while writing)" grep -q '"records": \[\]' <(drafts)

# ---- the draft: autosave and quick-hide write it, only into the journal ----------
cat > "$tmp/scripts/draft.script" <<'EOF'
pw
:key Enter
:key Down
:key Enter
:key Enter
kept for later
:tick 6
more
:key C-\
EOF
before=$(listing)
ui "$tmp/scripts/draft.script"; rc=$?
expect_eq "draft: the scripted editor exits 0" "$rc" 0
after=$(listing)
expect_eq "draft: no file but journal.db appears, goes or changes size" \
    "$(grep -v '/journal.db ' <<<"$after")" "$(grep -v '/journal.db ' <<<"$before")"
check "draft: no rollback journal is left" test ! -e "$J-journal"
check "draft: the unfinished entry is in the journal as a draft" grep -q 'kept for latermore' <(drafts)

# ---- a 1 MB paste -------------------------------------------------------------------
# (Write offers the draft first; Down goes to a new entry.)
# Lines of mixed scripts, about 1 MB, ending in a newline.
awk 'BEGIN { for (i = 0; i < 21000; i++) printf "%06d Zeile über café — 日本語 ✓ naïve\tend\n", i }' \
    > "$tmp/scripts/big.txt"
size=$(stat -c %s "$tmp/scripts/big.txt")
check "paste: the text is at least 1 MB" test "$size" -ge 1000000
cat > "$tmp/scripts/paste.script" <<EOF
pw
:key Enter
:key Down
:key Enter
:key Down
:key Enter
:key Tab
Pasted
:key Tab
:key Tab
:pastefile $tmp/scripts/big.txt
:snapshot paste
:key C-s
:key Esc
EOF
ui "$tmp/scripts/paste.script"; rc=$?
expect_eq "paste: the editor survives a 1 MB paste (exit 0)" "$rc" 0
check "paste: no sanitizer report" bash -c "! grep -qE 'Sanitizer|runtime error' '$tmp/scripts/err'"
check "paste: the word count counts the whole paste" grep -q '^  189000 words' "$tmp/scripts/paste.screen"
pid=$(t list 2>/dev/null | awk -F'\t' '$4 == "Pasted" { print $1 }')
t show "$pid" 2>/dev/null | sed '1,/^$/d' > "$tmp/scripts/got.txt"
check "paste: the saved text is the pasted text, byte for byte" \
    cmp -s "$tmp/scripts/got.txt" "$tmp/scripts/big.txt"
