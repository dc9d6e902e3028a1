# End to end: first-run set-up in a real terminal, Home, quick-hide,
# unlock, at 80x24 and again after resizing to 50x15. After quick-hide the
# pane shows none of the journal's text, and the test build's state file
# (TEND_TEST_STATE) reports the journal locked. Leaving restores the
# terminal.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/lib.sh"

cd "$E2E_HOME/tmp" || exit 1
state="$E2E_HOME/state"
printf 'calm river stones\n' > "$E2E_HOME/pass"
printf 'The secret garden behind the school.\n' > "$E2E_HOME/entry"
# First the set-up in the TUI; then an entry added from the command line;
# then tend opened again.
cat > "$E2E_HOME/run.sh" <<RUN
export TEND_TEST_KDF=min TEND_TEST_STATE="$state"
"$TEND_BIN" || exit \$?
"$TEND_BIN" add --title 'Secret garden' --passphrase-fd 3 3<"$E2E_HOME/pass" <"$E2E_HOME/entry" >/dev/null || exit \$?
exec "$TEND_BIN"
RUN
e2e_start sh "$E2E_HOME/run.sh"

check "e2e frame: set-up explains what is stored" e2e_wait "Before you begin"
e2e_send Enter
check "e2e frame: passphrase step" e2e_wait "Choose a passphrase"
e2e_type "calm river stones"; e2e_send Tab; e2e_type "calm river stones"; e2e_send Enter
check "e2e frame: region step" e2e_wait "Support lines"
e2e_send Enter
check "e2e frame: lock strength step" e2e_wait "How strong a lock"
e2e_send Enter
check "e2e frame: Home after set-up" e2e_wait "Check in"
check "e2e frame: bottom bar shows the hide key" e2e_wait "F12 hide"
e2e_type q
check "e2e frame: unlock after the entry was added" e2e_wait "Type your passphrase"
e2e_type "calm river stones"; e2e_send Enter
check "e2e frame: Home lists the entry" e2e_wait "Secret garden"

hide_and_check() {
    local size=$1
    e2e_send F12
    check "e2e frame $size: quick-hide shows the neutral screen" e2e_wait "Press any key"
    if e2e_screen | grep -qiE 'secret|garden|journal|tend|check in'; then
        fail "e2e frame $size: nothing of the journal on screen after quick-hide" "$(e2e_screen)"
    else
        pass "e2e frame $size: nothing of the journal on screen after quick-hide"
    fi
    check "e2e frame $size: the journal reports locked" grep -qx "journal: locked" "$state"
    e2e_type x
    check "e2e frame $size: the next key asks for the passphrase" e2e_wait "Type your passphrase"
    e2e_type "calm river stones"; e2e_send Enter
    check "e2e frame $size: unlocked again" e2e_wait "Secret garden"
    check "e2e frame $size: the journal reports unlocked" grep -qx "journal: unlocked" "$state"
}
hide_and_check 80x24
e2e_resize 50 15
check "e2e frame: redraws at 50x15" e2e_gone "Start with the Library"
check "e2e frame: Home menu at 50x15" e2e_wait "Settings"
e2e_send F12
check "e2e frame 50x15: quick-hide" e2e_wait "Press any key"
if e2e_screen | grep -qiE 'secret|garden|journal|tend|check in'; then
    fail "e2e frame 50x15: nothing of the journal on screen after quick-hide" "$(e2e_screen)"
else
    pass "e2e frame 50x15: nothing of the journal on screen after quick-hide"
fi
e2e_type x
check "e2e frame 50x15: asks for the passphrase" e2e_wait "Type your passphrase"
e2e_type "calm river stones"; e2e_send Enter
check "e2e frame 50x15: unlocked again" e2e_wait "Settings"
e2e_type q
check "e2e frame: q leaves with exit status 0" e2e_wait "[exited 0]"
check "e2e frame: the journal is locked on leaving" grep -qx "journal: locked" "$state"
if e2e_screen | grep -qF "Check in"; then
    fail "e2e frame: terminal restored after q" "$(e2e_screen)"
else
    pass "e2e frame: terminal restored after q"
fi
