# tests/lib.sh — helpers shared by the shell test suites (sourced, not run).
#
# Every check records one line in $TEND_COUNTS ("pass NAME" or "fail NAME"),
# so counts survive subshells and tests/run-all can add them up.
#
#   pass NAME             record a passed check
#   fail NAME [WHY]       record a failed check, with why on stderr
#   check NAME CMD...     run CMD; pass if it exits 0, else fail
#   expect_eq NAME GOT WANT   compare two strings, showing both on failure
#   mktmp                 print a fresh private temp dir (removed at exit)

: "${TEND_COUNTS:?tests/lib.sh: TEND_COUNTS must name the counts file}"
: "${TEND_BIN:?tests/lib.sh: TEND_BIN must name the tend binary}"
TEND_BIN=$(cd "$(dirname "$TEND_BIN")" && pwd)/$(basename "$TEND_BIN")
TESTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$TESTS_DIR/.." && pwd)
export TZ=UTC LC_ALL=C.UTF-8

_t_tmpdirs=()
mktmp() {
    local d
    d=$(mktemp -d "${TMPDIR:-/tmp}/tend-test.XXXXXX") || return 1
    _t_tmpdirs+=("$d")
    printf '%s\n' "$d"
}
_t_cleanup() { local d; for d in "${_t_tmpdirs[@]}"; do rm -rf "$d"; done; }
trap _t_cleanup EXIT

pass() { printf 'pass %s\n' "$*" >> "$TEND_COUNTS"; printf '  ok      %s\n' "$*"; }
fail() {
    printf 'fail %s\n' "$1" >> "$TEND_COUNTS"
    printf '  FAILED  %s\n' "$1"
    [ $# -gt 1 ] && printf '          %s\n' "${@:2}" >&2
    return 0
}
check() {
    local name=$1; shift
    if "$@"; then pass "$name"; else fail "$name" "command failed: $*"; fi
}
expect_eq() {
    if [ "$2" == "$3" ]; then pass "$1"; else
        fail "$1" "got:  $(printf '%q' "$2")" "want: $(printf '%q' "$3")"
    fi
}
