# End to end: writing survives a crash. In a real terminal, type an entry,
# wait (by polling the journal file, not sleeping) until autosave has
# written the encrypted draft, kill -9 tend, start it again: the Write menu
# offers the unfinished entry and it comes back word for word. The words
# are in no file in plaintext at any point.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/lib.sh"

cd "$E2E_HOME/tmp" || exit 1
journal="$E2E_HOME/data/tend/journal.db"
printf 'still water\n' > "$E2E_HOME/pass"
XDG_DATA_HOME="$E2E_HOME/data" HOME="$E2E_HOME/home" \
    "$TEND_BIN" init --kdf min --passphrase-fd 3 3<"$E2E_HOME/pass" >/dev/null 2>&1
check "e2e crash: journal created" test -f "$journal"
cat > "$E2E_HOME/run.sh" <<RUN
"$TEND_BIN" write
exec "$TEND_BIN" write
RUN
e2e_start sh "$E2E_HOME/run.sh"

check "e2e crash: asks for the passphrase" e2e_wait "Type your passphrase"
e2e_type "still water"; e2e_send Enter
check "e2e crash: the Write menu" e2e_wait "Start a new entry"
e2e_send Enter
check "e2e crash: the editor" e2e_wait "Ctrl-S saves"
before=$(cksum < "$journal")
# The editor opens in the text; Tab goes on to the title.
e2e_type "Heron feathers drift past the quiet jetty."
e2e_send Tab
e2e_type "Lakeside night"
check "e2e crash: the words are on screen" e2e_wait "quiet jetty"

# Autosave writes the draft a few seconds after the last change: poll the
# journal file until it changes (at most 30 s).
saved=false
for ((i = 0; i < 600; i++)); do
    [ "$(cksum < "$journal")" != "$before" ] && { saved=true; break; }
    sleep 0.05
done
check "e2e crash: autosave wrote the journal" $saved

# tend is the process under the pane's shells whose name is tend.
pane=$(_e2e_tmux display-message -p -t t '#{pane_pid}')
find_tend() {
    local p kids
    for p in "$@"; do
        [ "$(ps -o comm= -p "$p" 2>/dev/null)" = tend ] && { echo "$p"; return 0; }
        kids=$(ps -o pid= --ppid "$p" 2>/dev/null)
        [ -n "$kids" ] && find_tend $kids && return 0
    done
    return 1
}
pid=$(find_tend "$pane")
check "e2e crash: found the running tend" test -n "$pid"
kill -9 "$pid"
# The next start can cover any message at once, so poll the process itself.
gone=false
for ((i = 0; i < 200; i++)); do
    kill -0 "$pid" 2>/dev/null || { gone=true; break; }
    sleep 0.05
done
check "e2e crash: tend was killed" $gone
if grep -rlF "quiet jetty" "$E2E_HOME" >/dev/null 2>&1; then
    fail "e2e crash: no file holds the words in plaintext" "$(grep -rlF 'quiet jetty' "$E2E_HOME")"
else
    pass "e2e crash: no file holds the words in plaintext"
fi

check "e2e crash: asks for the passphrase again" e2e_wait "Type your passphrase"
e2e_type "still water"; e2e_send Enter
check "e2e crash: the unfinished entry is offered" e2e_wait "Continue your unfinished entry"
e2e_send Enter
check "e2e crash: the title came back" e2e_wait "Title  Lakeside night"
check "e2e crash: the text came back word for word" \
    e2e_wait "Heron feathers drift past the quiet jetty."
e2e_send F12
check "e2e crash: hidden again" e2e_wait "Press any key"
