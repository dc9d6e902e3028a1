/*
 * keymap.c — the one table of actions (TEND_ACTIONS in ui.h) and everything
 * generated from it: key-to-action mapping, key names, the bottom bar and
 * the help overlay. Changing a key here changes what it does, what the bar
 * says and what help says, together.
 */
#include "tend/ui.h"
#include "ui_int.h"

#include <stdio.h>
#include <string.h>

static const tend_keydef S_keys[] = {
#define TEND_X_ROW(id, scope, k1, c1, k2, c2, label, shortl, help) \
    { TA_##id, TEND_SCOPE_##scope, { { k1, c1 }, { k2, c2 } }, label, shortl, help },
    TEND_ACTIONS(TEND_X_ROW)
#undef TEND_X_ROW
};
#define N_KEYS (sizeof S_keys / sizeof S_keys[0])

/* Bar entries in the order they are given up when the window is narrow:
 * the first is dropped first; hide is kept to the very end. */
static const tend_action S_drop_order[] = { TA_BACK, TA_HELP, TA_TOOLS, TA_SUPPORT, TA_HIDE };
#define N_DROP (sizeof S_drop_order / sizeof S_drop_order[0])

/* Contract in ui.h. */
const tend_keydef *tend_keydef_of(tend_action a)
{
    if (a <= TA_NONE || a >= TA_COUNT)
        return NULL;
    return &S_keys[a - 1];
}

/* True when key k is the binding bind (a character, Ctrl or F key must
 * match its number too). */
static bool S_key_eq(const tend_key *bind, const tend_key *k)
{
    if (bind->kind == TK_NONE || bind->kind != k->kind)
        return false;
    switch (k->kind) {
    case TK_CHAR: case TK_CTRL: case TK_FN:
        return bind->ch == k->ch;
    default:
        return true;
    }
}

/* True when k is one of d's keys; on a text screen (text) printable
 * bindings do not count. */
static bool S_matches(const tend_keydef *d, const tend_key *k, bool text)
{
    for (int i = 0; i < 2; i++) {
        if (text && d->keys[i].kind == TK_CHAR)
            continue;
        if (S_key_eq(&d->keys[i], k))
            return true;
    }
    return false;
}

/* Contract in ui.h. */
tend_action tend_screen_action(const tend_screen *s, const tend_key *k)
{
    for (size_t i = 0; i < N_KEYS; i++)
        if (S_keys[i].scope == TEND_SCOPE_GLOBAL && S_matches(&S_keys[i], k, true))
            return S_keys[i].action;
    if (!s || !s->keys)
        return TA_NONE;
    bool text = (s->flags & TEND_SCREEN_TEXT) != 0;
    for (const tend_action *a = s->keys; *a != TA_NONE; a++) {
        const tend_keydef *d = tend_keydef_of(*a);
        if (d && S_matches(d, k, text))
            return *a;
    }
    return TA_NONE;
}

/* Contract in ui.h. */
void tend_key_name(const tend_key *k, char *out, size_t n)
{
    const char *name = NULL;
    switch (k->kind) {
    case TK_ENTER: name = "Enter"; break;
    case TK_TAB: name = "Tab"; break;
    case TK_BTAB: name = "Shift-Tab"; break;
    case TK_ESC: name = "Esc"; break;
    case TK_BACKSPACE: name = "Backspace"; break;
    case TK_DELETE: name = "Delete"; break;
    case TK_UP: name = "Up"; break;
    case TK_DOWN: name = "Down"; break;
    case TK_LEFT: name = "Left"; break;
    case TK_RIGHT: name = "Right"; break;
    case TK_HOME: name = "Home"; break;
    case TK_END: name = "End"; break;
    case TK_PGUP: name = "PgUp"; break;
    case TK_PGDN: name = "PgDn"; break;
    case TK_WORD_LEFT: name = "Ctrl-Left"; break;
    case TK_WORD_RIGHT: name = "Ctrl-Right"; break;
    case TK_CTRL: snprintf(out, n, "Ctrl-%c", (char)k->ch); return;
    case TK_FN: snprintf(out, n, "F%u", (unsigned)k->ch); return;
    case TK_CHAR:
        if (k->ch == ' ') {
            name = "Space";
            break;
        }
        if (n >= 5) {
            size_t len = tend_utf8_encode(k->ch, out);
            out[len] = '\0';
            return;
        }
        break;
    default: name = ""; break;
    }
    snprintf(out, n, "%s", name ? name : "");
}

/* Contract in ui.h. */
void tend_action_keys(tend_action a, char *out, size_t n)
{
    const tend_keydef *d = tend_keydef_of(a);
    if (!d || n == 0) {
        if (n)
            out[0] = '\0';
        return;
    }
    char k1[32], k2[32];
    tend_key_name(&d->keys[0], k1, sizeof k1);
    if (d->keys[1].kind == TK_NONE) {
        snprintf(out, n, "%s", k1);
        return;
    }
    tend_key_name(&d->keys[1], k2, sizeof k2);
    snprintf(out, n, "%s or %s", k1, k2);
}

/* ---- bottom bar ------------------------------------------------------------ */

/* True when action a is among the first ndrop given up in a narrow bar. */
static bool S_dropped(tend_action a, int ndrop)
{
    for (int i = 0; i < ndrop && i < (int)N_DROP; i++)
        if (S_drop_order[i] == a)
            return true;
    return false;
}

/* Width of the bar at a level of shortening, or draws it when app is set. */
static int S_bar(tend_app *app, int y, bool shortl, int sepw, int ndrop)
{
    int x = 1;
    bool first = true;
    for (size_t i = 0; i < N_KEYS; i++) {
        const tend_keydef *d = &S_keys[i];
        if (d->scope != TEND_SCOPE_GLOBAL || S_dropped(d->action, ndrop))
            continue;
        char key[32];
        tend_key_name(&d->keys[0], key, sizeof key);
        const char *label = shortl ? d->shortl : d->label;
        if (!first)
            x += sepw;
        first = false;
        if (app)
            tend_ui_text(app, y, x, ST_BAR, key, 0);
        x += (int)strlen(key) + 1;
        if (app)
            tend_ui_text(app, y, x, ST_BAR, label, 0);
        x += (int)tend_utf8_width(label, strlen(label));
    }
    return x;
}

/* Contract in ui_int.h. */
void ui_bar_draw(tend_app *app, int y, int cols)
{
    tend_ui_fill(app, y, 0, ST_BAR);
    static const struct { bool shortl; int sep; } levels[] = {
        { false, 3 }, { false, 2 }, { true, 2 }, { true, 1 },
    };
    for (int ndrop = 0; ndrop < (int)N_DROP; ndrop++)
        for (size_t l = 0; l < sizeof levels / sizeof levels[0]; l++)
            if (S_bar(NULL, y, levels[l].shortl, levels[l].sep, ndrop) <= cols) {
                S_bar(app, y, levels[l].shortl, levels[l].sep, ndrop);
                return;
            }
    S_bar(app, y, true, 1, (int)N_DROP - 1);
}

/* ---- help overlay ---------------------------------------------------------- */

typedef struct {
    tend_app *app;
    int rows, cols, keyw, scroll, line;
} help_layout;

/* Draws text wrapped at w from its row skip on, at y. */
static void S_wrap_from(tend_app *app, int y, int x, int w, int maxrows, tend_style st,
                        const char *text, int skip)
{
    if (skip == 0) {
        tend_ui_wrap(app, y, x, w, maxrows, st, text);
        return;
    }
    /* Rare (scrolled into the middle of a wrapped line): drop words until
     * the text starts at row skip. */
    const char *p = text;
    while (*p && tend_ui_wrap(NULL, 0, 0, w, 0, st, text) - tend_ui_wrap(NULL, 0, 0, w, 0, st, p) < skip) {
        const char *sp = strchr(p, ' ');
        if (!sp)
            break;
        p = sp + 1;
    }
    tend_ui_wrap(app, y, x, w, maxrows, st, p);
}

/* Draws (or, with rows 0, measures) the help text from hp->line on:
 * this screen's keys, the keys that work everywhere, how to close it. */
static void S_help_body(help_layout *hp, const tend_screen *s, int nscreen);

/* One line of help (the text wraps under itself in narrow windows). */
static void S_help_line(help_layout *h, const char *keys, const char *text, tend_style st)
{
    int x = keys ? 2 + h->keyw + 2 : 1;
    int w = h->cols - x - 1;
    int n = tend_ui_wrap(NULL, 0, 0, w, 0, st, text);
    for (int i = 0; i < n; i++) {
        int y = h->line + i - h->scroll;
        if (y < 1 || y >= h->rows)
            continue;
        /* Draw only row i of the wrapped text. */
        if (i == 0 && keys)
            tend_ui_text(h->app, y, 2, ST_KEY, keys, h->keyw);
    }
    int y0 = h->line - h->scroll;
    int skip = y0 < 1 ? 1 - y0 : 0;
    if (skip < n && y0 + skip < h->rows)
        S_wrap_from(h->app, y0 + skip, x, w, h->rows - (y0 + skip), keys ? ST_NORMAL : st,
                    text, skip);
    h->line += n;
}

/* Contract in ui_int.h. */
void ui_help_draw(tend_app *app, const tend_screen *s, int rows, int cols, int *scroll)
{
    tend_ui_title(app, "Keys", NULL);
    help_layout h = { app, rows, cols, 0, 0, 1 };
    /* Key column: as wide as the widest key, at most a third of the width. */
    char keys[64];
    for (size_t i = 0; i < N_KEYS; i++) {
        tend_action_keys(S_keys[i].action, keys, sizeof keys);
        int w = (int)tend_utf8_width(keys, strlen(keys));
        if (w > h.keyw)
            h.keyw = w;
    }
    if (h.keyw > cols / 3)
        h.keyw = cols / 3;
    int nscreen = 0;
    if (s->keys)
        while (s->keys[nscreen] != TA_NONE)
            nscreen++;
    /* A dry run (drawing nothing visible) measures the whole text. */
    help_layout dry = h;
    dry.rows = 0;
    dry.line = 2;
    S_help_body(&dry, s, nscreen);
    int total = dry.line + 1;
    if (*scroll > total - rows)
        *scroll = total - rows;
    if (*scroll < 0)
        *scroll = 0;
    h.scroll = *scroll;
    h.line = 2;
    S_help_body(&h, s, nscreen);
}

/* Contract above its declaration. */
static void S_help_body(help_layout *hp, const tend_screen *s, int nscreen)
{
    help_layout h = *hp;
    char keys[64];
    if (nscreen) {
        S_help_line(&h, NULL, "On this screen", ST_H3);
        for (int i = 0; i < nscreen; i++) {
            const tend_keydef *d = tend_keydef_of(s->keys[i]);
            if (!d)
                continue;
            tend_action_keys(d->action, keys, sizeof keys);
            S_help_line(&h, keys, d->help, ST_NORMAL);
        }
        h.line++;
    }
    S_help_line(&h, NULL, "Everywhere", ST_H3);
    for (size_t i = 0; i < N_KEYS; i++) {
        if (S_keys[i].scope != TEND_SCOPE_GLOBAL)
            continue;
        tend_action_keys(S_keys[i].action, keys, sizeof keys);
        S_help_line(&h, keys, S_keys[i].help, ST_NORMAL);
    }
    h.line++;
    S_help_line(&h, NULL, "Any other key closes this.", ST_DIM);
    hp->line = h.line;
}
