# End to end (issue 2): tend opens in a real terminal from an unrelated
# folder, and q on the first screen leaves with exit status 0 and the
# terminal restored (the alternate screen is gone). Nothing is made: no
# journal file appears. Then the same from Home with a journal.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/lib.sh"

cd "$E2E_HOME/tmp" || exit 1
journal="$E2E_HOME/data/tend/journal.db"
e2e_start "$TEND_BIN"
check "e2e quit: the first screen appears" e2e_wait "Before you begin"
check "e2e quit: it says q leaves" e2e_wait "Esc or q leaves"
e2e_type q
check "e2e quit: q leaves with exit status 0" e2e_wait "[exited 0]"
if e2e_screen | grep -qF "Before you begin"; then
    fail "e2e quit: terminal restored after q" "$(e2e_screen)"
else
    pass "e2e quit: terminal restored after q"
fi
check "e2e quit: leaving the set-up made no journal" test ! -e "$journal"
_e2e_tmux kill-server >/dev/null 2>&1

printf 'pw\n' | XDG_DATA_HOME="$E2E_HOME/data" HOME="$E2E_HOME/home" \
    "$TEND_BIN" init --kdf min --passphrase-fd 0 >/dev/null 2>&1
e2e_start "$TEND_BIN"
check "e2e quit: unlock asks for the passphrase" e2e_wait "Type your passphrase"
e2e_type pw; e2e_send Enter
check "e2e quit: Home" e2e_wait "Check in"
e2e_resize 50 15
check "e2e quit: Home redraws at 50x15" e2e_wait "Settings"
e2e_type q
check "e2e quit: q on Home leaves with exit status 0" e2e_wait "[exited 0]"
if e2e_screen | grep -qF "Settings"; then
    fail "e2e quit: terminal restored after q on Home" "$(e2e_screen)"
else
    pass "e2e quit: terminal restored after q on Home"
fi
