/*
 * cli.h — the command line: global options, the table of commands, and a
 * small option parser for each command's own flags.
 *
 * The command and option tables are the single source of `tend --help`: a
 * command is listed there exactly when it is in the table, so help never
 * names something that is not built.
 */
#ifndef TEND_CLI_H
#define TEND_CLI_H

#include "tend/core.h"

#include <stdbool.h>

/* Options that apply to every command. */
typedef struct {
    const char *journal;     /* --journal PATH; NULL = TEND_JOURNAL or default */
    int passphrase_fd;       /* --passphrase-fd N; -1 = ask on the terminal */
    const char *content_dir; /* --content DIR; NULL = none */
    bool no_color;           /* --no-color or NO_COLOR */
} tend_globals;

/* A command. run gets argv with argv[0] the command's name and returns the
 * process exit code (0 ok, 1 error, 2 usage, 3 wrong passphrase, 4 damaged
 * data); it prints its own output and errors. */
typedef struct {
    const char *name;
    const char *synopsis;   /* options and arguments, for help */
    const char *summary;    /* one line, for help */
    int (*run)(const tend_globals *g, int argc, char **argv);
} tend_command;

/* The table, ending with a { NULL } entry (src/cli/commands.c). */
extern const tend_command tend_commands[];

/* Entry point of the program after start-up hardening: parses argv,
 * dispatches, and returns the exit code. Prints its own errors. */
int tend_cli_main(int argc, char **argv);

/* Opens the full-screen journal (src/cli/open.c). screen names the screen
 * to start at, or NULL for home. Returns the exit code. */
int tend_cli_open(const tend_globals *g, const char *screen);

/* Finds the journal (--journal, TEND_JOURNAL or the default), asks for the
 * passphrase and opens it (src/cli/cmd_journal.c). Returns NULL after
 * printing the error, with *rc set to the exit code. Close with
 * tend_journal_close. */
struct tend_journal *tend_cli_journal_open(const tend_globals *g, int *rc);

/* ---- per-command option parsing ----------------------------------------- */

typedef struct {
    const char *name;   /* long name without dashes, e.g. "title" */
    bool has_arg;
} tend_optspec;

typedef struct {
    int index;          /* next argv index to look at; start at 1 */
    int which;          /* index into the spec of the option found */
    const char *value;  /* its argument, or the positional argument */
    bool only_args;     /* after "--" */
} tend_optstate;

enum { TEND_OPT_END = -1, TEND_OPT_ERROR = -2, TEND_OPT_ARG = 0, TEND_OPT_FOUND = 1 };

/* Reads the next item of argv for command cmd: TEND_OPT_FOUND with
 * st->which/value set for an option in spec (accepting "--name value" and
 * "--name=value"), TEND_OPT_ARG with st->value for a positional argument,
 * TEND_OPT_END when done, TEND_OPT_ERROR after printing a one-line error and
 * the usage hint to stderr (the caller then exits 2). spec ends with a
 * { NULL } entry. */
int tend_opt_next(tend_optstate *st, int argc, char **argv, const char *cmd,
                  const tend_optspec *spec);

/* Prints "tend: MESSAGE" and the usage hint to stderr; returns 2. */
int tend_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "tend: MESSAGE" for err to stderr and returns its exit code. */
int tend_report(const tend_error *err);

/* ---- passphrases (src/cli/passphrase.c) ---------------------------------- */

#define TEND_PASSPHRASE_MAX 1024

/* A passphrase in secure memory (tend_secure_alloc), NUL-terminated. */
typedef struct {
    char *s;
    size_t len;
} tend_passphrase;

/* Reads one passphrase into *out. With g->passphrase_fd >= 0: one line from
 * that fd (nothing after the newline is consumed; no prompt; again is
 * ignored). Otherwise on the terminal (/dev/tty) with echo off, showing
 * prompt; when again is not NULL it asks a second time with that prompt and
 * the two must match (TEND_EINVAL). Errors: TEND_ERR (no terminal, nothing
 * on the fd), TEND_ECANCEL (end of input on the terminal), TEND_EINVAL (too
 * long, or the two differ), TEND_EIO, TEND_ENOMEM; *out is then empty. The
 * terminal is restored on every path, signals included. Free with
 * tend_passphrase_free, which wipes. */
tend_status tend_passphrase_read(const tend_globals *g, const char *prompt, const char *again,
                                 tend_passphrase *out, tend_error *err);
void tend_passphrase_free(tend_passphrase *p);

#endif
