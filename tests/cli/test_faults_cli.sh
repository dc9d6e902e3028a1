# The fault sweep from the command line: the test build's TEND_FAULT=any:N:crash
# (include/tend/store_test.h) stops the N-th write, sync, truncate or delete
# of tend add, tend import, tend passwd and tend rekey and every one after it,
# as if the machine stopped. For N = 1, 2, ... until the command exits 0:
# the failed command exits 1 with one line on stderr and nothing on stdout
# (add prints no id it did not keep), no sanitizer report; then tend verify
# (with the old or, for passwd, the new passphrase) says the journal is sound
# and list shows exactly the old records or the old plus the new.
# (tests/unit/test_faults.c sweeps every write path at the API, with I/O
# errors too, and compares the states byte for byte.)
source "$(dirname "$0")/../lib.sh"
[ -d /dev/shm ] && [ -w /dev/shm ] && export TMPDIR=/dev/shm
tmp=$(mktmp)
export HOME=$tmp/home XDG_DATA_HOME= TEND_JOURNAL= TEND_TEST_NOW=1767254400
J=$tmp/j/journal.db
mkdir -m 700 "$tmp/j"
t() { local p=$1; shift; "$TEND_BIN" --journal "$J" --passphrase-fd 3 "$@" 3<<<"$p"; }
t pw init --kdf min >/dev/null
for n in 1 2 3; do echo "text $n" | t pw add --title "old $n" >/dev/null; done
cp "$J" "$tmp/base.db"
old=$(t pw list | cut -f4 | sort)
cat > "$tmp/import.json" <<'EOF'
{"format": "tend-json", "version": 1, "exported": "2026-01-01T00:00:00+00:00", "records": [
 {"uuid": "a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0", "kind": "entry",
  "created": "2020-09-13T12:26:40+00:00", "updated": "2020-09-13T12:26:40+00:00",
  "utc_offset": 0, "starred": false, "private": false, "title": "imported 1",
  "tags": ["jrnl"], "fields": [], "body": "from before"},
 {"uuid": "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1", "kind": "entry",
  "created": "2020-09-13T12:28:20+00:00", "updated": "2020-09-13T12:28:20+00:00",
  "utc_offset": 0, "starred": false, "private": false, "title": "imported 2",
  "tags": [], "fields": [], "body": "and again"}]}
EOF

# sweep NAME NEWPASS WANT_NEW CMD...: WANT_NEW is the list (sorted titles)
# after the command; CMD runs with its passphrase lines on fd 3.
sweep() {
    local name=$1 newpass=$2 want_new=$3; shift 3
    local n rc bad="" out lines state
    for ((n = 1; n < 200; n++)); do
        cp "$tmp/base.db" "$J"
        out=$(TEND_FAULT=any:$n:crash "$@" 2>"$tmp/err"); rc=$?
        if grep -qE 'Sanitizer|runtime error' "$tmp/err"; then
            bad="call $n: sanitizer report: $(head -5 "$tmp/err")"; break
        fi
        [ "$rc" -eq 0 ] && break
        lines=$(wc -l < "$tmp/err")
        if [ "$rc" -ne 1 ] || [ "$lines" -ne 1 ] || [ -n "$out" ]; then
            bad="call $n: exit $rc, $lines lines on stderr, stdout '$out': $(head -3 "$tmp/err")"; break
        fi
        if t pw verify >/dev/null 2>"$tmp/verr"; then
            state=$(t pw list | cut -f4 | sort)
        elif [ -n "$newpass" ] && t "$newpass" verify >/dev/null 2>"$tmp/verr"; then
            state=$(t "$newpass" list | cut -f4 | sort)
        else
            bad="call $n: the journal does not verify: $(cat "$tmp/verr")"; break
        fi
        if [ "$state" != "$old" ] && [ "$state" != "$want_new" ]; then
            bad="call $n: neither the old nor the new records: $state"; break
        fi
        left=$(ls -A "$tmp/j" | grep -vx 'journal.db\|journal.db-journal')
        [ -z "$left" ] || { bad="call $n: files left: $left"; break; }
    done
    if [ -n "$bad" ]; then
        fail "fault sweep (cli) $name" "$bad"
    elif [ "$n" -le 1 ] || [ "$n" -ge 200 ]; then
        fail "fault sweep (cli) $name: the loop did not end as it should (n = $n)"
    else
        pass "fault sweep (cli) $name: $((n - 1)) injection points, each exits 1 with one line and leaves the old or the new journal"
    fi
}
new_add=$(printf '%s\n' "$old" "new one" | sort)
new_import=$(printf '%s\n' "$old" "imported 1" "imported 2" | sort)
sweep "tend add" "" "$new_add" bash -c 'echo "new text" | "$0" --journal "$1" --passphrase-fd 3 add --title "new one" 3<<<pw' "$TEND_BIN" "$J"
sweep "tend import" "" "$new_import" bash -c '"$0" --journal "$1" --passphrase-fd 3 import "$2" 3<<<pw' "$TEND_BIN" "$J" "$tmp/import.json"
sweep "tend passwd" "newpw" "$old" bash -c '"$0" --journal "$1" --passphrase-fd 3 passwd 3< <(printf "pw\nnewpw\n")' "$TEND_BIN" "$J"
sweep "tend rekey" "" "$old" bash -c '"$0" --journal "$1" --passphrase-fd 3 rekey 3<<<pw' "$TEND_BIN" "$J"
