/*
 * commands.c — the table of commands. `tend --help` is generated from it, so
 * a command appears there only once it is built and added here.
 */
#include "tend/cli.h"

const tend_command tend_commands[] = {
    { NULL, NULL, NULL, NULL }
};
