/*
 * welcome.c — the first screen: a calm greeting, what tend is, and the keys.
 */
#include "tend/content_data.h"
#include "tend/screens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    tend_screen base;
} welcome;

static size_t S_count_pages(void)
{
    size_t n = 0;
    for (size_t i = 0; i < tend_embedded_count; i++)
        if (strncmp(tend_embedded_files[i].path, "pages/", 6) == 0)
            n++;
    return n;
}

static void S_draw(tend_screen *s, tend_app *app, int rows, int cols)
{
    (void)s;
    static const char *const lines[] = {
        "Welcome to tend.",
        "",
        "A private journal for the terminal,",
        "for the days that are hard and the days that are not.",
        "",
        "Everything you write stays on this computer, encrypted.",
    };
    size_t n = sizeof lines / sizeof lines[0];
    int top = rows > 12 ? (rows - (int)n - 4) / 2 : 1;
    tend_ui_fill(app, 0, 0, ST_BAR);
    tend_ui_text(app, 0, 1, ST_BAR, "tend", 0);
    for (size_t i = 0; i < n; i++) {
        const char *l = lines[i];
        int w = (int)tend_utf8_width(l, strlen(l));
        int x = w < cols ? (cols - w) / 2 : 0;
        tend_ui_text(app, top + (int)i, x, i == 0 ? ST_TITLE : ST_NORMAL, l, 0);
    }
    char note[96];
    snprintf(note, sizeof note, "%zu library pages are built in.", S_count_pages());
    int w = (int)strlen(note);
    tend_ui_text(app, top + (int)n + 1, w < cols ? (cols - w) / 2 : 0, ST_DIM, note, 0);
    tend_ui_fill(app, rows - 1, 0, ST_BAR);
    tend_ui_text(app, rows - 1, 1, ST_BAR, "q  leave", 0);
}

static bool S_key(tend_screen *s, tend_app *app, const tend_key *k)
{
    (void)s;
    if ((k->kind == TK_CHAR && k->ch == 'q') || (k->kind == TK_CTRL && k->ch == 'c')) {
        tend_app_quit(app);
        return true;
    }
    return false;
}

static void S_destroy(tend_screen *s)
{
    free(s);
}

static const tend_screen_ops welcome_ops = { "welcome", S_draw, S_key, S_destroy };

tend_screen *tend_screen_welcome(void)
{
    welcome *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->base.ops = &welcome_ops;
    return &w->base;
}
