# tests/e2e/lib.sh — drive the real binary in a real terminal with tmux.
# Sourced after tests/lib.sh. Each test gets a private tmux server (-L), no
# user config (-f /dev/null), an 80x24 window, TERM=xterm-256color,
# LC_ALL=C.UTF-8, TZ=UTC and HOME/XDG dirs in a temp dir. The server is
# always killed when the test script exits.
#
#   e2e_start CMD...        start CMD in the pane (run via sh; after it ends
#                           the pane shows "[exited N]")
#   e2e_send KEYS...        tmux send-keys (key names as tmux spells them)
#   e2e_type TEXT           send TEXT literally
#   e2e_wait TEXT [SECS]    poll capture-pane until TEXT shows (default 10 s);
#                           returns 1 on timeout
#   e2e_gone TEXT [SECS]    poll until TEXT no longer shows
#   e2e_screen              print the pane now
#   e2e_resize COLS ROWS    resize the window

E2E_SOCK="tend-e2e-$$-$RANDOM"
E2E_HOME=$(mktmp)
mkdir -p "$E2E_HOME/home" "$E2E_HOME/data" "$E2E_HOME/config" "$E2E_HOME/tmp"
_e2e_tmux() { tmux -L "$E2E_SOCK" -f /dev/null "$@"; }
_e2e_kill() { _e2e_tmux kill-server >/dev/null 2>&1; _t_cleanup; }
trap _e2e_kill EXIT

e2e_start() {
    local cmd
    cmd=$(printf '%q ' "$@")
    _e2e_tmux new-session -d -s t -x 80 -y 24 \
        "env HOME=$E2E_HOME/home XDG_DATA_HOME=$E2E_HOME/data XDG_CONFIG_HOME=$E2E_HOME/config \
         TMPDIR=$E2E_HOME/tmp TERM=xterm-256color LC_ALL=C.UTF-8 TZ=UTC \
         ASAN_OPTIONS=${ASAN_OPTIONS:-} sh -c '$cmd; echo \"[exited \$?]\"; sleep 600'"
    _e2e_tmux set-option -t t status off >/dev/null
}
e2e_send() { _e2e_tmux send-keys -t t "$@"; }
e2e_type() { _e2e_tmux send-keys -t t -l "$1"; }
e2e_screen() { _e2e_tmux capture-pane -p -t t; }
e2e_resize() { _e2e_tmux resize-window -t t -x "$1" -y "$2"; }
e2e_wait() {
    local text=$1 secs=${2:-10} i
    for ((i = 0; i < secs * 20; i++)); do
        e2e_screen 2>/dev/null | grep -qF -- "$text" && return 0
        sleep 0.05
    done
    echo "timed out waiting for: $text" >&2
    e2e_screen >&2
    return 1
}
e2e_gone() {
    local text=$1 secs=${2:-10} i
    for ((i = 0; i < secs * 20; i++)); do
        e2e_screen 2>/dev/null | grep -qF -- "$text" || return 0
        sleep 0.05
    done
    echo "still showing: $text" >&2
    e2e_screen >&2
    return 1
}
