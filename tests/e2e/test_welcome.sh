# End to end: tend opens in a real terminal from an unrelated folder, shows
# its welcome screen with the built-in library, redraws on resize, and q
# leaves with the terminal restored (the alternate screen is gone).
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/lib.sh"

cd "$E2E_HOME/tmp" || exit 1
e2e_start "$TEND_BIN"
check "e2e: welcome screen appears" e2e_wait "Welcome to tend."
check "e2e: built-in content found from another folder" e2e_wait "library pages are built in"
e2e_resize 50 15
check "e2e: redraws after resize to 50x15" e2e_wait "Welcome to tend."
e2e_type q
check "e2e: q leaves with exit status 0" e2e_wait "[exited 0]"
if e2e_screen | grep -qF "Welcome to tend."; then
    fail "e2e: terminal restored after q" "the welcome text is still on the screen"
else
    pass "e2e: terminal restored after q"
fi
