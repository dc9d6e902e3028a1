# End to end: SIGTERM and SIGHUP sent (with kill) to a running, unlocked
# tend. Each time the journal is locked first (the test build's state file,
# TEND_TEST_STATE, says locked, keys wiped, no journal open), the terminal
# is restored (the pane shows the shell's "[exited N]" line and none of the
# journal's text; the tty modes are the same as before tend started).
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/lib.sh"

cd "$E2E_HOME/tmp" || exit 1
state="$E2E_HOME/state"
pidf="$E2E_HOME/pid"
printf 'calm river stones\n' > "$E2E_HOME/pass"
printf 'The secret garden behind the school.\n' > "$E2E_HOME/entry"
export HOME=$E2E_HOME/home XDG_DATA_HOME=$E2E_HOME/data XDG_CONFIG_HOME=$E2E_HOME/config
"$TEND_BIN" init --kdf min --passphrase-fd 3 3<"$E2E_HOME/pass" >/dev/null 2>&1 \
    || fail "e2e signals: init failed"
"$TEND_BIN" add --title 'Secret garden' --passphrase-fd 3 3<"$E2E_HOME/pass" \
    <"$E2E_HOME/entry" >/dev/null 2>&1 || fail "e2e signals: add failed"

# The inner sh writes its pid and becomes tend (exec), so the pid is tend's;
# the outer script compares the tty modes before and after.
cat > "$E2E_HOME/run.sh" <<RUN
export TEND_TEST_STATE="$state"
before=\$(stty -g)
sh -c 'echo \$\$ > "\$1"; exec "\$2"' sh "$pidf" "$TEND_BIN"
rc=\$?
if [ "\$(stty -g)" = "\$before" ]; then echo "tty modes: same"; else echo "tty modes: changed"; fi
exit \$rc
RUN

for sig in TERM HUP; do
    rm -f "$state" "$pidf"
    e2e_start sh "$E2E_HOME/run.sh"
    check "e2e signals $sig: asks for the passphrase" e2e_wait "Type your passphrase"
    e2e_type "calm river stones"; e2e_send Enter
    check "e2e signals $sig: Home shows the entry" e2e_wait "Secret garden"
    check "e2e signals $sig: the journal reports unlocked" grep -qx "journal: unlocked" "$state"
    pid=$(cat "$pidf" 2>/dev/null)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -"$sig" "$pid"
        check "e2e signals $sig: tend ends" e2e_wait "[exited " 10
    else
        fail "e2e signals $sig: tend's pid is known" "pid file: '$pid'"
    fi
    check "e2e signals $sig: the tty modes are restored" e2e_wait "tty modes: same" 2
    if e2e_screen | grep -qiE 'secret|garden|check in|passphrase'; then
        fail "e2e signals $sig: the journal's screen is gone after the signal" "$(e2e_screen)"
    else
        pass "e2e signals $sig: the journal's screen is gone after the signal"
    fi
    check "e2e signals $sig: the journal was locked" grep -qx "journal: locked" "$state"
    check "e2e signals $sig: keys wiped when it closed" grep -qx "keys wiped at close: yes" "$state"
    check "e2e signals $sig: no journal left open" grep -qx "journals open: 0" "$state"
    _e2e_tmux kill-session -t t >/dev/null 2>&1
done
