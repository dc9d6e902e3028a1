# Crash safety against a real kill: `tend add` is killed with SIGKILL at
# random moments, at least 50 times; afterwards every entry whose add had
# exited 0 is in the journal, the journal verifies, and nothing else is.
source "$(dirname "$0")/../lib.sh"
tmp=$(mktmp)
export HOME=$tmp/home XDG_DATA_HOME= TEND_JOURNAL=
J=$tmp/journal.db
PASS=secret
t() { "$TEND_BIN" --journal "$J" --passphrase-fd 3 "$@" 3<<<"$PASS"; }
t init --kdf min >/dev/null

# How long one add takes here (the shell's own job messages are silenced), so kills spread over its whole life.
start=$(date +%s%N)
echo warm | t add --title warm >/dev/null
span_ms=$(( ($(date +%s%N) - start) / 1000000 + 5 ))

kills=0 oks=0 odd=0 i=0
: >"$tmp/committed"
while [ "$kills" -lt 50 ] && [ "$i" -lt 1000 ]; do
    i=$((i + 1))
    echo "text $i" | "$TEND_BIN" --journal "$J" --passphrase-fd 3 add --title "k$i" \
        3<<<"$PASS" >/dev/null 2>"$tmp/err.$i" &
    pid=$!
    ms=$((span_ms / 2 + RANDOM % span_ms)) # mostly late, where the writes are
    sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null; rc=$?
    # The first add's time is only a guess (a busy machine makes it long):
    # an add that finished before its kill shortens the span, a kill
    # lengthens it a little, so kills keep landing inside an add's life.
    case $rc in
    0) oks=$((oks + 1)); echo "k$i" >>"$tmp/committed"
       span_ms=$((span_ms * 9 / 10)); [ "$span_ms" -ge 2 ] || span_ms=2 ;;
    137) kills=$((kills + 1)); span_ms=$((span_ms * 21 / 20 + 1)) ;;
    *) odd=$((odd + 1)); echo "add $i exited $rc: $(cat "$tmp/err.$i")" >&2 ;;
    esac
    rm -f "$tmp/err.$i"
done
check "at least 50 adds were killed" test "$kills" -ge 50
expect_eq "no add failed other than by the kill" "$odd" 0
out=$(t verify 2>"$tmp/err"); rc=$?
expect_eq "the journal verifies after $kills kills" "$rc" 0
t list | cut -f4 | sort >"$tmp/listed"
missing=$(comm -23 <(sort "$tmp/committed") "$tmp/listed" | wc -l)
expect_eq "every add that returned success ($oks) is in the journal" "$missing" 0
extra=$(comm -13 <(sort "$tmp/committed"; echo warm) "$tmp/listed" | grep -cv '^k[0-9]*$')
expect_eq "nothing but the adds tried is in the journal" "$extra" 0
