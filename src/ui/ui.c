/*
 * ui.c — the terminal (set-up and restore, key input, drawing), the screen
 * stack and the main loop: a screen enters (loads) when it comes to the top
 * or the journal changed, then draws; in test builds every draw is checked
 * for reading the journal. The headless script terminal of test builds is
 * in script.c.
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

#define TICK_MS 1000

/* Key codes of our own for sequences curses does not name (define_key). */
#define S_KEY_PASTE_START (KEY_MAX + 1)
#define S_KEY_PASTE_END (KEY_MAX + 2)
#define S_KEY_WORD_LEFT (KEY_MAX + 3)
#define S_KEY_WORD_RIGHT (KEY_MAX + 4)

static volatile sig_atomic_t g_signal;

/* Remembers the signal; the main loop leaves at its next turn. */
static void S_on_signal(int sig)
{
    g_signal = sig;
}

/* SIGTERM, SIGHUP, SIGINT and SIGQUIT end the main loop (which then saves
 * drafts and locks) instead of the process. */
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

/* The curses attributes of style st; *pair gets its colour pair (0 = the
 * terminal's own colours, always so without colour). */
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

/* Contract in ui.h. */
void tend_app_set_color(tend_app *app, bool on)
{
    app->want_color = on;
    S_init_colors(app);
}

/* Contract in ui.h. */
bool tend_app_color(const tend_app *app)
{
    return app->color;
}

/* ---- start and stop ---------------------------------------------------- */

/* Contract in ui.h. */
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
        if (ui_script_start(app, script, err) != TEND_OK) {
            tend_app_free(app);
            return NULL;
        }
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
    if (app->script)
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

/* Contract in ui.h. */
void tend_app_free(tend_app *app)
{
    if (!app)
        return;
    while (app->depth > 0)
        tend_screen_free(app->stack[--app->depth]);
    S_paste_mode(app, false);
    tend_buf_free(&app->paste);
    if (app->term) {
        endwin();
        delscreen(app->term);
    }
#ifdef TEND_TEST_BUILD
    ui_script_free(app);
#endif
    free(app);
}

/* ---- stack ------------------------------------------------------------- */

/* Contract in ui.h. */
void tend_app_set_hooks(tend_app *app, const tend_app_hooks *h)
{
    if (h)
        app->hooks = *h;
    else
        memset(&app->hooks, 0, sizeof app->hooks);
}

/* Contract in ui.h. */
void tend_app_push(tend_app *app, tend_screen *s)
{
    if (!s)
        return;
    if (app->depth == UI_STACK_MAX) {
        /* Deep enough that the oldest screen will not be missed. */
        tend_screen *old = app->stack[0];
        memmove(app->stack, app->stack + 1, (UI_STACK_MAX - 1) * sizeof app->stack[0]);
        app->depth--;
        tend_screen_free(old);
    }
    s->pending |= TEND_ENTER_PUSHED;
    app->stack[app->depth++] = s;
    app->stack_changes++;
    app->help_open = false;
}

/* Frees the top screen (there is one). */
static void S_drop_top(tend_app *app)
{
    tend_screen_free(app->stack[--app->depth]);
    app->stack_changes++;
    app->help_open = false;
}

/* Contract in ui.h. */
void tend_app_pop(tend_app *app)
{
    if (app->depth == 0)
        return;
    S_drop_top(app);
    if (app->depth == 0)
        app->quit = true;
    else
        app->stack[app->depth - 1]->pending |= TEND_ENTER_UNCOVERED;
}

/* Contract in ui.h. */
void tend_app_replace(tend_app *app, tend_screen *s)
{
    if (!s) {
        if (app->depth == 0)
            app->quit = true;
        tend_app_pop(app);
        return;
    }
    if (app->depth > 0)
        S_drop_top(app);
    tend_app_push(app, s);
}

/* Contract in ui.h. */
tend_screen *tend_app_top(tend_app *app)
{
    return app->depth > 0 ? app->stack[app->depth - 1] : NULL;
}

/* The frame's generation (tend_app_hooks.generation), 0 without one. */
static uint64_t S_generation(tend_app *app)
{
    return app->hooks.generation ? app->hooks.generation(app->hooks.ctx) : 0;
}

/* Lets the top screen enter while it is due: it came to the top, the
 * journal changed since its last enter, or it asked. An enter that pushes
 * or pops lets the new top enter too (within reason: a stack's depth of
 * rounds, so screens that keep replacing each other cannot hang tend). */
static void S_enter_top(tend_app *app)
{
    for (int round = 0; round < UI_STACK_MAX; round++) {
        tend_screen *top = tend_app_top(app);
        if (!top)
            return;
        uint64_t gen = S_generation(app);
        unsigned why = top->pending;
        if (!(why & TEND_ENTER_PUSHED) && gen != top->generation)
            why |= TEND_ENTER_CHANGED;
        if (!why)
            return;
        top->pending = 0;
        top->generation = gen;
        if (!top->ops->enter)
            continue;
        unsigned changes = app->stack_changes;
        top->ops->enter(top, app, why);
        if (app->stack_changes != changes)
            continue; /* top may be gone: look again */
        /* What it wrote while entering is what it shows: not a change. */
        top->generation = S_generation(app);
    }
}

/* Contract in ui.h. */
const char *tend_app_paste(tend_app *app, size_t *len)
{
    if (len)
        *len = app->paste.len;
    return app->paste.len ? app->paste.data : "";
}

/* Contract in ui.h. */
void tend_app_quit(tend_app *app)
{
    app->quit = true;
}

/* Contract in ui.h. */
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

/* Contract in ui.h. */
void tend_app_set_autolock(tend_app *app, int64_t secs)
{
    app->autolock = secs > 0 ? secs : 0;
    app->last_key = tend_app_now(app);
}

/* Contract in ui.h. */
int64_t tend_app_now(tend_app *app)
{
#ifdef TEND_TEST_BUILD
    if (app->script)
        return ui_script_clock(app);
#else
    (void)app;
#endif
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        return (int64_t)time(NULL);
    return (int64_t)ts.tv_sec;
}

/* Contract in ui.h. */
int64_t tend_app_time(tend_app *app)
{
#ifdef TEND_TEST_BUILD
    if (app->script)
        return tend_now() + ui_script_clock(app);
#else
    (void)app;
#endif
    return tend_now();
}

/* Every screen saves its work (top first, while the journal is open), then
 * every screen is freed, then the frame closes the journal and, unless
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
    while (app->depth > 0)
        S_drop_top(app);
    app->autolock = 0;
    if (app->hooks.lock)
        app->hooks.lock(app, leaving, app->hooks.ctx);
    if (!leaving && app->depth > 0)
        app->quit = false;
}

/* ---- drawing ----------------------------------------------------------- */

/* Contract in ui.h. */
void tend_ui_size(tend_app *app, int *rows, int *cols)
{
    (void)app;
    *rows = LINES;
    *cols = COLS;
}

/* Contract in ui.h. */
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

/* Contract in ui.h. */
int tend_ui_text(tend_app *app, int y, int x, tend_style st, const char *s, int max)
{
    return S_textn(app, y, x, st, s, strlen(s), max);
}

/* Contract in ui.h (app NULL only measures). */
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

/* Contract in ui.h. */
void tend_ui_center(tend_app *app, int y, tend_style st, const char *text)
{
    int w = (int)tend_utf8_width(text, strlen(text));
    int x = w < COLS ? (COLS - w) / 2 : 0;
    tend_ui_text(app, y, x, st, text, 0);
}

/* Contract in ui.h. */
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

/* Contract in ui.h. */
void tend_ui_cursor(tend_app *app, int y, int x)
{
    app->cur_y = y;
    app->cur_x = x;
}

/* Contract in ui.h. */
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

/* Contract in ui_int.h. */
tend_key ui_key(tend_key_kind kind, uint32_t ch)
{
    tend_key k = { kind, ch };
    return k;
}

/* The tend_key of what wget_wch returned (rc, wc); TK_NONE for a key tend
 * does not use. */
static tend_key S_map_curses(int rc, wint_t wc)
{
    if (rc == KEY_CODE_YES) {
        switch (wc) {
        case KEY_UP: return ui_key(TK_UP, 0);
        case KEY_DOWN: return ui_key(TK_DOWN, 0);
        case KEY_LEFT: return ui_key(TK_LEFT, 0);
        case KEY_RIGHT: return ui_key(TK_RIGHT, 0);
        case KEY_HOME: return ui_key(TK_HOME, 0);
        case KEY_END: return ui_key(TK_END, 0);
        case KEY_PPAGE: return ui_key(TK_PGUP, 0);
        case KEY_NPAGE: return ui_key(TK_PGDN, 0);
        case KEY_BACKSPACE: return ui_key(TK_BACKSPACE, 0);
        case KEY_DC: return ui_key(TK_DELETE, 0);
        case KEY_BTAB: return ui_key(TK_BTAB, 0);
        case KEY_ENTER: return ui_key(TK_ENTER, 0);
        case KEY_RESIZE: return ui_key(TK_RESIZE, 0);
        case S_KEY_WORD_LEFT: return ui_key(TK_WORD_LEFT, 0);
        case S_KEY_WORD_RIGHT: return ui_key(TK_WORD_RIGHT, 0);
        default:
            if (wc >= KEY_F(1) && wc <= KEY_F(12))
                return ui_key(TK_FN, (uint32_t)(wc - KEY_F0));
            return ui_key(TK_NONE, 0);
        }
    }
    switch (wc) {
    case '\r': case '\n': return ui_key(TK_ENTER, 0);
    case '\t': return ui_key(TK_TAB, 0);
    case 27: return ui_key(TK_ESC, 0);
    case 127: case 8: return ui_key(TK_BACKSPACE, 0);
    default:
        if (wc >= 1 && wc <= 26)
            return ui_key(TK_CTRL, (uint32_t)('a' + wc - 1));
        if (wc >= 28 && wc <= 31) /* Ctrl-\ Ctrl-] Ctrl-^ Ctrl-_ */
            return ui_key(TK_CTRL, (uint32_t)("\\]^_"[wc - 28]));
        if (wc < 0x20)
            return ui_key(TK_NONE, 0);
        return ui_key(TK_CHAR, (uint32_t)wc);
    }
}

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
    return ui_key(TK_PASTE, 0);
}

/* Waits up to TICK_MS for a key (TK_TIMEOUT when none came). */
static tend_key S_next_key(tend_app *app)
{
#ifdef TEND_TEST_BUILD
    if (app->script)
        return ui_script_key(app);
#endif
    for (;;) {
        if (g_signal)
            return ui_key(TK_EOF, 0);
        wint_t wc = 0;
        wtimeout(stdscr, TICK_MS);
        int rc = wget_wch(stdscr, &wc);
        if (rc == ERR) {
            if (g_signal)
                return ui_key(TK_EOF, 0);
            return ui_key(TK_TIMEOUT, 0);
        }
        if (rc == KEY_CODE_YES && wc == S_KEY_PASTE_START)
            return S_read_paste(app);
        tend_key k = S_map_curses(rc, wc);
        if (k.kind != TK_NONE)
            return k;
    }
}

/* ---- main loop --------------------------------------------------------- */

/* True when the window is below the smallest layout. */
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
        ui_bar_draw(app, rows - 1, cols);
}

/* Draws screen s. Test builds: when the draw read the journal (the frame's
 * read count moved), says which screen did on stderr and aborts, so every
 * scripted UI test proves that no draw loads. */
static void S_draw_screen(tend_app *app, tend_screen *s)
{
#ifdef TEND_TEST_BUILD
    uint64_t before = app->hooks.reads ? app->hooks.reads(app->hooks.ctx) : 0;
#endif
    s->ops->draw(s, app, LINES, COLS);
#ifdef TEND_TEST_BUILD
    uint64_t after = app->hooks.reads ? app->hooks.reads(app->hooks.ctx) : 0;
    if (after != before) {
        if (!app->script)
            endwin();
        fprintf(stderr, "tend: the draw of screen \"%s\" read the journal (%llu time%s); "
                "a draw only draws: load in the screen's enter hook\n", s->ops->name,
                (unsigned long long)(after - before), after - before == 1 ? "" : "s");
        fflush(stderr);
        abort();
    }
#endif
}

/* Lets the top screen enter when due, then draws it (or the help overlay,
 * or the request for a larger window) and the bottom bar. */
static void S_draw(tend_app *app)
{
    S_enter_top(app);
    werase(stdscr);
    app->cur_y = app->cur_x = -1;
    tend_screen *top = tend_app_top(app);
    if (top && S_too_small()) {
        if (!(top->flags & TEND_SCREEN_BARE))
            S_draw_small(app);
    } else if (top && app->help_open) {
        ui_help_draw(app, top, LINES - 1, COLS, &app->help_scroll);
        ui_bar_draw(app, LINES - 1, COLS);
    } else if (top) {
        S_draw_screen(app, top);
        if (!(top->flags & TEND_SCREEN_BARE))
            ui_bar_draw(app, LINES - 1, COLS);
    }
    if (app->cur_y >= 0 && app->cur_y < LINES && app->cur_x >= 0 && app->cur_x < COLS) {
        wmove(stdscr, app->cur_y, app->cur_x);
        curs_set(1);
    } else {
        curs_set(0);
    }
    wnoutrefresh(stdscr);
    doupdate();
    S_paste_mode(app, top && (top->flags & TEND_SCREEN_PASTE) && !app->help_open);
}

/* Contract in ui.h. */
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
    if (!(top->flags & TEND_SCREEN_BARE)) {
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
    if (k->kind == TK_PASTE && !(top->flags & TEND_SCREEN_PASTE))
        return;
    bool used = top->ops->key(top, app, k);
    if (!used && a == TA_BACK)
        tend_app_pop(app);
}

/* Contract in ui.h. */
tend_status tend_app_run(tend_app *app, tend_error *err)
{
    (void)err;
    app->last_key = tend_app_now(app);
    while (!app->quit && app->depth > 0) {
        if (app->lock_pending)
            S_do_lock(app, false);
        if (app->quit || app->depth == 0)
            break;
        S_draw(app);
#ifdef TEND_TEST_BUILD
        ui_keytime_drawn(app);
#endif
        tend_key k = S_next_key(app);
#ifdef TEND_TEST_BUILD
        ui_keytime_key(app, &k);
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
    ui_keytime_report(app);
#endif
    app->quit = true;
    if (g_signal)
        g_signal = 0;
    return TEND_OK;
}
