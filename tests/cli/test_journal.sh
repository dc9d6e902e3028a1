# The journal commands end to end: init, add, list, show, passwd, rekey,
# verify, backup; a missing journal; a wrong passphrase; file modes and
# pragmas; padding; a leak scan; a second writer; the hardening of the
# running binary. Every journal is made with the test-only "min" KDF.
source "$(dirname "$0")/../lib.sh"
tmp=$(mktmp)
export HOME=$tmp/home XDG_DATA_HOME= TEND_JOURNAL=
mkdir -p "$HOME"
J=$tmp/data/journal.db
PASS='pass phrase ☕'

# t ARGS...: tend on $J with $PASS on fd 3
t() { "$TEND_BIN" --journal "$J" --passphrase-fd 3 "$@" 3<<<"$PASS"; }

# ---- a journal that is not there -------------------------------------------
out=$("$TEND_BIN" --journal "$tmp/none/j.db" list 2>"$tmp/err" </dev/null); rc=$?
expect_eq "a missing journal exits 1" "$rc" 1
expect_eq "a missing journal says how to make one" "$(cat "$tmp/err")" \
    "tend: no journal at $tmp/none/j.db; create one with 'tend init'"
expect_eq "a missing journal prints nothing on stdout" "$out" ""
check "a missing journal is not created by looking" test ! -e "$tmp/none"

# ---- init --------------------------------------------------------------------
out=$(t init --kdf min 2>"$tmp/err"); rc=$?
expect_eq "init exits 0" "$rc" 0
check "init says where the journal is" grep -q "created a journal at $J" <<<"$out"
expect_eq "the journal file is 0600" "$(stat -c %a "$J")" 600
expect_eq "its folder is 0700" "$(stat -c %a "$tmp/data")" 700
cp "$J" "$tmp/fresh.db"
t init --kdf min >/dev/null 2>"$tmp/err"; rc=$?
expect_eq "init refuses to overwrite a journal" "$rc" 1
check "init says it will not overwrite" grep -q "will not overwrite" "$tmp/err"
check "the refused init changed nothing" cmp -s "$J" "$tmp/fresh.db"
t init --kdf huge >/dev/null 2>&1; rc=$?
expect_eq "init with an unknown --kdf is a usage error" "$rc" 2
"$TEND_BIN" --journal "$tmp/x/j.db" init --kdf min </dev/null >/dev/null 2>"$tmp/err"; rc=$?
expect_eq "init without a terminal or --passphrase-fd exits 1" "$rc" 1
check "and says how to give the passphrase" grep -q -- "--passphrase-fd" "$tmp/err"
check "and creates nothing" test ! -e "$tmp/x/j.db"
"$TEND_BIN" --journal "$tmp/x/j.db" --passphrase-fd 3 init --kdf min 3</dev/null >/dev/null 2>&1; rc=$?
expect_eq "init with an empty passphrase source exits 1" "$rc" 1
"$TEND_BIN" --journal "$tmp/x/j.db" --passphrase-fd 3 init --kdf min 3<<<"" >/dev/null 2>"$tmp/err"; rc=$?
expect_eq "init refuses an empty passphrase" "$rc" 1
check "and creates nothing (empty passphrase)" test ! -e "$tmp/x/j.db"

# ---- pragmas -------------------------------------------------------------------
expect_eq "journal_mode is delete" "$(sqlite3 "$J" 'PRAGMA journal_mode')" delete
expect_eq "the file header says rollback journal, not WAL (bytes 18, 19)" \
    "$(od -An -tu1 -j18 -N2 "$J" | tr -s ' ')" " 1 1"
expect_eq "the records table is there and empty" "$(sqlite3 "$J" 'SELECT count(*) FROM records')" 0

# ---- round trip of three UTF-8 entries -------------------------------------------
printf 'Erste Zeile — über Ängste.\n\nZweiter Absatz 🌱\n' >"$tmp/b1"
printf '夜は静かだった。\n' >"$tmp/b2"
printf 'no newline at the end: naïve café' >"$tmp/b3"
id1=$(TEND_TEST_NOW=1714550400 t add --title 'Morgen ☀️' --tag família --tag sleep <"$tmp/b1" 2>"$tmp/err"); rc=$?
expect_eq "add exits 0" "$rc" 0
check "add prints the short id" grep -qE '^[0-9a-f]{8,32}$' <<<"$id1"
id2=$(TEND_TEST_NOW=1714636800 t add --title '夜' --tag 日記 <"$tmp/b2" 2>/dev/null)
id3=$(TEND_TEST_NOW=1714723200 t add --title 'naïve — café' <"$tmp/b3" 2>/dev/null)
out=$(t list 2>"$tmp/err"); rc=$?
expect_eq "list exits 0" "$rc" 0
expect_eq "list shows every entry, newest first" "$out" \
"$id3	2024-05-03 08:00	entry	naïve — café	
$id2	2024-05-02 08:00	entry	夜	#日記
$id1	2024-05-01 08:00	entry	Morgen ☀️	#família #sleep"
expect_eq "list prints nothing on stderr" "$(cat "$tmp/err")" ""
for n in 1 2 3; do
    eval "id=\$id$n"
    t show "$id" >"$tmp/show$n" 2>"$tmp/err"; rc=$?
    expect_eq "show $n exits 0" "$rc" 0
    sed '1,/^$/d' "$tmp/show$n" >"$tmp/got$n"
    check "show $n gives back the text byte for byte" cmp -s "$tmp/got$n" "$tmp/b$n"
done
expect_eq "show prints the head" "$(sed '/^$/q' "$tmp/show1")" \
"id: $id1
date: 2024-05-01 08:00
kind: entry
title: Morgen ☀️
tags: #família #sleep"
t show "${id2:0:5}" >/dev/null 2>&1; rc=$?
expect_eq "show accepts a shorter prefix when it is unique" "$rc" 0
t show ffffffffffffffffffffffffffffffff >/dev/null 2>"$tmp/err"; rc=$?
expect_eq "show of an unknown id exits 1" "$rc" 1
t show >/dev/null 2>&1; rc=$?
expect_eq "show without an id is a usage error" "$rc" 2
t add some words </dev/null >/dev/null 2>"$tmp/err"; rc=$?
expect_eq "entry text is never an argument" "$rc" 2
expect_eq "list --tag" "$(t list --tag SLEEP | cut -f1)" "$id1"
expect_eq "list --since/--until" "$(t list --since 2024-05-02 --until 2024-05-02 | cut -f1)" "$id2"
out=$(printf 'x' | t add --title $'bad \xff' 2>&1 >/dev/null); rc=$?
expect_eq "a title that is not UTF-8 is refused" "$rc" 2

# ---- wrong passphrase ------------------------------------------------------------
cp "$J" "$tmp/before.db"
out=$("$TEND_BIN" --journal "$J" --passphrase-fd 3 list 3<<<"not it" 2>"$tmp/err"); rc=$?
expect_eq "a wrong passphrase exits 3" "$rc" 3
expect_eq "a wrong passphrase prints nothing on stdout" "$out" ""
expect_eq "a wrong passphrase prints one line on stderr" "$(wc -l <"$tmp/err")" 1
check "the line says the passphrase is wrong" grep -q "passphrase" "$tmp/err"
check "a wrong passphrase leaves the file byte-identical" cmp -s "$J" "$tmp/before.db"
echo 'text' | "$TEND_BIN" --journal "$J" --passphrase-fd 3 add --title t 3<<<"not it" >/dev/null 2>&1
check "a refused add leaves the file byte-identical" cmp -s "$J" "$tmp/before.db"

# ---- padding: the sealed sizes say nothing about the text's length -------------------
P=$tmp/pad.db
"$TEND_BIN" --journal "$P" --passphrase-fd 3 init --kdf min 3<<<"$PASS" >/dev/null
printf 'a' | "$TEND_BIN" --journal "$P" --passphrase-fd 3 add 3<<<"$PASS" >/dev/null
head -c 200 /dev/zero | tr '\0' 'b' | "$TEND_BIN" --journal "$P" --passphrase-fd 3 add 3<<<"$PASS" >/dev/null
expect_eq "a 1-byte and a 200-byte body seal to the same length" \
    "$(sqlite3 "$P" 'SELECT count(DISTINCT length(body)), count(DISTINCT length(head)), count(*) FROM records')" "1|1|2"

# ---- passwd ---------------------------------------------------------------------------
before=$(t list)
out=$("$TEND_BIN" --journal "$J" --passphrase-fd 3 passwd 3< <(printf '%s\n%s\n' "$PASS" 'new one') 2>"$tmp/err"); rc=$?
expect_eq "passwd exits 0" "$rc" 0
"$TEND_BIN" --journal "$J" --passphrase-fd 3 list 3<<<"$PASS" >/dev/null 2>&1; rc=$?
expect_eq "after passwd the old passphrase fails" "$rc" 3
expect_eq "after passwd the new one lists the same" \
    "$("$TEND_BIN" --journal "$J" --passphrase-fd 3 list 3<<<'new one')" "$before"
"$TEND_BIN" --journal "$J" --passphrase-fd 3 show "$id1" 3<<<'new one' | sed '1,/^$/d' >"$tmp/got"
check "after passwd the text is intact" cmp -s "$tmp/got" "$tmp/b1"
"$TEND_BIN" --journal "$J" --passphrase-fd 3 passwd 3< <(printf '%s\n%s\n' 'new one' "$PASS") >/dev/null 2>&1
"$TEND_BIN" --journal "$J" --passphrase-fd 3 passwd 3< <(printf '%s\n' 'wrong') >/dev/null 2>&1; rc=$?
expect_eq "passwd with a wrong current passphrase exits 3" "$rc" 3

# ---- rekey: every sealed blob changes, the data does not --------------------------------
sqlite3 "$J" 'SELECT hex(uuid), hex(head), hex(body) FROM records ORDER BY id' >"$tmp/blobs1"
wrapped1=$(sqlite3 "$J" "SELECT hex(value) FROM meta WHERE key = 'key.wrapped'")
out=$(t rekey 2>"$tmp/err"); rc=$?
expect_eq "rekey exits 0" "$rc" 0
sqlite3 "$J" 'SELECT hex(uuid), hex(head), hex(body) FROM records ORDER BY id' >"$tmp/blobs2"
expect_eq "rekey keeps every row" "$(cut -d'|' -f1 "$tmp/blobs2")" "$(cut -d'|' -f1 "$tmp/blobs1")"
same=0
while IFS='|' read -r u h b && IFS='|' read -r u2 h2 b2 <&4; do
    [ "$h" = "$h2" ] && same=$((same + 1))
    [ "$b" = "$b2" ] && same=$((same + 1))
done <"$tmp/blobs1" 4<"$tmp/blobs2"
expect_eq "rekey changes every head and body blob" "$same" 0
check "rekey changes the wrapped key" test "$wrapped1" != "$(sqlite3 "$J" "SELECT hex(value) FROM meta WHERE key = 'key.wrapped'")"
expect_eq "after rekey list is the same" "$(t list)" "$before"
for n in 1 2 3; do
    eval "id=\$id$n"
    t show "$id" | sed '1,/^$/d' >"$tmp/got"
    check "after rekey text $n is intact" cmp -s "$tmp/got" "$tmp/b$n"
done

# ---- verify and backup ---------------------------------------------------------------
out=$(t verify 2>"$tmp/err"); rc=$?
expect_eq "verify of a sound journal exits 0" "$rc" 0
expect_eq "verify says so" "$out" "3 records, all sound"
out=$(t backup "$tmp/copy.db" 2>"$tmp/err"); rc=$?
expect_eq "backup exits 0" "$rc" 0
expect_eq "the backup is 0600" "$(stat -c %a "$tmp/copy.db")" 600
expect_eq "the backup opens with the same passphrase" \
    "$("$TEND_BIN" --journal "$tmp/copy.db" --passphrase-fd 3 list 3<<<"$PASS")" "$before"
t backup "$tmp/copy.db" >/dev/null 2>&1; rc=$?
expect_eq "backup will not overwrite a file" "$rc" 1

# ---- leak scan: a unique marker never reaches the disk in plaintext --------------------------
L=$tmp/leak/journal.db
M=QXZMARK$RANDOM$RANDOM
"$TEND_BIN" --journal "$L" --passphrase-fd 3 init --kdf min 3<<<"$PASS" >/dev/null
echo "body $M body" | "$TEND_BIN" --journal "$L" --passphrase-fd 3 add --title "t$M" --tag "g$M" 3<<<"$PASS" >/dev/null
lid=$("$TEND_BIN" --journal "$L" --passphrase-fd 3 list 3<<<"$PASS" | cut -f1)
check "the marked entry was added" grep -qE '^[0-9a-f]{8}' <<<"$lid"
"$TEND_BIN" --journal "$L" --passphrase-fd 3 show "$lid" 3<<<"$PASS" >"$tmp/leakshow"
check "the marked entry reads back" grep -q "body $M body" "$tmp/leakshow"
hits=$(grep -rlaF "$M" "$tmp/leak" | wc -l)
expect_eq "the marker is in no file of the journal's folder" "$hits" 0
expect_eq "nothing but the journal is left in its folder" "$(ls -A "$tmp/leak")" "journal.db"

# ---- hardening of the running binary, and a second writer ----------------------------------
mkfifo "$tmp/in"
exec 5<>"$tmp/in"
TEND_TEST_SELFCHECK=$tmp/self "$TEND_BIN" --journal "$J" --passphrase-fd 3 add --title first \
    3<<<"$PASS" <"$tmp/in" >"$tmp/first.out" 2>"$tmp/first.err" 5>&- &
pid=$!
for _ in $(seq 200); do [ -s "$tmp/self" ] && break; sleep 0.05; done
expect_eq "the running tend is not dumpable and has no core limit" "$(cat "$tmp/self")" "dumpable=0 core=0"
expect_eq "its core file size limit is 0" \
    "$(awk '/^Max core file size/ { print $5, $6 }' "/proc/$pid/limits")" "0 0"
expect_eq "while open, there is no WAL or shared-memory file" "$(ls -A "$tmp/data")" "journal.db"
cp "$J" "$tmp/held.db"
echo second | "$TEND_BIN" --journal "$J" --passphrase-fd 3 add --title second 3<<<"$PASS" >"$tmp/out2" 2>"$tmp/err2"; rc=$?
expect_eq "a second writer exits 1" "$rc" 1
check "a second writer is told the journal is open in another tend" grep -q "open in another tend" "$tmp/err2"
expect_eq "the second writer's message is one line" "$(wc -l <"$tmp/err2")" 1
check "the second writer changed nothing" cmp -s "$J" "$tmp/held.db"
"$TEND_BIN" --journal "$J" --passphrase-fd 3 list 3<<<"$PASS" >/dev/null 2>"$tmp/err3"; rc=$?
expect_eq "a reader is refused too while it is open" "$rc" 1
echo "first text" >&5
exec 5>&-
wait "$pid"; rc=$?
expect_eq "the first writer finishes" "$rc" 0
expect_eq "only the first writer's entry is there" "$(t list | cut -f4 | grep -c -e '^first$' -e '^second$')" 1
check "and it is the first" grep -q "	first	" <(t list)

# ---- where the journal lives when --journal is not given ----------------------------------
d=$tmp/where
mkdir -p "$d/home"
HOME=$d/home XDG_DATA_HOME= TEND_JOURNAL= "$TEND_BIN" --passphrase-fd 3 init --kdf min 3<<<"$PASS" >/dev/null
check "without XDG_DATA_HOME the journal is ~/.local/share/tend/journal.db" test -s "$d/home/.local/share/tend/journal.db"
HOME=$d/home XDG_DATA_HOME=$d/xdg TEND_JOURNAL= "$TEND_BIN" --passphrase-fd 3 init --kdf min 3<<<"$PASS" >/dev/null
check "with XDG_DATA_HOME it is \$XDG_DATA_HOME/tend/journal.db" test -s "$d/xdg/tend/journal.db"
HOME=$d/home XDG_DATA_HOME=$d/xdg TEND_JOURNAL=$d/env.db "$TEND_BIN" --passphrase-fd 3 init --kdf min 3<<<"$PASS" >/dev/null
check "TEND_JOURNAL comes before XDG_DATA_HOME" test -s "$d/env.db"
echo x | HOME=$d/home TEND_JOURNAL=$d/env.db "$TEND_BIN" --journal "$d/home/.local/share/tend/journal.db" \
    --passphrase-fd 3 add --title here 3<<<"$PASS" >/dev/null
expect_eq "--journal comes before TEND_JOURNAL" \
    "$(HOME=$d/home "$TEND_BIN" --journal "$d/home/.local/share/tend/journal.db" --passphrase-fd 3 list 3<<<"$PASS" | cut -f4)" "here"
expect_eq "and TEND_JOURNAL's journal was not touched" \
    "$(TEND_JOURNAL=$d/env.db "$TEND_BIN" --passphrase-fd 3 list 3<<<"$PASS")" ""
"$TEND_BIN" --journal "$J" --passphrase-fd x list </dev/null >/dev/null 2>&1; rc=$?
expect_eq "--passphrase-fd needs a number" "$rc" 2
