/*
 * args.c — global option parsing, help, version and dispatch.
 */
#include "tend/cli.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { G_HELP, G_VERSION, G_NO_COLOR, G_CONTENT };
enum { G_JOURNAL = 100, G_PASSPHRASE_FD };

/* Global options shown in help. Only options that work are listed here. */
static const struct {
    int id;
    const char *name;
    const char *arg;
    const char *help;
} S_globals[] = {
    { G_CONTENT, "content", "DIR", "add or override content files from DIR" },
    { G_JOURNAL, "journal", "PATH", "the journal (else TEND_JOURNAL, else $XDG_DATA_HOME/tend/journal.db)" },
    { G_PASSPHRASE_FD, "passphrase-fd", "N", "read each passphrase as one line from fd N" },
    { G_NO_COLOR, "no-color", NULL, "draw without colour (NO_COLOR is honoured too)" },
    { G_HELP, "help", NULL, "show this help and exit" },
    { G_VERSION, "version", NULL, "print the version and exit" },
};
#define N_GLOBALS (sizeof S_globals / sizeof S_globals[0])

/* Prints tend --help (usage, the command table, the global options) to out. */
static void S_help(FILE *out)
{
    fprintf(out,
            "usage: tend [options] [command [arguments]]\n"
            "\n"
            "tend is a private journal for the terminal. Everything you write is\n"
            "encrypted on this computer and nothing leaves it. Run tend with no\n"
            "command to open it.\n");
    if (tend_commands[0].name) {
        fprintf(out, "\ncommands:\n");
        for (const tend_command *c = tend_commands; c->name; c++) {
            /* Never truncated: tests and completions read every option here. */
            const char *sp = c->synopsis[0] ? " " : "";
            int len = (int)(strlen(c->name) + strlen(sp) + strlen(c->synopsis));
            if (len > 26)
                fprintf(out, "  %s%s%s\n  %-26s  %s\n", c->name, sp, c->synopsis, "", c->summary);
            else
                fprintf(out, "  %s%s%s%*s  %s\n", c->name, sp, c->synopsis, 26 - len, "",
                        c->summary);
        }
    }
    fprintf(out, "\noptions:\n");
    for (size_t i = 0; i < N_GLOBALS; i++) {
        char head[64];
        snprintf(head, sizeof head, "--%s%s%s", S_globals[i].name, S_globals[i].arg ? " " : "",
                 S_globals[i].arg ? S_globals[i].arg : "");
        fprintf(out, "  %-26s  %s\n", head, S_globals[i].help);
    }
    fprintf(out,
            "\nexit status: 0 ok, 1 error, 2 usage error, 3 wrong passphrase,\n"
            "4 damaged data found.\n");
}

int tend_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("tend: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs("\nTry 'tend --help' for more.\n", stderr);
    va_end(ap);
    return 2;
}

int tend_report(const tend_error *err)
{
    fprintf(stderr, "tend: %s\n", err->msg[0] ? err->msg : tend_status_name(err->code));
    return tend_exit_code(err->code);
}

/* Matches argv item a against "--name" or "--name=value". Returns the value
 * pointer for "=value", "" for an exact match, NULL for no match. */
static const char *S_match(const char *a, const char *name)
{
    if (a[0] != '-' || a[1] != '-')
        return NULL;
    size_t n = strlen(name);
    if (strncmp(a + 2, name, n) != 0)
        return NULL;
    if (a[2 + n] == '\0')
        return "";
    if (a[2 + n] == '=')
        return a + 3 + n;
    return NULL;
}

int tend_opt_next(tend_optstate *st, int argc, char **argv, const char *cmd,
                  const tend_optspec *spec)
{
    if (st->index >= argc)
        return TEND_OPT_END;
    const char *a = argv[st->index++];
    if (!st->only_args && strcmp(a, "--") == 0) {
        st->only_args = true;
        return tend_opt_next(st, argc, argv, cmd, spec);
    }
    if (st->only_args || a[0] != '-' || a[1] == '\0') {
        st->value = a;
        return TEND_OPT_ARG;
    }
    for (int i = 0; spec && spec[i].name; i++) {
        const char *v = S_match(a, spec[i].name);
        if (!v)
            continue;
        st->which = i;
        if (!spec[i].has_arg) {
            if (*v) {
                tend_usage_error("%s: --%s takes no value", cmd, spec[i].name);
                return TEND_OPT_ERROR;
            }
            st->value = NULL;
            return TEND_OPT_FOUND;
        }
        if (strchr(a, '=')) {
            st->value = v;
        } else if (st->index < argc) {
            st->value = argv[st->index++];
        } else {
            tend_usage_error("%s: --%s needs a value", cmd, spec[i].name);
            return TEND_OPT_ERROR;
        }
        return TEND_OPT_FOUND;
    }
    tend_usage_error("%s: unknown option '%s'", cmd, a);
    return TEND_OPT_ERROR;
}

int tend_cli_main(int argc, char **argv)
{
    tend_globals g = { NULL, -1, NULL, false };
    if (getenv("NO_COLOR") && *getenv("NO_COLOR"))
        g.no_color = true;

    /* Global options may come before or after the command; everything else
     * is collected, in order, for the command. */
    char **rest = calloc((size_t)argc + 1, sizeof *rest);
    if (!rest) {
        fputs("tend: out of memory\n", stderr);
        return 1;
    }
    int nrest = 0;
    const char *cmdname = NULL;
    bool only_args = false;
    int rc = -1;
    for (int i = 1; i < argc && rc < 0; i++) {
        const char *a = argv[i];
        if (only_args || a[0] != '-' || a[1] == '\0') {
            if (!cmdname)
                cmdname = a;
            rest[nrest++] = argv[i];
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_args = true;
            if (cmdname)
                rest[nrest++] = argv[i];
            continue;
        }
        size_t k;
        for (k = 0; k < N_GLOBALS; k++)
            if (S_match(a, S_globals[k].name))
                break;
        if (k == N_GLOBALS) {
            if (cmdname) {
                rest[nrest++] = argv[i]; /* the command's own option */
                continue;
            }
            rc = tend_usage_error("unknown option '%s'", a);
            break;
        }
        const char *v = S_match(a, S_globals[k].name);
        if (S_globals[k].arg && !*v) {
            if (i + 1 >= argc) {
                rc = tend_usage_error("--%s needs a value", S_globals[k].name);
                break;
            }
            v = argv[++i];
        } else if (!S_globals[k].arg && *v) {
            rc = tend_usage_error("--%s takes no value", S_globals[k].name);
            break;
        }
        switch (S_globals[k].id) {
        case G_HELP: S_help(stdout); rc = 0; break;
        case G_VERSION: printf("tend %s\n", TEND_VERSION); rc = 0; break;
        case G_NO_COLOR: g.no_color = true; break;
        case G_JOURNAL:
            if (!*v)
                rc = tend_usage_error("--journal needs a path");
            g.journal = v;
            break;
        case G_PASSPHRASE_FD: {
            char *end = NULL;
            errno = 0;
            long fd = strtol(v, &end, 10);
            if (errno || end == v || *end || fd < 0 || fd > INT_MAX)
                rc = tend_usage_error("--passphrase-fd needs a file descriptor number");
            g.passphrase_fd = (int)fd;
            break;
        }
        case G_CONTENT: g.content_dir = v; break;
        }
    }
    if (rc < 0) {
        if (!cmdname) {
            rc = tend_cli_open(&g, NULL);
        } else {
            const tend_command *c = tend_commands;
            while (c->name && strcmp(c->name, cmdname) != 0)
                c++;
            if (c->name)
                rc = c->run(&g, nrest, rest);
            else
                rc = tend_usage_error("unknown command '%s'", cmdname);
        }
    }
    free(rest);
    if (fflush(stdout) != 0 && rc == 0) {
        fputs("tend: could not write the output\n", stderr);
        rc = 1;
    }
    return rc;
}
