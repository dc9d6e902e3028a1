/*
 * cmd_looking.c — `tend history` and `tend insights`: open the full-screen
 * journal straight at those screens (after unlock, or set-up on first run).
 * No arguments: filters and search are typed inside the screen, so nothing
 * a person looks for ends up in shell history.
 */
#include "tend/cli.h"

/* Opens the full-screen journal at screen; the command takes no arguments
 * (exit code 2 when given some). Returns the exit code. */
static int S_open_at(const tend_globals *g, int argc, char **argv, const char *screen)
{
    if (argc > 1)
        return tend_usage_error("%s takes no arguments", argv[0]);
    return tend_cli_open(g, screen);
}

int tend_cmd_history(const tend_globals *g, int argc, char **argv);
int tend_cmd_history(const tend_globals *g, int argc, char **argv)
{
    return S_open_at(g, argc, argv, "history");
}

int tend_cmd_insights(const tend_globals *g, int argc, char **argv);
int tend_cmd_insights(const tend_globals *g, int argc, char **argv)
{
    return S_open_at(g, argc, argv, "insights");
}
