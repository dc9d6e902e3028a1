# Passphrases on a real terminal: asked twice at init with nothing echoed,
# the terminal's echo is off only while asking, and Ctrl-C at the prompt
# leaves the terminal as it was (echo back on).
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/lib.sh"
J=$E2E_HOME/data/j.db
SECRET=tty-secret-$RANDOM
pty_echo() { stty -a -F "$(_e2e_tmux display -p -t t '#{pane_tty}')" | grep -oE '(^| )-?echo( |$)' | tr -d ' '; }

e2e_start "$TEND_BIN" --journal "$J" init --kdf min
check "init asks for a new passphrase" e2e_wait "New passphrase:"
expect_eq "echo is off while the passphrase is asked" "$(pty_echo)" "-echo"
e2e_type "$SECRET"; e2e_send Enter
check "init asks for it again" e2e_wait "Same passphrase again:"
e2e_type "$SECRET"; e2e_send Enter
check "init finishes" e2e_wait "[exited 0]"
check "the journal was made" test -s "$J"
check "the passphrase never showed on the screen" bash -c "! grep -qF '$SECRET' <<<\"\$1\"" _ "$(e2e_screen)"
_e2e_tmux kill-session -t t

# Here the shell in the pane traps Ctrl-C, so it survives tend and shows
# tend's exit status (e2e_start's shell would end with it).
_e2e_tmux new-session -d -s t -x 80 -y 24 \
    "env HOME=$E2E_HOME/home TERM=xterm-256color LC_ALL=C.UTF-8 ASAN_OPTIONS=${ASAN_OPTIONS:-} \
     sh -c 'trap : INT; $(printf %q "$TEND_BIN") --journal $(printf %q "$J") list; \
            echo \"[exited \$?]\"; sleep 600'"
check "list asks for the passphrase" e2e_wait "Passphrase:"
expect_eq "echo is off at the prompt" "$(pty_echo)" "-echo"
e2e_send C-c
check "Ctrl-C ends tend" e2e_wait "[exited 130]"
expect_eq "after Ctrl-C echo is back on" "$(pty_echo)" "echo"
_e2e_tmux kill-session -t t

e2e_start "$TEND_BIN" --journal "$J" list
check "a second list asks for the passphrase" e2e_wait "Passphrase:"
e2e_type "$SECRET"; e2e_send Enter
check "the right passphrase opens the journal" e2e_wait "[exited 0]"
expect_eq "echo is back on after a normal answer" "$(pty_echo)" "echo"
