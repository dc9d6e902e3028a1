/*
 * open.c — opens the full-screen journal: the session (journal, content,
 * settings) and the ui, then the first screen (set-up or unlock).
 */
#include "tend/cli.h"
#include "tend/content.h"
#include "tend/screens.h"
#include "tend/ui.h"

#include <stdio.h>

/* Opens the journal at screen (NULL = home); with page, screen is "read"
 * and page the library page to open on top of the Library. A page that is
 * not in the loaded content is a usage error before the terminal starts. */
static int S_open(const tend_globals *g, const char *screen, const char *page)
{
    if (screen && !tend_screen_name_known(screen))
        return tend_usage_error("there is no screen called '%s'", screen);
    tend_error err, content_err;
    tend_error_clear(&err);
    tend_error_clear(&content_err);
    tend_session *s = tend_session_new(g->journal, g->content_dir, g->no_color, &content_err);
    if (!s)
        return tend_report(&content_err);
    if (page) {
        if (!s->content || !tend_content_page_find(s->content, page)) {
            tend_session_free(s);
            return tend_usage_error("there is no library page called '%s'; "
                                    "'tend read' opens the Library with every page", page);
        }
        snprintf(s->start_page, sizeof s->start_page, "%s", page);
    }
    tend_ui_options uo = { g->no_color };
    tend_app *app = tend_app_new(&uo, &err);
    if (!app) {
        tend_session_free(s);
        return tend_report(&err);
    }
    tend_session_attach(s, app, screen);
    tend_status st = tend_app_run(app, &err);
    /* tend_app_run has closed the journal; now the terminal is restored. */
    tend_app_free(app);
    tend_session_free(s);
    if (content_err.code != TEND_OK)
        fprintf(stderr, "tend: %s\n", content_err.msg);
    return st == TEND_OK ? 0 : tend_report(&err);
}

int tend_cli_open(const tend_globals *g, const char *screen)
{
    return S_open(g, screen, NULL);
}

/* `tend checkin`, `tend tools` and `tend support`: open straight at that screen (after
 * unlock, or set-up on first run). No arguments. */
static int S_open_at(const tend_globals *g, int argc, char **argv, const char *screen)
{
    if (argc > 1)
        return tend_usage_error("%s takes no arguments", argv[0]);
    return tend_cli_open(g, screen);
}

int tend_cmd_checkin(const tend_globals *g, int argc, char **argv);
int tend_cmd_checkin(const tend_globals *g, int argc, char **argv)
{
    return S_open_at(g, argc, argv, "checkin");
}

int tend_cmd_write(const tend_globals *g, int argc, char **argv);
int tend_cmd_write(const tend_globals *g, int argc, char **argv)
{
    return S_open_at(g, argc, argv, "write");
}

/* `tend read [PAGE]`: the Library, or PAGE ("attachment" or "attachment.md")
 * at the place it was left. */
int tend_cmd_read(const tend_globals *g, int argc, char **argv);
int tend_cmd_read(const tend_globals *g, int argc, char **argv)
{
    if (argc > 2)
        return tend_usage_error("read takes at most one page name");
    if (argc == 2 && argv[1][0] == '-')
        return tend_usage_error("read: unknown option '%s'", argv[1]);
    return S_open(g, "read", argc == 2 ? argv[1] : NULL);
}

int tend_cmd_tools(const tend_globals *g, int argc, char **argv);
int tend_cmd_tools(const tend_globals *g, int argc, char **argv)
{
    return S_open_at(g, argc, argv, "tools");
}

int tend_cmd_support(const tend_globals *g, int argc, char **argv);
int tend_cmd_support(const tend_globals *g, int argc, char **argv)
{
    return S_open_at(g, argc, argv, "support");
}
