# Settings made in the TUI (through the headless scripted terminal of the
# test build) are stored encrypted and read back by the next run: region,
# auto-lock minutes and colours; none of them is in the journal file in
# plain text. A passphrase changed in Settings is the one the command line
# needs afterwards; the old one no longer opens the journal.
source "$(dirname "$0")/../lib.sh"
tmp=$(mktmp)
mkdir -p "$tmp/home" "$tmp/tmp" "$tmp/data" "$tmp/s"
export HOME=$tmp/home TMPDIR=$tmp/tmp XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/home/.config \
    TEND_JOURNAL= TERM=xterm-256color TEND_TEST_NOW=1767254400
unset NO_COLOR
J=$tmp/data/tend/journal.db
printf 'pw\n' | "$TEND_BIN" init --kdf min --passphrase-fd 0 >/dev/null 2>&1 \
    || fail "settings: init failed"

# ui SCRIPT: runs the TUI on the script; :state files land in $tmp/s.
ui() {
    TEND_SCRIPT="$1" TEND_SNAPSHOT_DIR="$tmp/s" "$TEND_BIN" > "$tmp/s/out" 2> "$tmp/s/err"
}

# Region: the second in the list (United Kingdom); auto-lock
# three steps down from 5 (1 minute); colours off.
cat > "$tmp/s/change.script" <<'SCRIPT'
pw
:key Enter
:key End
:key Enter
:key Enter
:key Home
:key Down
:key Enter
:key Down
:key Left
:key Left
:key Left
:key Down
:key Right
:state changed
q
SCRIPT
ui "$tmp/s/change.script"
check "settings: the changing run ends well" test $? -eq 0
expect_eq "settings: changed in the first run" "$(cat "$tmp/s/changed.screen" 2>/dev/null)" \
"journal: unlocked
top screen: settings
region: uk
auto-lock minutes: 1
colour: off"

cat > "$tmp/s/read.script" <<'SCRIPT'
:state before-unlock
pw
:key Enter
:state after-unlock
q
SCRIPT
ui "$tmp/s/read.script"
check "settings: the reading run ends well" test $? -eq 0
expect_eq "settings: defaults until the journal is unlocked" \
    "$(sed -n '3,5p' "$tmp/s/before-unlock.screen" 2>/dev/null)" \
"region: (none)
auto-lock minutes: 5
colour: on"
expect_eq "settings: read back at unlock" "$(sed -n '3,5p' "$tmp/s/after-unlock.screen" 2>/dev/null)" \
"region: uk
auto-lock minutes: 1
colour: off"
check "settings: the journal file is there" test -s "$J"
for word in autolock region color; do
    if [ ! -s "$J" ] || grep -qaF "$word" "$J"; then
        fail "settings: '$word' is not in the journal file in plain text"
    else
        pass "settings: '$word' is not in the journal file in plain text"
    fi
done

# The passphrase, changed in Settings.
cat > "$tmp/s/pass.script" <<'SCRIPT'
pw
:key Enter
:key End
:key Enter
:key Up
:key Enter
pw
:key Enter
a new and longer one
:key Enter
a new and longer one
:key Enter
:state pass-changed
q
SCRIPT
ui "$tmp/s/pass.script"
check "settings: the passphrase run ends well" test $? -eq 0
check "settings: the passphrase run ends in Settings" \
    grep -qx "top screen: settings" "$tmp/s/pass-changed.screen"
printf 'pw\n' | "$TEND_BIN" list --passphrase-fd 0 >/dev/null 2>"$tmp/s/old-err"
rc=$?
if [ "$rc" -eq 0 ] || ! grep -qi "passphrase" "$tmp/s/old-err"; then
    fail "settings: the old passphrase no longer opens the journal" "exit $rc: $(cat "$tmp/s/old-err")"
else
    pass "settings: the old passphrase no longer opens the journal"
fi
check "settings: the new passphrase opens it" \
    sh -c 'printf "a new and longer one\n" | "$1" list --passphrase-fd 0 >/dev/null' sh "$TEND_BIN"
expect_eq "settings: settings kept through the passphrase change" \
    "$(sed -n '3,5p' "$tmp/s/pass-changed.screen" 2>/dev/null)" \
"region: uk
auto-lock minutes: 1
colour: off"
if grep -qE 'ERROR: (Address|Leak|Undefined)Sanitizer|runtime error:' "$tmp/s/err"; then
    fail "settings: no sanitizer reports" "$(head -20 "$tmp/s/err")"
else
    pass "settings: no sanitizer reports"
fi
