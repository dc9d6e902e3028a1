# Damage and tampering seen from the command line, with raw SQL through the
# sqlite3 CLI: a flipped byte in a sealed head or body, blobs moved between
# rows, a damaged wrapped key, and KDF parameters edited out of bounds.
# verify exits 4 and names the damaged records; the others still list and
# show. (tests/unit/test_journal.c flips every byte; this checks what a
# person sees.)
source "$(dirname "$0")/../lib.sh"
tmp=$(mktmp)
export HOME=$tmp/home XDG_DATA_HOME= TEND_JOURNAL=
J=$tmp/journal.db
PASS=secret
t() { "$TEND_BIN" --journal "$J" --passphrase-fd 3 "$@" 3<<<"$PASS"; }

t init --kdf min >/dev/null
for n in 1 2 3; do
    echo "text $n" | TEND_TEST_NOW=$((1714550400 + n * 60)) t add --title "entry $n" >/dev/null
done
cp "$J" "$tmp/clean.db"
uuid() { sqlite3 "$J" "SELECT lower(hex(uuid)) FROM records WHERE id = $1"; }
u1=$(uuid 1) u2=$(uuid 2) u3=$(uuid 3)

# flip ROW COLUMN OFFSET: xor one byte of a blob with 0x01
flip() {
    local b
    b=$(sqlite3 "$J" "SELECT hex(substr($2, $(($3 + 1)), 1)) FROM records WHERE id = $1")
    b=$(printf '%02X' $((0x$b ^ 1)))
    sqlite3 "$J" "UPDATE records SET $2 = CAST(substr($2, 1, $3) || X'$b' || substr($2, $(($3 + 2))) AS BLOB) WHERE id = $1"
}

# A flipped byte in row 2's head: verify names it; 1 and 3 still list and show.
flip 2 head 40
out=$(t verify 2>"$tmp/err"); rc=$?
expect_eq "verify exits 4 on a flipped head byte" "$rc" 4
check "verify names the damaged record" grep -qE "^damaged	${u2:0:8}	head$" <<<"$out"
expect_eq "verify names only that record" "$(grep -c '^damaged' <<<"$out")" 1
check "verify says how many are damaged" grep -q "1 of 3 records are damaged" "$tmp/err"
out=$(t list 2>"$tmp/err"); rc=$?
expect_eq "list with a damaged record exits 4" "$rc" 4
expect_eq "list still shows the other records" "$(cut -f1,4 <<<"$out")" "${u3:0:8}	entry 3
${u1:0:8}	entry 1"
check "list says one record was left out" grep -q "1 damaged record not listed" "$tmp/err"
expect_eq "show of a sound record works" "$(t show "${u1:0:8}" | tail -n 1)" "text 1"
t show "${u2:0:8}" >"$tmp/out" 2>"$tmp/err"; rc=$?
expect_eq "show of the damaged record exits 4" "$rc" 4
expect_eq "show of the damaged record prints nothing" "$(cat "$tmp/out")" ""
check "show names the damaged record" grep -q "record ${u2:0:8} is damaged" "$tmp/err"
t rekey >/dev/null 2>"$tmp/err"; rc=$?
expect_eq "rekey refuses a journal with damage" "$rc" 4
cp "$tmp/clean.db" "$J"

# A flipped byte in a body (the last byte: the Poly1305 tag).
len=$(sqlite3 "$J" 'SELECT length(body) FROM records WHERE id = 3')
flip 3 body $((len - 1))
flip 1 body 0
out=$(t verify 2>/dev/null); rc=$?
expect_eq "verify exits 4 on flipped body bytes" "$rc" 4
expect_eq "verify names both damaged bodies" "$(cut -f2,3 <<<"$out" | sort)" \
    "$(printf '%s\tbody\n%s\tbody\n' "${u1:0:8}" "${u3:0:8}" | sort)"
expect_eq "records with a damaged body still list" "$(t list | wc -l)" 3
expect_eq "the sound record still shows" "$(t show "${u2:0:8}" | tail -n 1)" "text 2"
cp "$tmp/clean.db" "$J"

# Swaps through raw SQL: a head moved to another row, a body moved to
# another row, and a row's head and body exchanged.
sqlite3 "$J" "UPDATE records SET head = (SELECT head FROM records WHERE id = 1) WHERE id = 3"
out=$(t verify 2>/dev/null); rc=$?
expect_eq "a head copied to another row is caught" "$rc" 4
check "and that row is named" grep -q "${u3:0:8}	head" <<<"$out"
cp "$tmp/clean.db" "$J"
sqlite3 "$J" "UPDATE records SET body = (SELECT body FROM records WHERE id = 2) WHERE id = 1"
out=$(t verify 2>/dev/null); rc=$?
expect_eq "a body copied to another row is caught" "$rc" 4
check "and that row is named for its body" grep -q "${u1:0:8}	body" <<<"$out"
cp "$tmp/clean.db" "$J"
sqlite3 "$J" "UPDATE records SET head = body, body = head WHERE id = 2"
out=$(t verify 2>/dev/null); rc=$?
expect_eq "head and body exchanged in a row are caught" "$rc" 4
check "and that row is named for both" grep -q "${u2:0:8}	head and body" <<<"$out"
cp "$tmp/clean.db" "$J"
sqlite3 "$J" "UPDATE records SET uuid = X'00${u3:2}' WHERE id = 3"
out=$(t verify 2>/dev/null); rc=$?
expect_eq "a record given another uuid is caught" "$rc" 4
cp "$tmp/clean.db" "$J"

# The wrapped key: any flipped byte and the journal does not open.
for i in 0 30 71; do
    cp "$tmp/clean.db" "$J"
    b=$(sqlite3 "$J" "SELECT hex(substr(value, $((i + 1)), 1)) FROM meta WHERE key = 'key.wrapped'")
    b=$(printf '%02X' $((0x$b ^ 0x80)))
    sqlite3 "$J" "UPDATE meta SET value = CAST(substr(value, 1, $i) || X'$b' || substr(value, $((i + 2))) AS BLOB) WHERE key = 'key.wrapped'"
    out=$(t list 2>"$tmp/err"); rc=$?
    expect_eq "a flipped byte $i of the wrapped key is refused (exit 3)" "$rc" 3
    expect_eq "and nothing is listed (byte $i)" "$out" ""
done
cp "$tmp/clean.db" "$J"

# A blob turned into text by raw SQL is damage too.
sqlite3 "$J" "UPDATE records SET head = CAST(head AS TEXT) WHERE id = 2"
out=$(t verify 2>"$tmp/err"); rc=$?
expect_eq "a head stored as text is damage (exit 4)" "$rc" 4
check "and verify says the journal is damaged" grep -q "damaged" "$tmp/err"
cp "$tmp/clean.db" "$J"

# KDF parameters out of bounds are refused before any hashing.
sqlite3 "$J" "UPDATE meta SET value = X'0000000100000000' WHERE key = 'kdf.mem'"
out=$(t list 2>"$tmp/err"); rc=$?
expect_eq "4 GiB of KDF memory is refused (exit 4)" "$rc" 4
check "the refusal names the memory" grep -qi "mem" "$tmp/err"
expect_eq "the refusal is one line" "$(wc -l <"$tmp/err")" 1
cp "$tmp/clean.db" "$J"
sqlite3 "$J" "UPDATE meta SET value = X'0000000000000064' WHERE key = 'kdf.ops'"
out=$(t list 2>"$tmp/err"); rc=$?
expect_eq "100 KDF passes are refused (exit 4)" "$rc" 4
check "the refusal names the passes" grep -qiE "pass|ops" "$tmp/err"
cp "$tmp/clean.db" "$J"
expect_eq "the clean copy is sound" "$(t verify)" "3 records, all sound"
