/*
 * ui.c — terminal set-up and restore, key input, drawing and the screen
 * stack. In test builds, also the headless script terminal behind
 * TEND_SCRIPT (see ui.h for the script language).
 */
#include "tend/ui.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#define STACK_MAX 32
#define TICK_MS 1000

struct tend_app {
    SCREEN *term;
    FILE *out, *in;        /* headless terminal streams (script mode only) */
    tend_screen *stack[STACK_MAX];
    int depth;
    bool quit;
    bool color;
#ifdef TEND_TEST_BUILD
    bool scripted;
    char **lines;          /* script lines, owned */
    size_t nlines, line;
    uint32_t *pending;     /* characters still to type from a text line */
    size_t npending, ipending;
    unsigned ticks;        /* idle timeouts still to deliver from :tick */
    const char *snapdir;
#endif
};

static volatile sig_atomic_t g_signal;

static void S_on_signal(int sig)
{
    g_signal = sig;
}

static void S_install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = S_on_signal;
    sigemptyset(&sa.sa_mask);
    /* No SA_RESTART: a blocking read must return so the loop can leave. */
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGQUIT, &sa, NULL);
}

/* ---- styles ------------------------------------------------------------ */

static attr_t S_attr(const tend_app *app, tend_style st, short *pair)
{
    *pair = 0;
    short color = -1;
    attr_t a = A_NORMAL;
    switch (st) {
    case ST_NORMAL: break;
    case ST_DIM: a = A_DIM; break;
    case ST_BOLD: case ST_STRONG: case ST_KEY: a = A_BOLD; break;
    case ST_TITLE: a = A_BOLD; color = COLOR_CYAN; break;
    case ST_BAR: a = A_REVERSE; break;
    case ST_SELECTED: a = A_REVERSE; break;
    case ST_H1: a = A_BOLD | A_UNDERLINE; color = COLOR_CYAN; break;
    case ST_H2: a = A_BOLD; color = COLOR_CYAN; break;
    case ST_H3: a = A_BOLD; break;
    case ST_EMPH: a = A_ITALIC; break;
    case ST_CODE: color = COLOR_GREEN; break;
    case ST_LINK: a = A_UNDERLINE; color = COLOR_BLUE; break;
    case ST_LINK_FOCUS: a = A_REVERSE | A_UNDERLINE; break;
    case ST_QUOTE: a = A_DIM; break;
    case ST_NOTE: a = A_BOLD; color = COLOR_MAGENTA; break;
    case ST_MATCH: a = A_REVERSE | A_BOLD; break;
    case ST_COUNT: break;
    }
    if (app->color && color >= 0)
        *pair = (short)(color + 1);
    return a;
}

static void S_init_colors(tend_app *app)
{
    if (!app->color || !has_colors() || start_color() == ERR) {
        app->color = false;
        return;
    }
    /* Default background everywhere: readable on dark and light terminals. */
    bool defaults = use_default_colors() == OK;
    for (short c = 0; c < 8; c++)
        init_pair((short)(c + 1), c, defaults ? -1 : COLOR_BLACK);
}

/* ---- start and stop ---------------------------------------------------- */

#ifdef TEND_TEST_BUILD
static tend_status S_load_script(tend_app *app, const char *path, tend_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return tend_fail(err, TEND_EIO, "cannot read the UI script %s", path);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    size_t alloc = 0;
    tend_status st = TEND_OK;
    while ((n = getline(&line, &cap, f)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (app->nlines == alloc) {
            size_t na = alloc ? alloc * 2 : 64;
            char **nl = realloc(app->lines, na * sizeof *nl);
            if (!nl) { st = TEND_ENOMEM; break; }
            app->lines = nl;
            alloc = na;
        }
        if (!(app->lines[app->nlines] = tend_strdup(line))) { st = TEND_ENOMEM; break; }
        app->nlines++;
    }
    free(line);
    if (ferror(f) && st == TEND_OK)
        st = tend_fail(err, TEND_EIO, "error reading the UI script %s", path);
    fclose(f);
    if (st == TEND_ENOMEM)
        tend_fail(err, st, "out of memory reading the UI script");
    return st;
}
#endif

tend_app *tend_app_new(const tend_ui_options *opt, tend_error *err)
{
    tend_app *app = calloc(1, sizeof *app);
    if (!app) {
        tend_fail(err, TEND_ENOMEM, "out of memory starting the screen");
        return NULL;
    }
    app->color = !(opt && opt->no_color) && !getenv("NO_COLOR");
    S_install_signals();
#ifdef TEND_TEST_BUILD
    const char *script = getenv("TEND_SCRIPT");
    if (script && *script) {
        app->scripted = true;
        app->snapdir = getenv("TEND_SNAPSHOT_DIR");
        if (!app->snapdir || !*app->snapdir)
            app->snapdir = ".";
        if (S_load_script(app, script, err) != TEND_OK) {
            tend_app_free(app);
            return NULL;
        }
        app->out = fopen("/dev/null", "w");
        app->in = fopen("/dev/null", "r");
        if (!app->out || !app->in) {
            tend_fail(err, TEND_EIO, "cannot open /dev/null for the headless terminal");
            tend_app_free(app);
            return NULL;
        }
        app->term = newterm("xterm-256color", app->out, app->in);
    } else
#endif
    {
        if (!isatty(0) || !isatty(1)) {
            tend_fail(err, TEND_EUSAGE, "a terminal is needed to open the journal; "
                      "run it in a terminal window, or use a command such as 'tend --help'");
            tend_app_free(app);
            return NULL;
        }
        app->term = newterm(NULL, stdout, stdin);
    }
    if (!app->term) {
        tend_fail(err, TEND_ERR, "cannot start the terminal (is TERM set to a known terminal?)");
        tend_app_free(app);
        return NULL;
    }
    set_term(app->term);
#ifdef TEND_TEST_BUILD
    if (app->scripted)
        resizeterm(24, 80);
#endif
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    S_init_colors(app);
    return app;
}

void tend_app_free(tend_app *app)
{
    if (!app)
        return;
    while (app->depth > 0) {
        tend_screen *s = app->stack[--app->depth];
        s->ops->destroy(s);
    }
    if (app->term) {
        endwin();
        delscreen(app->term);
    }
    if (app->out)
        fclose(app->out);
    if (app->in)
        fclose(app->in);
#ifdef TEND_TEST_BUILD
    for (size_t i = 0; i < app->nlines; i++)
        free(app->lines[i]);
    free(app->lines);
    free(app->pending);
#endif
    free(app);
}

/* ---- stack ------------------------------------------------------------- */

void tend_app_push(tend_app *app, tend_screen *s)
{
    if (app->depth == STACK_MAX) {
        /* Deep enough that the oldest screen will not be missed. */
        tend_screen *old = app->stack[0];
        memmove(app->stack, app->stack + 1, (STACK_MAX - 1) * sizeof app->stack[0]);
        app->depth--;
        old->ops->destroy(old);
    }
    app->stack[app->depth++] = s;
}

void tend_app_pop(tend_app *app)
{
    if (app->depth == 0)
        return;
    tend_screen *s = app->stack[--app->depth];
    s->ops->destroy(s);
    if (app->depth == 0)
        app->quit = true;
}

void tend_app_quit(tend_app *app)
{
    app->quit = true;
}

/* ---- drawing ----------------------------------------------------------- */

void tend_ui_size(tend_app *app, int *rows, int *cols)
{
    (void)app;
    *rows = LINES;
    *cols = COLS;
}

void tend_ui_clear(tend_app *app)
{
    (void)app;
    werase(stdscr);
}

int tend_ui_text(tend_app *app, int y, int x, tend_style st, const char *s, int max)
{
    if (y < 0 || y >= LINES || x < 0 || x >= COLS)
        return 0;
    int room = COLS - x;
    if (max > 0 && max < room)
        room = max;
    short pair;
    attr_t a = S_attr(app, st, &pair);
    wattr_set(stdscr, a, pair, NULL);
    size_t len = strlen(s), i = 0;
    int used = 0;
    wchar_t wbuf[64];
    int nw = 0;
    wmove(stdscr, y, x);
    while (i < len) {
        size_t j = tend_utf8_next(s, len, i);
        size_t w = tend_utf8_width(s + i, j - i);
        if (used + (int)w > room)
            break;
        if (nw > 48) {
            waddnwstr(stdscr, wbuf, nw);
            nw = 0;
        }
        for (size_t k = i; k < j && nw < 60;) {
            uint32_t cp;
            k += tend_utf8_decode(s + k, j - k, &cp);
            if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
                cp = 0xFFFD;
            wbuf[nw++] = (wchar_t)cp;
        }
        used += (int)w;
        i = j;
    }
    if (nw)
        waddnwstr(stdscr, wbuf, nw);
    wattr_set(stdscr, A_NORMAL, 0, NULL);
    return used;
}

void tend_ui_fill(tend_app *app, int y, int x, tend_style st)
{
    if (y < 0 || y >= LINES || x < 0 || x >= COLS)
        return;
    short pair;
    attr_t a = S_attr(app, st, &pair);
    wattr_set(stdscr, a, pair, NULL);
    for (int c = x; c < COLS; c++)
        mvwaddch(stdscr, y, c, ' ');
    wattr_set(stdscr, A_NORMAL, 0, NULL);
}

/* ---- keys -------------------------------------------------------------- */

static tend_key S_key(tend_key_kind kind, uint32_t ch)
{
    tend_key k = { kind, ch };
    return k;
}

static tend_key S_map_curses(int rc, wint_t wc)
{
    if (rc == KEY_CODE_YES) {
        switch (wc) {
        case KEY_UP: return S_key(TK_UP, 0);
        case KEY_DOWN: return S_key(TK_DOWN, 0);
        case KEY_LEFT: return S_key(TK_LEFT, 0);
        case KEY_RIGHT: return S_key(TK_RIGHT, 0);
        case KEY_HOME: return S_key(TK_HOME, 0);
        case KEY_END: return S_key(TK_END, 0);
        case KEY_PPAGE: return S_key(TK_PGUP, 0);
        case KEY_NPAGE: return S_key(TK_PGDN, 0);
        case KEY_BACKSPACE: return S_key(TK_BACKSPACE, 0);
        case KEY_DC: return S_key(TK_DELETE, 0);
        case KEY_BTAB: return S_key(TK_BTAB, 0);
        case KEY_ENTER: return S_key(TK_ENTER, 0);
        case KEY_RESIZE: return S_key(TK_RESIZE, 0);
        default:
            if (wc >= KEY_F(1) && wc <= KEY_F(12))
                return S_key(TK_FN, (uint32_t)(wc - KEY_F0));
            return S_key(TK_NONE, 0);
        }
    }
    switch (wc) {
    case '\r': case '\n': return S_key(TK_ENTER, 0);
    case '\t': return S_key(TK_TAB, 0);
    case 27: return S_key(TK_ESC, 0);
    case 127: case 8: return S_key(TK_BACKSPACE, 0);
    default:
        if (wc >= 1 && wc <= 26)
            return S_key(TK_CTRL, (uint32_t)('a' + wc - 1));
        if (wc < 0x20)
            return S_key(TK_NONE, 0);
        return S_key(TK_CHAR, (uint32_t)wc);
    }
}

#ifdef TEND_TEST_BUILD
static void S_snapshot(tend_app *app, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.screen", app->snapdir, name);
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "tend: cannot write snapshot %s\n", path);
        return;
    }
    wchar_t *row = calloc((size_t)COLS + 1, sizeof *row);
    char *out = malloc((size_t)COLS * 4 + 1);
    if (row && out) {
        for (int y = 0; y < LINES; y++) {
            int n = mvwinnwstr(stdscr, y, 0, row, COLS);
            size_t o = 0;
            for (int i = 0; i < n && row[i]; i++)
                o += tend_utf8_encode((uint32_t)row[i], out + o);
            while (o > 0 && out[o - 1] == ' ')
                o--;
            out[o] = '\0';
            fprintf(f, "%s\n", out);
        }
    }
    free(row);
    free(out);
    if (fclose(f) != 0)
        fprintf(stderr, "tend: error writing snapshot %s\n", path);
}

static tend_key S_named_key(const char *name)
{
    static const struct { const char *name; tend_key_kind kind; uint32_t ch; } names[] = {
        { "Enter", TK_ENTER, 0 }, { "Tab", TK_TAB, 0 }, { "BTab", TK_BTAB, 0 },
        { "Esc", TK_ESC, 0 }, { "Up", TK_UP, 0 }, { "Down", TK_DOWN, 0 },
        { "Left", TK_LEFT, 0 }, { "Right", TK_RIGHT, 0 }, { "Home", TK_HOME, 0 },
        { "End", TK_END, 0 }, { "PgUp", TK_PGUP, 0 }, { "PgDn", TK_PGDN, 0 },
        { "Backspace", TK_BACKSPACE, 0 }, { "Delete", TK_DELETE, 0 },
        { "Space", TK_CHAR, ' ' },
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i].name) == 0)
            return S_key(names[i].kind, names[i].ch);
    if (name[0] == 'C' && name[1] == '-' && name[2] >= 'a' && name[2] <= 'z' && !name[3])
        return S_key(TK_CTRL, (uint32_t)name[2]);
    if (name[0] == 'F' && atoi(name + 1) >= 1 && atoi(name + 1) <= 12)
        return S_key(TK_FN, (uint32_t)atoi(name + 1));
    fprintf(stderr, "tend: unknown key name in UI script: %s\n", name);
    return S_key(TK_NONE, 0);
}

/* Next key from the script; runs :snapshot lines on the way. */
static tend_key S_script_key(tend_app *app)
{
    for (;;) {
        if (app->ticks > 0) {
            app->ticks--;
            return S_key(TK_TIMEOUT, 0);
        }
        if (app->ipending < app->npending)
            return S_key(TK_CHAR, app->pending[app->ipending++]);
        if (app->line >= app->nlines)
            return S_key(TK_EOF, 0);
        const char *l = app->lines[app->line++];
        if (l[0] == '#' || l[0] == '\0')
            continue;
        if (strncmp(l, ":snapshot ", 10) == 0) {
            S_snapshot(app, l + 10);
        } else if (strncmp(l, ":resize ", 8) == 0) {
            int c = 0, r = 0;
            if (sscanf(l + 8, "%d %d", &c, &r) == 2 && c > 0 && r > 0) {
                resizeterm(r, c);
                return S_key(TK_RESIZE, 0);
            }
            fprintf(stderr, "tend: bad :resize line in UI script: %s\n", l);
        } else if (strncmp(l, ":key ", 5) == 0) {
            return S_named_key(l + 5);
        } else if (strncmp(l, ":tick", 5) == 0) {
            int n = atoi(l + 5);
            app->ticks = n > 0 ? (unsigned)n : 1;
        } else {
            if (l[0] == ':' && l[1] == ':')
                l++;
            size_t len = strlen(l), i = 0;
            free(app->pending);
            app->pending = calloc(len + 1, sizeof *app->pending);
            app->npending = app->ipending = 0;
            if (!app->pending)
                return S_key(TK_EOF, 0);
            while (i < len) {
                uint32_t cp;
                i += tend_utf8_decode(l + i, len - i, &cp);
                app->pending[app->npending++] = cp;
            }
        }
    }
}
#endif

/* Waits up to TICK_MS for a key. */
static tend_key S_next_key(tend_app *app)
{
#ifdef TEND_TEST_BUILD
    if (app->scripted)
        return S_script_key(app);
#else
    (void)app;
#endif
    for (;;) {
        if (g_signal)
            return S_key(TK_EOF, 0);
        wint_t wc = 0;
        wtimeout(stdscr, TICK_MS);
        int rc = wget_wch(stdscr, &wc);
        if (rc == ERR) {
            if (g_signal)
                return S_key(TK_EOF, 0);
            return S_key(TK_TIMEOUT, 0);
        }
        tend_key k = S_map_curses(rc, wc);
        if (k.kind != TK_NONE)
            return k;
    }
}

/* ---- main loop --------------------------------------------------------- */

static void S_draw(tend_app *app)
{
    werase(stdscr);
    if (app->depth > 0) {
        tend_screen *s = app->stack[app->depth - 1];
        s->ops->draw(s, app, LINES, COLS);
    }
    wnoutrefresh(stdscr);
    doupdate();
}

tend_status tend_app_run(tend_app *app, tend_error *err)
{
    (void)err;
    while (!app->quit && app->depth > 0) {
        S_draw(app);
        tend_key k = S_next_key(app);
        if (k.kind == TK_EOF) {
            app->quit = true;
            break;
        }
        tend_screen *top = app->stack[app->depth - 1];
        bool used = top->ops->key(top, app, &k);
        if (!used && k.kind == TK_ESC)
            tend_app_pop(app);
    }
    if (g_signal) {
        g_signal = 0;
    }
    return TEND_OK;
}
