/*
 * open.c — opens the full-screen journal.
 */
#include "tend/cli.h"
#include "tend/screens.h"
#include "tend/ui.h"

#include <stdio.h>

int tend_cli_open(const tend_globals *g, const char *screen)
{
    (void)screen;
    tend_error err;
    tend_error_clear(&err);
    tend_ui_options uo = { g->no_color };
    tend_app *app = tend_app_new(&uo, &err);
    if (!app)
        return tend_report(&err);
    tend_screen *w = tend_screen_welcome();
    if (!w) {
        tend_app_free(app);
        fputs("tend: out of memory\n", stderr);
        return 1;
    }
    tend_app_push(app, w);
    tend_status st = tend_app_run(app, &err);
    tend_app_free(app);
    return st == TEND_OK ? 0 : tend_report(&err);
}
