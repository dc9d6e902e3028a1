# TUI abuse: scripted UI runs (TEND_SCRIPT, headless) written here into a
# temporary folder and run the way tests/ui/run runs tests/ui/*.script.
# Each run must exit 0, print no sanitizer report, and reach its last line
# (a final :snapshot that only exists if every key before it was read).
#
#   - 10,000 seeded random keys on Home and on every screen Home's menu
#     opens (random text, UTF-8, named keys, Ctrl keys, F1, ticks of the
#     ui clock, pastes, resizes; no key that leaves the screen), then one
#     10,000-key walk that may go anywhere (Esc, F2, F3, quick-hide and
#     unlocking again included);
#   - 100 resizes (down to 1x1, and 20x6, and 250x80) while a screen holds
#     input: the set-up and unlock passphrase fields, the editor, a check-in
#     half answered; back at 80x24 the screen is exactly what it was;
#   - every screen in a 20x6 terminal, with random keys;
#   - a 1 MB paste (CRLF, long lines, UTF-8) in the editor, saved: the
#     entry then holds all of it.
# Random keys come from awk's srand(SEED), so a failing run can be rerun.
source "$(dirname "$0")/../lib.sh"
# tmpfs when there is one: every autosave and save is synced
[ -d /dev/shm ] && [ -w /dev/shm ] && export TMPDIR=/dev/shm
tmp=$(mktmp)
NKEYS=${TEND_ABUSE_KEYS:-10000}

# run NAME SCRIPT [ARGS]: runs tend on SCRIPT in a fresh HOME with a journal
# (passphrase "pw", three entries) unless the script starts with #nojournal.
# Leaves its files in $tmp/NAME; returns 0 when it ran clean to the end.
run() {
    local name=$1 script=$2 args=${3:-} d=$tmp/$1
    mkdir -p "$d/home" "$d/data" "$d/config" "$d/tmp" "$d/snap"
    local envs=(HOME="$d/home" XDG_DATA_HOME="$d/data" XDG_CONFIG_HOME="$d/config"
                TMPDIR="$d/tmp" TERM=xterm-256color TZ=UTC LC_ALL=C.UTF-8
                TEND_TEST_NOW=1767254400)
    if ! grep -q '^#nojournal' "$script"; then
        printf 'pw\n' > "$d/pwfile"
        env "${envs[@]}" "$TEND_BIN" init --kdf min --passphrase-fd 3 3<"$d/pwfile" >/dev/null 2>&1 &&
        for n in 1 2 3; do
            printf 'entry %s, with words: été 日本 🙂\n' "$n" |
                env "${envs[@]}" TEND_TEST_NOW=$((1767000000 + n * 86400)) "$TEND_BIN" add \
                    --title "title $n" --tag "tag$n" --passphrase-fd 3 3<"$d/pwfile" >/dev/null 2>&1
        done || { fail "ui abuse $name: setup failed"; return 1; }
    fi
    # shellcheck disable=SC2086
    (cd "$d" && env "${envs[@]}" TEND_SCRIPT="$script" TEND_SNAPSHOT_DIR="$d/snap" \
        "$TEND_BIN" $args) > "$d/stdout" 2> "$d/stderr"
    local rc=$?
    if [ "$rc" -ne 0 ]; then
        fail "ui abuse $name: exit $rc" "$(head -30 "$d/stderr")"; return 1
    fi
    if grep -qE 'ERROR: (Address|Leak|Undefined)Sanitizer|runtime error:|unknown key name|bad :resize|cannot make the paste' "$d/stderr"; then
        fail "ui abuse $name: a sanitizer report or a script error" "$(head -30 "$d/stderr")"; return 1
    fi
    if [ ! -f "$d/snap/end.screen" ]; then
        fail "ui abuse $name: tend stopped before the end of the script"; return 1
    fi
    return 0
}

# keys SEED N MODE: N random script lines. MODE "stay" leaves out every key
# that leaves a screen (Esc, q, F2, F3, quick-hide); "wander" allows them
# (quick-hide is followed by unlocking again, at 80x24: in a window too
# small to draw, the passphrase field takes no keys) but still not q, which
# would end the run on Home, as Esc would on the unlock screen.
keys() {
    awk -v seed="$1" -v n="$2" -v mode="$3" 'BEGIN {
        srand(seed)
        split("Enter Tab BTab Up Down Left Right Home End PgUp PgDn Backspace Delete Space C-Left C-Right F1", named, " ")
        nn = 17
        text = "abcdefghijklmnoprstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;!?-_()[]{}<>/\\|@$%^&*+=~\"'"'"'`"
        split("é|ß|日|本|語|🙂|👍🏽|e\xcc\x81|\xe2\x80\x8b|ﬁ|Ω|\xef\xbf\xbd", uni, "|")
        nu = 12
        ctrl = "abdefghiklnoprstuvwxyz"
        for (i = 0; i < n; i++) {
            r = rand()
            if (r < 0.45) {
                c = substr(text, 1 + int(rand() * length(text)), 1)
                print (c == " " ? ":key Space" : c)
            } else if (r < 0.52) {
                print uni[1 + int(rand() * nu)]
            } else if (r < 0.55) {
                print "::" substr(text, 1 + int(rand() * 20), 3)
            } else if (r < 0.88) {
                print ":key " named[1 + int(rand() * nn)]
            } else if (r < 0.94) {
                print ":key C-" substr(ctrl, 1 + int(rand() * length(ctrl)), 1)
            } else if (r < 0.96) {
                print ":tick " (1 + int(rand() * 120))
            } else if (r < 0.97) {
                print ":resize " (1 + int(rand() * 200)) " " (1 + int(rand() * 60))
            } else if (r < 0.98) {
                print ":paste line one\\nline two é 日本\\n\\nend"
            } else if (mode == "wander") {
                w = rand()
                if (w < 0.4) print ":key Esc"
                else if (w < 0.6) print ":key F2"
                else if (w < 0.8) print ":key F3"
                else { print ":resize 80 24"; print ":key F12"; print "x"; print "pw"; print ":key Enter" }
            } else {
                print ":key Down"
            }
            if (i % 997 == 996)
                print ":resize 80 24"
        }
    }'
}

# ---- 10,000 random keys on Home and on each screen of its menu --------------
screens=(home checkin write library history insights tools support settings)
for i in "${!screens[@]}"; do
    s=${screens[$i]}
    f=$tmp/random-$s.script
    {
        echo "pw"; echo ":key Enter"
        if [ "$i" -gt 0 ]; then
            for ((k = 1; k < i; k++)); do echo ":key Down"; done
            echo ":key Enter"
        fi
        echo ":snapshot start"
        keys "$((100 + i))" "$NKEYS" stay
        echo ":resize 80 24"
        echo ":snapshot end"
    } > "$f"
    if run "random-$s" "$f"; then
        pass "ui abuse: $NKEYS random keys on $s (seed $((100 + i)))"
    fi
done
f=$tmp/random-wander.script
{ echo "pw"; echo ":key Enter"; keys 99 "$NKEYS" wander; echo ":resize 80 24"; echo ":snapshot end"; } > "$f"
run random-wander "$f" && pass "ui abuse: $NKEYS random keys anywhere, quick-hide and unlock included (seed 99)"

# ---- 100 resizes while a screen holds input --------------------------------
# storm: 100 sizes from tiny to huge, typing a little between some of them
# (the typed text is then removed again), then back to 80x24.
storm() {
    awk 'BEGIN {
        srand(7)
        split("1 1|2 1|20 6|19 5|40 12|250 80|80 24|3 200|200 3|30 10", fixed, "|")
        for (i = 0; i < 100; i++) {
            if (i < 10) print ":resize " fixed[i + 1]
            else print ":resize " (1 + int(rand() * 250)) " " (1 + int(rand() * 80))
        }
        print ":resize 80 24"
    }'
}
# resized NAME ARGS PREFIX...: the script PREFIX, a snapshot, the storm, a
# second snapshot; the two must be the same screen.
resized() {
    local name=$1 args=$2; shift 2
    local f=$tmp/resize-$name.script
    { printf '%s\n' "$@"; echo ":resize 80 24"; echo ":snapshot before"; storm; echo ":snapshot after";
      echo ":snapshot end"; } > "$f"
    if run "resize-$name" "$f" "$args"; then
        if cmp -s "$tmp/resize-$name/snap/before.screen" "$tmp/resize-$name/snap/after.screen"; then
            pass "ui abuse: 100 resizes in $name keep what was typed and redraw the same screen"
        else
            fail "ui abuse: 100 resizes in $name changed the screen" \
                "$(diff "$tmp/resize-$name/snap/before.screen" "$tmp/resize-$name/snap/after.screen")"
        fi
    fi
}
resized setup "" "#nojournal" ":key Enter" "correct horse battery" ":key Tab" "correct horse"
resized unlock "" "correct"
resized editor "" "pw" ":key Enter" ":key Down" ":key Enter" ":key Enter" \
    "Words typed before the storm, with UTF-8: Köln 日本語 🙂" ":key Enter" "and a second line" \
    ":key Tab" "A title" ":key Tab" "tag1, tag2"
resized checkin checkin "pw" ":key Enter" ":key Enter" "3" ":key Enter" "2"
# the passphrase typed before the storm still unlocks after it
f=$tmp/resize-unlock-enter.script
{ echo "pw"; storm; echo ":key Enter"; echo ":snapshot end"; } > "$f"
if run resize-unlock-enter "$f"; then
    check "ui abuse: a passphrase typed before 100 resizes still unlocks" \
        grep -q 'tend · Home' "$tmp/resize-unlock-enter/snap/end.screen"
fi

# ---- a 20x6 terminal ---------------------------------------------------------
f=$tmp/small.script
{
    echo ":resize 20 6"; echo "pw"; echo ":key Enter"
    for ((i = 1; i < ${#screens[@]}; i++)); do
        for ((k = 1; k < i; k++)); do echo ":key Down"; done
        echo ":key Enter"
        keys "$((300 + i))" 300 stay | grep -v '^:resize'
        echo ":snapshot small-$i"
        for ((k = 0; k < 6; k++)); do echo ":key Esc"; done
        echo ":key Home"
    done
    keys 300 2000 wander | grep -v '^:resize'
    echo ":snapshot end"
} > "$f"
if run small "$f"; then
    pass "ui abuse: every screen and 4,400 random keys in a 20x6 terminal"
    over=$(cat "$tmp"/small/snap/*.screen | while IFS= read -r l; do [ ${#l} -le 20 ] || echo "$l"; done | head -3)
    expect_eq "ui abuse: nothing is drawn past 20 columns at 20x6" "$over" ""
    expect_eq "ui abuse: nothing is drawn past 6 rows at 20x6" \
        "$(for s in "$tmp"/small/snap/*.screen; do wc -l < "$s"; done | sort -u)" "6"
fi

# ---- a 1 MB paste in the editor ----------------------------------------------
awk 'BEGIN {
    srand(11); total = 0
    while (total < 1048576) {
        r = rand()
        if (r < 0.1) line = ""
        else if (r < 0.2) { line = ""; for (k = 0; k < 300; k++) line = line "long" }
        else { line = ""; n = 1 + int(rand() * 12)
               for (k = 0; k < n; k++) line = line (k ? " " : "") substr("words written tonight Köln 日本語 🙂 été", 1 + int(rand() * 20), 6) }
        printf "%s%s", line, (rand() < 0.3 ? "\r\n" : "\n")
        total += length(line) + 1
    }
}' > "$tmp/paste.txt"
bytes=$(wc -c < "$tmp/paste.txt")
f=$tmp/paste.script
{
    echo "pw"; echo ":key Enter"; echo ":key Down"; echo ":key Enter"; echo ":key Enter"
    echo "before "
    echo ":pastefile $tmp/paste.txt"
    echo " after"
    echo ":key C-Left"; echo ":key PgUp"; echo ":key PgUp"; echo ":key Down"; echo ":key Backspace"
    echo ":key C-z"; echo ":key C-y"; echo ":key PgDn"; echo ":resize 20 6"; echo ":resize 80 24"
    echo ":key Tab"; echo "one megabyte"
    echo ":key C-s"
    echo ":snapshot end"
    echo ":key Esc"
} > "$f"
if run paste "$f"; then
    pass "ui abuse: a $bytes-byte paste in the editor"
    d=$tmp/paste
    id=$(HOME=$d/home XDG_DATA_HOME=$d/data TEND_JOURNAL= "$TEND_BIN" list --passphrase-fd 3 \
        3<"$d/pwfile" 2>/dev/null | awk -F'\t' '$4 == "one megabyte" { print $1 }')
    want=$(tr -d '\r' < "$tmp/paste.txt" | wc -c)
    got=$(HOME=$d/home XDG_DATA_HOME=$d/data TEND_JOURNAL= "$TEND_BIN" show "$id" \
        --passphrase-fd 3 3<"$d/pwfile" 2>/dev/null | wc -c)
    if [ -n "$id" ] && [ "$got" -gt "$want" ]; then
        pass "ui abuse: the pasted entry was saved whole ($got bytes shown, $want pasted)"
    else
        fail "ui abuse: the pasted entry was not saved whole" "id '$id', $got bytes shown, $want pasted"
    fi
fi

# TEND_ABUSE_KEEP=DIR keeps the scripts and screens for a look afterwards.
[ -z "${TEND_ABUSE_KEEP:-}" ] || cp -r "$tmp" "$TEND_ABUSE_KEEP"
