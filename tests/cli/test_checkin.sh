# Check-ins end to end, through the headless scripted terminal of the test
# build: check-ins saved in the TUI are listed by `tend list --kind checkin`
# (several on one day, each its own record with its time, answers stored
# by item id with the definition's id and version); a half-done check-in is
# kept as its own encrypted draft, apart from the editor's entry draft; and
# `tend checkin` takes no arguments.
source "$(dirname "$0")/../lib.sh"
tmp=$(mktmp)
mkdir -p "$tmp/home" "$tmp/tmp" "$tmp/data" "$tmp/scripts"
export HOME=$tmp/home TMPDIR=$tmp/tmp XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/home/.config \
    TEND_JOURNAL= TERM=xterm-256color TEND_TEST_NOW=1767254400
printf 'pw\n' > "$tmp/scripts/pw"
t() { "$TEND_BIN" --passphrase-fd 3 "$@" 3<"$tmp/scripts/pw"; }
t init --kdf min >/dev/null 2>&1 || fail "checkin: init failed"

# ui SCRIPT [ARGS]: runs the TUI on the script.
ui() {
    local s=$1; shift
    TEND_SCRIPT="$s" TEND_SNAPSHOT_DIR="$tmp/scripts" "$TEND_BIN" "$@" \
        > "$tmp/scripts/out" 2> "$tmp/scripts/err"
}

# ---- two check-ins on one day ------------------------------------------------
cat > "$tmp/scripts/two.script" <<'EOF'
pw
:key Enter
:key Enter
4
:key Enter
:key Enter
:key Enter
:key Enter
:key Enter
:key Enter
:key Space
:key Enter
:key Enter
Rough morning
:key Enter
:key Down
:key Enter
:tick 90
:key Enter
:key Enter
:key Enter
:key Enter
:key Enter
:key Enter
:key Enter
:key Enter
:key Enter
:key Enter
:key Enter
:key Down
:key Enter
q
EOF
ui "$tmp/scripts/two.script" checkin; rc=$?
expect_eq "checkin: the scripted check-ins exit 0" "$rc" 0
check "checkin: no sanitizer report" bash -c "! grep -qE 'Sanitizer|runtime error' '$tmp/scripts/err'"
list=$(t list --kind checkin 2>&1)
expect_eq "checkin: tend list --kind checkin shows both, newest first" \
    "$(cut -f2- <<<"$list")" "2026-01-01 08:01	checkin	Daily check-in	
2026-01-01 08:00	checkin	Daily check-in	"
expect_eq "checkin: entries are not listed as check-ins" "$(t list --kind entry 2>&1)" ""
first=$(tail -n 1 <<<"$list" | cut -f1)
second=$(head -n 1 <<<"$list" | cut -f1)
expect_eq "checkin: answers are stored by item id with the definition's id and version" \
    "$(t show "$first" 2>&1 | grep '^field: ')" "field: _def = daily
field: _ver = 2
field: distress = 4
field: triggers = conflict
field: note = Rough morning"
expect_eq "checkin: a check-in with everything skipped stores only what it is" \
    "$(t show "$second" 2>&1 | grep '^field: ')" "field: _def = daily
field: _ver = 2"
expect_eq "checkin: no draft is left after saving" "$(t list --kind checkin-draft 2>&1)" ""

# ---- drafts: the check-in's and the editor's side by side ---------------------
cat > "$tmp/scripts/drafts.script" <<'EOF'
pw
:key Enter
:key Down
:key Enter
:key Enter
half a thought
:key F12
x
pw
:key Enter
:key Enter
:key Enter
7
:key Enter
:key Esc
q
EOF
ui "$tmp/scripts/drafts.script"; rc=$?
expect_eq "checkin: the drafts script exits 0" "$rc" 0
expect_eq "checkin: the entry draft is still there" "$(t list --kind draft 2>&1 | wc -l)" 1
cd_id=$(t list --kind checkin-draft 2>&1 | cut -f1)
expect_eq "checkin: the half-done check-in is its own draft, at section 2" \
    "$(t show "$cd_id" 2>&1 | grep '^field: ')" "field: _def = daily
field: _ver = 2
field: distress = 7
field: _at = 1"
expect_eq "checkin: a draft is not a check-in" "$(t list --kind checkin 2>&1 | wc -l)" 2

# ---- tend checkin takes no arguments ---------------------------------------------
"$TEND_BIN" checkin extra > /dev/null 2>&1; rc=$?
expect_eq "checkin: tend checkin with an argument is a usage error" "$rc" 2
