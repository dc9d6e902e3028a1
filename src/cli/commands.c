/*
 * commands.c — the table of commands. `tend --help` is generated from it, so
 * a command appears there only once it is built and added here.
 */
#include "tend/cli.h"

int tend_cmd_content_check(const tend_globals *g, int argc, char **argv); /* cmd_content.c */

const tend_command tend_commands[] = {
    { "content-check", "[DIR]", "check content: DIR, else ./content, else built-in", tend_cmd_content_check },
    { NULL, NULL, NULL, NULL }
};
