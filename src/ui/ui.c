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
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "tend/date.h"
#include "ui_int.h"

#define STACK_MAX 32
#define TICK_MS 1000

/* Key codes of our own for sequences curses does not name (define_key). */
#define S_KEY_PASTE_START (KEY_MAX + 1)
#define S_KEY_PASTE_END (KEY_MAX + 2)
#define S_KEY_WORD_LEFT (KEY_MAX + 3)
#define S_KEY_WORD_RIGHT (KEY_MAX + 4)

struct tend_app {
    SCREEN *term;
    FILE *out, *in;        /* headless terminal streams (script mode only) */
    tend_screen *stack[STACK_MAX];
    int depth;
    bool quit;
    bool color;            /* colours in use */
    bool color_ready;      /* start_color done and the pairs made */
    bool want_color;       /* asked for (options, NO_COLOR, settings) */
    tend_app_hooks hooks;
    bool lock_pending;     /* tend_app_lock called; lock after this key */
    int64_t autolock;      /* seconds of idle before locking; 0 = never */
    int64_t last_key;      /* tend_app_now of the last key a person pressed */
    bool help_open;        /* the help overlay is over the top screen */
    int help_scroll;
    int cur_y, cur_x;      /* cursor asked for by the draw; -1 = hidden */
    FILE *tty;             /* where the terminal's modes are written */
    bool paste_mode;       /* bracketed paste mode is on in the terminal */
    bool paste_cr;         /* the last character pasted was a \r */
    tend_buf paste;        /* the text of the TK_PASTE key being handled */
#ifdef TEND_TEST_BUILD
    int64_t vclock;        /* virtual seconds (script mode) */
    bool scripted;
    char **lines;          /* script lines, owned */
    size_t nlines, line;
    uint32_t *pending;     /* characters still to type from a text line */
    size_t npending, ipending;
    unsigned ticks;        /* idle timeouts still to deliver from :tick */
    bool paste_ready;      /* app->paste holds a :paste to deliver */
    const char *snapdir;
    /* TEND_KEYTIME=FILE: microseconds from each key's arrival to the end of
     * the redraw it caused, summarised into FILE when the app ends. */
    const char *keytime;
    uint32_t *key_us;
    size_t nkey_us, key_us_cap;
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
    case ST_FIELD: a = A_UNDERLINE; break;
    case ST_COUNT: break;
    }
    if (app->color && color >= 0)
        *pair = (short)(color + 1);
    return a;
}

/* Colours only ever on the terminal's own background, so text stays
 * readable on dark and light themes; never red. */
static void S_init_colors(tend_app *app)
{
    app->color = false;
    if (!app->want_color || !app->term || !has_colors())
        return;
    if (!app->color_ready) {
        if (start_color() == ERR)
            return;
        bool defaults = use_default_colors() == OK;
        for (short c = 0; c < 8; c++)
            init_pair((short)(c + 1), c, defaults ? -1 : COLOR_BLACK);
        app->color_ready = true;
    }
    app->color = true;
}

void tend_app_set_color(tend_app *app, bool on)
{
    app->want_color = on;
    S_init_colors(app);
}

bool tend_app_color(const tend_app *app)
{
    return app->color;
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
    app->want_color = !(opt && opt->no_color) && !(getenv("NO_COLOR") && *getenv("NO_COLOR"));
    app->cur_y = app->cur_x = -1;
    S_install_signals();
#ifdef TEND_TEST_BUILD
    const char *script = getenv("TEND_SCRIPT");
    if (script && *script) {
        app->scripted = true;
        app->keytime = getenv("TEND_KEYTIME");
        if (app->keytime && !*app->keytime)
            app->keytime = NULL;
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
        app->tty = app->out;
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
        app->tty = stdout;
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
    /* Bracketed paste markers, and word moves: Ctrl-Left/Right as xterm,
     * rxvt and the Linux console send them, and Alt-b / Alt-f. */
    define_key("\033[200~", S_KEY_PASTE_START);
    define_key("\033[201~", S_KEY_PASTE_END);
    static const char *const wl[] = { "\033[1;5D", "\033[5D", "\033Od", "\033b", NULL };
    static const char *const wr[] = { "\033[1;5C", "\033[5C", "\033Oc", "\033f", NULL };
    for (int i = 0; wl[i]; i++)
        define_key(wl[i], S_KEY_WORD_LEFT);
    for (int i = 0; wr[i]; i++)
        define_key(wr[i], S_KEY_WORD_RIGHT);
    S_init_colors(app);
    return app;
}

/* Turns the terminal's bracketed paste mode on or off (when it changes). */
static void S_paste_mode(tend_app *app, bool on)
{
    if (app->paste_mode == on || !app->tty)
        return;
    app->paste_mode = on;
    fputs(on ? "\033[?2004h" : "\033[?2004l", app->tty);
    fflush(app->tty);
}

void tend_app_free(tend_app *app)
{
    if (!app)
        return;
    while (app->depth > 0) {
        tend_screen *s = app->stack[--app->depth];
        s->ops->destroy(s);
    }
    S_paste_mode(app, false);
    tend_buf_free(&app->paste);
#ifdef TEND_TEST_BUILD
    free(app->key_us);
#endif
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

void tend_app_set_hooks(tend_app *app, const tend_app_hooks *h)
{
    if (h)
        app->hooks = *h;
    else
        memset(&app->hooks, 0, sizeof app->hooks);
}

void tend_app_push(tend_app *app, tend_screen *s)
{
    if (!s)
        return;
    if (app->depth == STACK_MAX) {
        /* Deep enough that the oldest screen will not be missed. */
        tend_screen *old = app->stack[0];
        memmove(app->stack, app->stack + 1, (STACK_MAX - 1) * sizeof app->stack[0]);
        app->depth--;
        old->ops->destroy(old);
    }
    app->stack[app->depth++] = s;
    app->help_open = false;
}

void tend_app_pop(tend_app *app)
{
    if (app->depth == 0)
        return;
    tend_screen *s = app->stack[--app->depth];
    s->ops->destroy(s);
    app->help_open = false;
    if (app->depth == 0)
        app->quit = true;
}

void tend_app_replace(tend_app *app, tend_screen *s)
{
    if (app->depth > 0) {
        tend_screen *old = app->stack[--app->depth];
        old->ops->destroy(old);
    }
    if (s)
        tend_app_push(app, s);
    else if (app->depth == 0)
        app->quit = true;
}

tend_screen *tend_app_top(tend_app *app)
{
    return app->depth > 0 ? app->stack[app->depth - 1] : NULL;
}

const char *tend_app_paste(tend_app *app, size_t *len)
{
    if (len)
        *len = app->paste.len;
    return app->paste.len ? app->paste.data : "";
}

void tend_app_quit(tend_app *app)
{
    app->quit = true;
}

void tend_app_lock(tend_app *app)
{
    app->lock_pending = true;
    /* Blank at once; the rest happens when the current key is done. */
    if (app->term) {
        werase(stdscr);
        wnoutrefresh(stdscr);
        doupdate();
    }
}

void tend_app_set_autolock(tend_app *app, int64_t secs)
{
    app->autolock = secs > 0 ? secs : 0;
    app->last_key = tend_app_now(app);
}

int64_t tend_app_now(tend_app *app)
{
#ifdef TEND_TEST_BUILD
    if (app->scripted)
        return app->vclock;
#else
    (void)app;
#endif
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        return (int64_t)time(NULL);
    return (int64_t)ts.tv_sec;
}

int64_t tend_app_time(tend_app *app)
{
#ifdef TEND_TEST_BUILD
    if (app->scripted)
        return tend_now() + app->vclock;
#else
    (void)app;
#endif
    return tend_now();
}

/* Every screen saves its work (top first, while the journal is open), then
 * every screen is destroyed, then the frame closes the journal and, unless
 * leaving, shows the neutral screen. */
static void S_do_lock(tend_app *app, bool leaving)
{
    app->lock_pending = false;
    app->help_open = false;
    if (app->term && !leaving) {
        werase(stdscr);
        wnoutrefresh(stdscr);
        doupdate();
    }
    for (int i = app->depth - 1; i >= 0; i--) {
        tend_screen *s = app->stack[i];
        if (s->ops->lock)
            s->ops->lock(s, app);
    }
    while (app->depth > 0) {
        tend_screen *s = app->stack[--app->depth];
        s->ops->destroy(s);
    }
    app->autolock = 0;
    if (app->hooks.lock)
        app->hooks.lock(app, leaving, app->hooks.ctx);
    if (!leaving && app->depth > 0)
        app->quit = false;
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

/* Writes s[0..len) as tend_ui_text does. */
static int S_textn(tend_app *app, int y, int x, tend_style st, const char *s, size_t len, int max)
{
    if (y < 0 || y >= LINES || x < 0 || x >= COLS)
        return 0;
    int room = COLS - x;
    if (max > 0 && max < room)
        room = max;
    short pair;
    attr_t a = S_attr(app, st, &pair);
    wattr_set(stdscr, a, pair, NULL);
    size_t i = 0;
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

int tend_ui_text(tend_app *app, int y, int x, tend_style st, const char *s, int max)
{
    return S_textn(app, y, x, st, s, strlen(s), max);
}

int tend_ui_wrap(tend_app *app, int y, int x, int width, int maxrows, tend_style st,
                 const char *text)
{
    if (width < 1)
        width = 1;
    int row = 0;
    const char *p = text;
    for (;;) {
        const char *nl = strchr(p, '\n');
        size_t plen = nl ? (size_t)(nl - p) : strlen(p);
        size_t pos = 0;
        bool first = true;
        while (first || pos < plen) {
            if (!first)
                while (pos < plen && p[pos] == ' ')
                    pos++;
            if (!first && pos >= plen)
                break;
            first = false;
            size_t fit = tend_utf8_fit(p + pos, plen - pos, (size_t)width, NULL);
            size_t take = fit, next = pos + fit;
            if (pos + fit < plen) {
                /* Break at the last space that fits (or right after the fit). */
                size_t k = pos + fit;
                while (k > pos && p[k] != ' ')
                    k--;
                if (k > pos) {
                    take = k - pos;
                    next = k;
                } else if (fit == 0) {
                    next = tend_utf8_next(p, plen, pos);
                    take = next - pos;
                }
            }
            if (row < maxrows && app)
                S_textn(app, y + row, x, st, p + pos, take, width);
            row++;
            pos = next;
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    return row;
}

void tend_ui_center(tend_app *app, int y, tend_style st, const char *text)
{
    int w = (int)tend_utf8_width(text, strlen(text));
    int x = w < COLS ? (COLS - w) / 2 : 0;
    tend_ui_text(app, y, x, st, text, 0);
}

void tend_ui_title(tend_app *app, const char *title, const char *right)
{
    tend_ui_fill(app, 0, 0, ST_BAR);
    int used = tend_ui_text(app, 0, 1, ST_BAR, title, COLS - 2);
    if (right && *right) {
        int w = (int)tend_utf8_width(right, strlen(right));
        if (1 + used + 2 + w + 1 <= COLS)
            tend_ui_text(app, 0, COLS - w - 1, ST_BAR, right, 0);
    }
}

void tend_ui_cursor(tend_app *app, int y, int x)
{
    app->cur_y = y;
    app->cur_x = x;
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
        case S_KEY_WORD_LEFT: return S_key(TK_WORD_LEFT, 0);
        case S_KEY_WORD_RIGHT: return S_key(TK_WORD_RIGHT, 0);
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
        if (wc >= 28 && wc <= 31) /* Ctrl-\ Ctrl-] Ctrl-^ Ctrl-_ */
            return S_key(TK_CTRL, (uint32_t)("\\]^_"[wc - 28]));
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

/* Like S_snapshot, but every run of cells drawn in ST_MATCH's attributes
 * (bold and reverse together, which no other style uses) is written
 * between ⟦ and ⟧, so a test can see what a search highlighted. */
static void S_marks(tend_app *app, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.screen", app->snapdir, name);
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "tend: cannot write snapshot %s\n", path);
        return;
    }
    char *out = malloc((size_t)COLS * 10 + 8);
    for (int y = 0; out && y < LINES; y++) {
        size_t o = 0, keep = 0;
        bool in = false;
        for (int x = 0; x < COLS; x++) {
            cchar_t c;
            wchar_t wch[CCHARW_MAX + 1] = { 0 };
            attr_t at = 0;
            short pair = 0;
            if (mvwin_wch(stdscr, y, x, &c) == ERR || getcchar(&c, wch, &at, &pair, NULL) == ERR)
                break;
            bool m = (at & (A_BOLD | A_REVERSE)) == (A_BOLD | A_REVERSE);
            if (m != in) {
                o += tend_utf8_encode(m ? 0x27E6u : 0x27E7u, out + o);
                in = m;
                keep = o;
            }
            uint32_t cp = wch[0] ? (uint32_t)wch[0] : ' ';
            o += tend_utf8_encode(cp, out + o);
            if (cp != ' ')
                keep = o;
            int wd = wcwidth((wchar_t)cp);
            if (wd > 1)
                x += wd - 1;
        }
        if (in) {
            o = keep;
            o += tend_utf8_encode(0x27E7u, out + o);
            keep = o;
        }
        out[keep] = '\0';
        fprintf(f, "%s\n", out);
    }
    free(out);
    if (fclose(f) != 0)
        fprintf(stderr, "tend: error writing snapshot %s\n", path);
}

/* Writes the frame's description of its state to NAME.screen. */
static void S_state(tend_app *app, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.screen", app->snapdir, name);
    tend_buf b = TEND_BUF_INIT;
    if (app->hooks.describe)
        app->hooks.describe(app, &b, app->hooks.ctx);
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "tend: cannot write state %s\n", path);
    } else {
        if (b.len)
            fwrite(b.data, 1, b.len, f);
        if (fclose(f) != 0)
            fprintf(stderr, "tend: error writing state %s\n", path);
    }
    tend_buf_free(&b);
}

static tend_key S_named_key(const char *name)
{
    static const struct { const char *name; tend_key_kind kind; uint32_t ch; } names[] = {
        { "Enter", TK_ENTER, 0 }, { "Tab", TK_TAB, 0 }, { "BTab", TK_BTAB, 0 },
        { "Esc", TK_ESC, 0 }, { "Up", TK_UP, 0 }, { "Down", TK_DOWN, 0 },
        { "Left", TK_LEFT, 0 }, { "Right", TK_RIGHT, 0 }, { "Home", TK_HOME, 0 },
        { "End", TK_END, 0 }, { "PgUp", TK_PGUP, 0 }, { "PgDn", TK_PGDN, 0 },
        { "Backspace", TK_BACKSPACE, 0 }, { "Delete", TK_DELETE, 0 },
        { "Space", TK_CHAR, ' ' }, { "C-Left", TK_WORD_LEFT, 0 },
        { "C-Right", TK_WORD_RIGHT, 0 },
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i].name) == 0)
            return S_key(names[i].kind, names[i].ch);
    if (name[0] == 'C' && name[1] == '-' && name[2] && !name[3]
        && ((name[2] >= 'a' && name[2] <= 'z') || strchr("\\]^_", name[2])))
        return S_key(TK_CTRL, (uint32_t)name[2]);
    if (name[0] == 'F' && atoi(name + 1) >= 1 && atoi(name + 1) <= 12)
        return S_key(TK_FN, (uint32_t)atoi(name + 1));
    fprintf(stderr, "tend: unknown key name in UI script: %s\n", name);
    return S_key(TK_NONE, 0);
}

/* Fills app->paste from a ":paste TEXT" or ":pastefile PATH" line, as the
 * terminal would (line ends as "\n"). */
static tend_status S_script_paste(tend_app *app, const char *l)
{
    tend_buf_reset(&app->paste);
    tend_buf raw = TEND_BUF_INIT;
    tend_status st = TEND_OK;
    if (strncmp(l, ":pastefile ", 11) == 0) {
        FILE *f = fopen(l + 11, "rb");
        if (!f)
            return TEND_EIO;
        char chunk[65536];
        size_t n;
        while (st == TEND_OK && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
            st = tend_buf_append(&raw, chunk, n);
        if (ferror(f))
            st = TEND_EIO;
        fclose(f);
    } else {
        for (const char *p = l + 7; *p && st == TEND_OK; p++) {
            char c = *p;
            if (c == '\\' && (p[1] == 'n' || p[1] == '\\'))
                c = *++p == 'n' ? '\n' : '\\';
            st = tend_buf_putc(&raw, c);
        }
    }
    for (size_t i = 0; st == TEND_OK && i < raw.len; i++) {
        char c = raw.data[i];
        if (c == '\r') {
            if (i + 1 < raw.len && raw.data[i + 1] == '\n')
                continue;
            c = '\n';
        }
        st = tend_buf_putc(&app->paste, c);
    }
    tend_buf_free(&raw);
    if (st != TEND_OK)
        tend_buf_reset(&app->paste);
    return st;
}

/* Next key from the script; runs :snapshot lines on the way. */
static tend_key S_script_key(tend_app *app)
{
    for (;;) {
        if (app->ticks > 0) {
            app->ticks--;
            app->vclock++;
            return S_key(TK_TIMEOUT, 0);
        }
        if (app->ipending < app->npending)
            return S_key(TK_CHAR, app->pending[app->ipending++]);
        if (app->paste_ready) {
            app->paste_ready = false;
            return S_key(TK_PASTE, 0);
        }
        if (app->line >= app->nlines)
            return S_key(TK_EOF, 0);
        const char *l = app->lines[app->line++];
        if (l[0] == '#' || l[0] == '\0')
            continue;
        if (strncmp(l, ":snapshot ", 10) == 0) {
            S_snapshot(app, l + 10);
        } else if (strncmp(l, ":state ", 7) == 0) {
            S_state(app, l + 7);
        } else if (strncmp(l, ":marks ", 7) == 0) {
            S_marks(app, l + 7);
        } else if (strncmp(l, ":resize ", 8) == 0) {
            int c = 0, r = 0;
            if (sscanf(l + 8, "%d %d", &c, &r) == 2 && c > 0 && r > 0) {
                resizeterm(r, c);
                return S_key(TK_RESIZE, 0);
            }
            fprintf(stderr, "tend: bad :resize line in UI script: %s\n", l);
        } else if (strncmp(l, ":paste ", 7) == 0 || strncmp(l, ":pastefile ", 11) == 0) {
            if (S_script_paste(app, l) == TEND_OK) {
                app->paste_ready = true;
                continue;
            }
            fprintf(stderr, "tend: cannot make the paste in UI script: %s\n", l);
        } else if (strncmp(l, ":key ", 5) == 0) {
            return S_named_key(l + 5);
        } else if (strcmp(l, ":keytime-reset") == 0) {
            app->nkey_us = 0; /* keys so far (unlock, a big paste) do not count */
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

/* Reads a bracketed paste up to its end marker (or until the terminal goes
 * quiet for a second) into app->paste. Keys inside it are text: Enter is a
 * newline, Tab a tab, other special keys are dropped. */
static tend_key S_read_paste(tend_app *app)
{
    tend_buf_reset(&app->paste);
    bool ok = true;
    for (;;) {
        wint_t wc = 0;
        wtimeout(stdscr, TICK_MS);
        int rc = wget_wch(stdscr, &wc);
        if (rc == ERR || g_signal)
            break;
        if (rc == KEY_CODE_YES) {
            if (wc == S_KEY_PASTE_END)
                break;
            if (wc == KEY_ENTER && ok)
                ok = tend_buf_putc(&app->paste, '\n') == TEND_OK;
            continue;
        }
        if (!ok)
            continue; /* out of memory: drain the rest of the paste */
        if (wc == '\r') {
            ok = tend_buf_putc(&app->paste, '\n') == TEND_OK;
        } else if (wc == '\n' && app->paste.len && app->paste.data[app->paste.len - 1] == '\n'
                   && app->paste_cr) {
            /* the \n of a \r\n pair */
        } else {
            char enc[4];
            size_t n = tend_utf8_encode((uint32_t)wc, enc);
            ok = tend_buf_append(&app->paste, enc, n) == TEND_OK;
        }
        app->paste_cr = wc == '\r';
    }
    app->paste_cr = false;
    if (!ok)
        tend_buf_reset(&app->paste);
    return S_key(TK_PASTE, 0);
}

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
        if (rc == KEY_CODE_YES && wc == S_KEY_PASTE_START)
            return S_read_paste(app);
        tend_key k = S_map_curses(rc, wc);
        if (k.kind != TK_NONE)
            return k;
    }
}

/* ---- main loop --------------------------------------------------------- */

static bool S_too_small(void)
{
    return LINES < TEND_MIN_ROWS || COLS < TEND_MIN_COLS;
}

/* Below the smallest layout: a calm request, and the bar (hide still works). */
static void S_draw_small(tend_app *app)
{
    int rows = LINES, cols = COLS;
    const char *msg = "Please make the window a little larger.";
    int avail = rows > 1 ? rows - 1 : rows;
    int need = tend_ui_wrap(NULL, 0, 0, cols, 0, ST_NORMAL, msg);
    int y = avail > need ? (avail - need) / 2 : 0;
    int w = cols < (int)strlen(msg) ? cols : (int)strlen(msg);
    tend_ui_wrap(app, y, (cols - w) / 2, w, avail - y, ST_NORMAL, msg);
    if (rows > 1)
        tend_ui_bar_draw(app, rows - 1, cols);
}

static void S_draw(tend_app *app)
{
    werase(stdscr);
    app->cur_y = app->cur_x = -1;
    tend_screen *top = tend_app_top(app);
    if (top && S_too_small()) {
        if (!(top->ops->flags & TEND_SCREEN_BARE))
            S_draw_small(app);
    } else if (top && app->help_open) {
        tend_ui_help_draw(app, top, LINES - 1, COLS, &app->help_scroll);
        tend_ui_bar_draw(app, LINES - 1, COLS);
    } else if (top) {
        top->ops->draw(top, app, LINES, COLS);
        if (!(top->ops->flags & TEND_SCREEN_BARE))
            tend_ui_bar_draw(app, LINES - 1, COLS);
    }
    if (app->cur_y >= 0 && app->cur_y < LINES && app->cur_x >= 0 && app->cur_x < COLS) {
        wmove(stdscr, app->cur_y, app->cur_x);
        curs_set(1);
    } else {
        curs_set(0);
    }
    wnoutrefresh(stdscr);
    doupdate();
    S_paste_mode(app, top && (top->ops->flags & TEND_SCREEN_PASTE) && !app->help_open);
}

void tend_app_redraw(tend_app *app)
{
    S_draw(app);
}

/* Keys while the help overlay is open: scrolling moves it, the hide key
 * still hides (handled before), anything else closes it. */
static void S_help_key(tend_app *app, const tend_key *k)
{
    switch (k->kind) {
    case TK_UP: if (app->help_scroll > 0) app->help_scroll--; return;
    case TK_DOWN: app->help_scroll++; return;
    case TK_PGUP: app->help_scroll -= LINES / 2; if (app->help_scroll < 0) app->help_scroll = 0; return;
    case TK_PGDN: app->help_scroll += LINES / 2; return;
    default: app->help_open = false; return;
    }
}

/* One key from a person (not a timeout or resize). */
static void S_dispatch(tend_app *app, const tend_key *k)
{
    tend_screen *top = tend_app_top(app);
    if (!top)
        return;
    tend_action a = tend_screen_action(top, k);
    if (a == TA_HIDE) {
        tend_app_lock(app);
        return;
    }
    if (S_too_small())
        return; /* nothing can be seen; only hide works */
    if (app->help_open) {
        S_help_key(app, k);
        return;
    }
    if (!(top->ops->flags & TEND_SCREEN_BARE)) {
        if (a == TA_HELP) {
            app->help_open = true;
            app->help_scroll = 0;
            return;
        }
        if ((a == TA_SUPPORT || a == TA_TOOLS) && app->hooks.global) {
            app->hooks.global(app, a, app->hooks.ctx);
            return;
        }
    }
    if (k->kind == TK_PASTE && !(top->ops->flags & TEND_SCREEN_PASTE))
        return;
    bool used = top->ops->key(top, app, k);
    if (!used && a == TA_BACK)
        tend_app_pop(app);
}

#ifdef TEND_TEST_BUILD
static int64_t S_mono_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void S_keytime_add(tend_app *app, int64_t us)
{
    if (app->nkey_us == app->key_us_cap) {
        size_t cap = app->key_us_cap ? app->key_us_cap * 2 : 1024;
        uint32_t *n = realloc(app->key_us, cap * sizeof *n);
        if (!n)
            return; /* a sample lost; the report says how many were kept */
        app->key_us = n;
        app->key_us_cap = cap;
    }
    app->key_us[app->nkey_us++] = us < 0 ? 0 : us > UINT32_MAX ? UINT32_MAX : (uint32_t)us;
}

static int S_cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Writes "keys N median_us M p99_us P worst_us W" to the TEND_KEYTIME file. */
static void S_keytime_report(tend_app *app)
{
    if (!app->keytime || app->nkey_us == 0)
        return;
    qsort(app->key_us, app->nkey_us, sizeof *app->key_us, S_cmp_u32);
    size_t n = app->nkey_us;
    FILE *f = fopen(app->keytime, "w");
    if (!f) {
        fprintf(stderr, "tend: cannot write %s\n", app->keytime);
        return;
    }
    fprintf(f, "keys %zu median_us %u p99_us %u worst_us %u\n", n, app->key_us[n / 2],
            app->key_us[(n * 99) / 100], app->key_us[n - 1]);
    if (fclose(f) != 0)
        fprintf(stderr, "tend: error writing %s\n", app->keytime);
}
#endif

tend_status tend_app_run(tend_app *app, tend_error *err)
{
    (void)err;
    app->last_key = tend_app_now(app);
#ifdef TEND_TEST_BUILD
    int64_t key_t0 = -1;
#endif
    while (!app->quit && app->depth > 0) {
        if (app->lock_pending)
            S_do_lock(app, false);
        if (app->quit || app->depth == 0)
            break;
        S_draw(app);
#ifdef TEND_TEST_BUILD
        if (key_t0 >= 0 && app->keytime)
            S_keytime_add(app, S_mono_us() - key_t0);
        key_t0 = -1;
#endif
        tend_key k = S_next_key(app);
#ifdef TEND_TEST_BUILD
        if (app->keytime && k.kind != TK_TIMEOUT && k.kind != TK_EOF && k.kind != TK_RESIZE)
            key_t0 = S_mono_us();
#endif
        if (k.kind == TK_EOF)
            break;
        tend_screen *top = tend_app_top(app);
        if (k.kind == TK_TIMEOUT) {
            if (app->autolock > 0 && tend_app_now(app) - app->last_key >= app->autolock) {
                S_do_lock(app, false);
                continue;
            }
            if (top && !S_too_small())
                top->ops->key(top, app, &k);
            continue;
        }
        if (k.kind == TK_RESIZE) {
            if (top)
                top->ops->key(top, app, &k);
            continue;
        }
        app->last_key = tend_app_now(app);
        S_dispatch(app, &k);
        if (k.kind == TK_PASTE)
            tend_buf_reset(&app->paste); /* wipes */
    }
    /* Every way out: save drafts, wipe, close the journal, then the caller
     * restores the terminal with tend_app_free. */
    S_do_lock(app, true);
    S_paste_mode(app, false);
    tend_buf_free(&app->paste);
#ifdef TEND_TEST_BUILD
    S_keytime_report(app);
#endif
    app->quit = true;
    if (g_signal)
        g_signal = 0;
    return TEND_OK;
}
