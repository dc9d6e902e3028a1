/*
 * cmd_content.c — `tend content-check [DIR]`: lints a content folder.
 *
 * Which set is checked: DIR when given, else the --content folder, else
 * ./content when it is a folder (the usual case in a checkout), else the
 * content built into this binary; its line in `tend --help` says so. Every
 * problem goes to stderr as `file:line: message`; one summary line goes to
 * stdout. Exit 0 when clean,
 * 1 when problems were found, 2 on a usage error.
 */
#include "tend/cli.h"
#include "tend/content.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

int tend_cmd_content_check(const tend_globals *g, int argc, char **argv);

int tend_cmd_content_check(const tend_globals *g, int argc, char **argv)
{
    static const tend_optspec spec[] = { { NULL, false } };
    tend_optstate st = { 1, 0, NULL, false };
    const char *dir = NULL;
    int r;
    while ((r = tend_opt_next(&st, argc, argv, "content-check", spec)) != TEND_OPT_END) {
        if (r == TEND_OPT_ERROR)
            return 2;
        if (dir)
            return tend_usage_error("content-check: only one folder, please (got '%s' and '%s')",
                                    dir, st.value);
        dir = st.value;
    }
    if (!dir)
        dir = g->content_dir;
    struct stat sb;
    if (!dir && stat("content", &sb) == 0 && S_ISDIR(sb.st_mode))
        dir = "content";

    tend_content_opts o = { dir == NULL, dir, true };
    tend_content *c = NULL;
    tend_error err;
    tend_error_clear(&err);
    /* Problems are the point here, not a failure: only ENOMEM leaves c NULL. */
    if (tend_content_load(&o, &c, &err) == TEND_ENOMEM || !c)
        return tend_report(&err);
    size_t np = tend_content_problem_count(c);
    for (size_t i = 0; i < np; i++) {
        const tend_content_problem *p = tend_content_problem_at(c, i);
        if (p->line > 0)
            fprintf(stderr, "%s:%d: %s\n", p->file, p->line, p->msg);
        else
            fprintf(stderr, "%s: %s\n", p->file, p->msg);
    }
    size_t prompts = 0;
    for (size_t i = 0; i < tend_content_theme_count(c); i++)
        prompts += tend_content_theme(c, i)->nprompts;
    size_t checkins = 0;
    for (size_t i = 0; i < tend_content_file_count(c); i++)
        if (strncmp(tend_content_file_at(c, i)->path, "checkins/", 9) == 0)
            checkins++;
    char verdict[64];
    if (np)
        snprintf(verdict, sizeof verdict, "%zu problem%s", np, np == 1 ? "" : "s");
    else
        snprintf(verdict, sizeof verdict, "no problems");
    printf("%s: %zu pages, %zu tools, %zu regions, %zu prompts in %zu themes, %zu check-in "
           "files; %s\n",
           dir ? dir : "built-in content", tend_content_page_count(c), tend_content_tool_count(c),
           tend_content_region_count(c), prompts, tend_content_theme_count(c), checkins, verdict);
    tend_content_free(c);
    return np ? 1 : 0;
}
