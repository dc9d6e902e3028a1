/*
 * checkin.c — the check-in: before starting it says how many sections and
 * questions there are and what time they ask about; then one section at a
 * time, keyboard only (digits set a scale, Space chooses, y/n answer yes or
 * no, typed words where a note or "something else" is asked for); every
 * item can be skipped; Backspace goes back a section to change an answer.
 *
 * Leaving mid-way (Esc, quick-hide, auto-lock, quitting) keeps the answers
 * as the encrypted check-in draft (kind checkin-draft, apart from the entry
 * draft), offered again next time. Saving writes one check-in record with
 * its own time (several a day are fine) and drops the draft; then a safety
 * item above zero leads calmly to tend_screen_safety, and otherwise one
 * reflection prompt fitting the answers is offered with Write and Not now.
 */
#include "frame_int.h"

#include "tend/checkin.h"
#include "tend/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_INTRO, C_SECTION, C_REFLECT };

/* A line of a section: a choose item's question (not focusable), a scale,
 * a yes/no, one option, the words of a [text] option, a text item. */
enum { R_LABEL, R_SCALE, R_YESNO, R_OPTION, R_WORDS, R_TEXT };

#define ROWS_MAX 160
#define MENU_MAX 10

typedef struct {
    int kind;
    size_t item;
    size_t opt;
} checkin_row;

typedef struct {
    tend_screen base;
    tend_session *s;
    int state;
    /* intro */
    tend_menu menu;
    const char *items[MENU_MAX];
    char labels[MENU_MAX][96];
    const tend_checkin_def *defs[MENU_MAX]; /* what each menu item begins */
    bool resume[MENU_MAX];                  /* true: go on with the draft */
    tend_checkin_draft draft;               /* the stored draft, if any */
    const tend_checkin_def *draft_def;
    size_t draft_at;
    /* a check-in under way */
    const tend_checkin_def *def;
    tend_checkin ck;
    size_t sec;
    checkin_row rows[ROWS_MAX];
    int nrows;
    int focus;
    int top;                                /* first line shown */
    bool one_typed;                         /* '1' just set a 0-10 scale */
    tend_input *input;                      /* words of the focused text row */
    bool input_bound;
    /* after saving */
    const char *prompt;                     /* content-owned */
    const char *theme;
    char msg[TEND_ERROR_MAX + 64];
} checkin_screen;

static const tend_action S_keys_menu[] = { TA_UP, TA_DOWN, TA_SELECT, TA_NONE };
static const tend_action S_keys_sec[] = {
    TA_UP, TA_DOWN, TA_LEFT, TA_RIGHT, TA_TOGGLE, TA_SKIP, TA_SECTION_BACK, TA_CONFIRM, TA_TOP,
    TA_BOTTOM, TA_NONE
};
static const tend_action S_keys_text[] = { TA_UP, TA_DOWN, TA_CONFIRM, TA_CLEAR, TA_NONE };

/* ---- the rows of a section ------------------------------------------------------ */

/* The item of row r. */
static const tend_checkin_item *S_item(const checkin_screen *c, const checkin_row *r)
{
    return &c->def->items[r->item];
}

/* True when row r is typed into (a text item, or "in your words"). */
static bool S_is_text(const checkin_row *r)
{
    return r->kind == R_TEXT || r->kind == R_WORDS;
}

/* Makes the rows of the current section (a chosen "something else" gets
 * its words row). */
static void S_build_rows(checkin_screen *c)
{
    const tend_checkin_section *sec = &c->def->sections[c->sec];
    c->nrows = 0;
    for (size_t i = sec->first; i < sec->first + sec->nitems && c->nrows < ROWS_MAX; i++) {
        const tend_checkin_item *it = &c->def->items[i];
        switch (it->kind) {
        case TEND_ITEM_SCALE10:
        case TEND_ITEM_SCALE4: c->rows[c->nrows++] = (checkin_row){ R_SCALE, i, 0 }; break;
        case TEND_ITEM_YESNO: c->rows[c->nrows++] = (checkin_row){ R_YESNO, i, 0 }; break;
        case TEND_ITEM_TEXT: c->rows[c->nrows++] = (checkin_row){ R_TEXT, i, 0 }; break;
        case TEND_ITEM_CHOOSE:
            c->rows[c->nrows++] = (checkin_row){ R_LABEL, i, 0 };
            for (size_t o = 0; o < it->noptions && c->nrows < ROWS_MAX; o++) {
                c->rows[c->nrows++] = (checkin_row){ R_OPTION, i, o };
                if (it->options[o].typed && c->ck.a[i].chosen[o] && c->nrows < ROWS_MAX)
                    c->rows[c->nrows++] = (checkin_row){ R_WORDS, i, o };
            }
            break;
        }
    }
}

/* Keeps the words typed on the focused row in the answers. */
static void S_commit_input(checkin_screen *c)
{
    if (!c->input_bound || c->focus < 0 || c->focus >= c->nrows)
        return;
    const checkin_row *r = &c->rows[c->focus];
    if (S_is_text(r))
        tend_checkin_set_typed(&c->ck, r->item, tend_input_text(c->input));
}

/* Moves the focus to row i (a focusable one at or after it, going in
 * direction dir), loading a text row's words into the field. */
static void S_focus(checkin_screen *c, int i, int dir)
{
    S_commit_input(c);
    while (i >= 0 && i < c->nrows && c->rows[i].kind == R_LABEL)
        i += dir;
    if (i < 0 || i >= c->nrows) {
        if (c->focus >= 0 && c->focus < c->nrows && c->rows[c->focus].kind != R_LABEL)
            i = c->focus; /* stay */
        else
            for (i = 0; i < c->nrows && c->rows[i].kind == R_LABEL; i++)
                ;
    }
    c->focus = i;
    c->one_typed = false;
    c->input_bound = false;
    tend_input_clear(c->input);
    tend_screen_set_keys(&c->base, S_keys_sec, 0);
    if (i < c->nrows && S_is_text(&c->rows[i])) {
        const char *t = c->ck.a[c->rows[i].item].typed;
        tend_input_set(c->input, t ? t : "");
        c->input_bound = true;
        tend_screen_set_keys(&c->base, S_keys_text, TEND_SCREEN_TEXT);
    }
}

/* Goes to section sec, the focus on its first row. */
static void S_go_section(checkin_screen *c, size_t sec)
{
    S_commit_input(c);
    c->input_bound = false;
    c->sec = sec;
    c->top = 0;
    c->focus = -1;
    S_build_rows(c);
    S_focus(c, 0, 1);
}

/* ---- drafts and saving ----------------------------------------------------------- */

/* Keeps the answers so far as the check-in draft (quiet on failure). */
static void S_save_draft(checkin_screen *c)
{
    tend_journal *j = c->s->journal;
    if (!j || c->state != C_SECTION)
        return;
    S_commit_input(c);
    if (tend_checkin_answered(&c->ck) == 0 && c->sec == 0)
        return; /* nothing to keep */
    tend_checkin_draft_store(j, &c->ck, c->sec, NULL);
}

/* Starts a check-in of def, from the draft when resume (and it is def's). */
static void S_begin(checkin_screen *c, const tend_checkin_def *def, bool resume)
{
    tend_checkin_clear(&c->ck);
    c->def = def;
    size_t at = 0;
    tend_status st;
    if (resume && c->draft_def == def) {
        c->ck = c->draft.ck; /* the draft's answers, taken over */
        c->draft.ck = (tend_checkin)TEND_CHECKIN_INIT;
        at = c->draft_at;
        st = TEND_OK;
    } else {
        st = tend_checkin_init(&c->ck, def);
    }
    tend_checkin_draft_clear(&c->draft);
    if (st != TEND_OK && st != TEND_EINVAL) {
        snprintf(c->msg, sizeof c->msg, "There was not enough memory to start; please try again.");
        return;
    }
    if (!c->ck.a && tend_checkin_init(&c->ck, def) != TEND_OK)
        return;
    c->state = C_SECTION;
    S_go_section(c, at < def->nsections ? at : 0);
}

/* Saves the check-in and drops the draft; then the safety answer (a safety
 * item above zero) or the reflection. On failure the answers are kept as
 * the draft and the message says why. */
static void S_finish(checkin_screen *c, tend_app *app)
{
    S_commit_input(c);
    tend_session *s = c->s;
    if (!s->journal)
        return;
    int64_t created = tend_app_time(app);
    tend_error err;
    tend_error_clear(&err);
    tend_status st = tend_checkin_add(s->journal, &c->ck, created, &err);
    int64_t day = tend_local_day(created, tend_local_offset(created));
    if (st != TEND_OK) {
        S_save_draft(c);
        snprintf(c->msg, sizeof c->msg, "That could not be saved (%s). Your answers are kept as a "
                 "draft.", err.msg[0] ? err.msg : "out of memory");
        return;
    }
    tend_checkin_draft_discard(s->journal, NULL);
    if (tend_checkin_safety(&c->ck)) {
        tend_app_replace(app, tend_screen_safety(s));
        return;
    }
    tend_prompt_answer ans[ROWS_MAX];
    size_t n = tend_checkin_prompt_answers(&c->ck, ans, ROWS_MAX);
    tend_prompt_ref ref;
    if (s->content && (tend_prompt_for_checkin(s->content, ans, n, day, &ref) ||
                       tend_prompt_of_day(s->content, day, &ref))) {
        c->prompt = ref.prompt->text;
        c->theme = ref.theme->title;
    }
    tend_checkin_clear(&c->ck);
    c->state = C_REFLECT;
    tend_screen_set_keys(&c->base, S_keys_menu, 0);
    c->menu = (tend_menu){ c->items, 0, 0, 0 };
    if (c->prompt)
        c->items[c->menu.n++] = "Write about it now";
    c->items[c->menu.n++] = "Not now";
}

/* ---- the intro ------------------------------------------------------------------------ */

/* How many questions def asks (the intro says so). */
static size_t S_questions(const tend_checkin_def *d)
{
    return d->nitems;
}

/* Reads the stored check-in draft, if any, into c->draft (draft_def NULL
 * when there is none, or its check-in is not loaded). */
static void S_load_draft(checkin_screen *c)
{
    tend_session *s = c->s;
    c->draft_def = NULL;
    c->draft_at = 0;
    if (!s->journal || !s->content ||
        tend_checkin_draft_load(s->journal, s->content, &c->draft, NULL) != TEND_OK)
        return;
    c->draft_def = c->draft.ck.def;
    c->draft_at = c->draft.section;
}

/* Makes the intro's menu: go on with the draft (when there is one), then
 * a way to begin each definition. */
static void S_build_menu(checkin_screen *c)
{
    tend_content *ct = c->s->content;
    int n = 0;
    if (c->draft_def) {
        snprintf(c->labels[n], sizeof c->labels[n], "Go on where you stopped (section %zu of %zu)",
                 c->draft_at + 1, c->draft_def->nsections);
        c->defs[n] = c->draft_def;
        c->resume[n++] = true;
    }
    size_t nd = ct ? tend_content_checkin_count(ct) : 0;
    for (size_t i = 0; i < nd && n < MENU_MAX; i++) {
        const tend_checkin_def *d = tend_content_checkin(ct, i);
        if (nd == 1)
            snprintf(c->labels[n], sizeof c->labels[n], "%s", c->draft_def ? "Start a new one" : "Begin");
        else
            snprintf(c->labels[n], sizeof c->labels[n], "Begin: %s", d->title);
        c->defs[n] = d;
        c->resume[n++] = false;
    }
    for (int i = 0; i < n; i++)
        c->items[i] = c->labels[i];
    c->menu = (tend_menu){ c->items, n, 0, 0 };
}

/* ---- drawing ---------------------------------------------------------------------- */

/* Columns of a scale's numbers: " 0 1 2 3 4 " (room for the brackets). */
static int S_scale_width(const tend_checkin_item *it)
{
    return it->max == 10 ? 23 : 2 * (it->max + 1) + 1;
}

/* The lines row r takes at width w. */
/* Rows text takes word-wrapped at width columns (at least one). */
static int S_lines(const char *text, int width)
{
    int n = tend_ui_wrap(NULL, 0, 0, width < 1 ? 1 : width, 0, ST_NORMAL, text);
    return n < 1 ? 1 : n;
}

/* True when a scale's label and numbers share one line at width w. */
static bool S_scale_one_line(const tend_checkin_item *it, int w)
{
    int lw = (int)tend_utf8_width(it->label, strlen(it->label));
    return 2 + lw + 2 + S_scale_width(it) <= w;
}

/* Rows a row takes at width w: labels wrap rather than being cut, so a
 * question is never lost on a narrow terminal. */
static int S_row_height(const checkin_screen *c, const checkin_row *r, int w)
{
    const tend_checkin_item *it = S_item(c, r);
    switch (r->kind) {
    case R_TEXT: return S_lines(it->label, w - 2) + 1;
    case R_SCALE: return S_scale_one_line(it, w) ? 1 : S_lines(it->label, w - 2) + 1;
    case R_YESNO: return S_lines(it->label, w - 14);
    case R_OPTION: return S_lines(it->options[r->opt].label, w - 6);
    case R_LABEL: return S_lines(it->label, w);
    default: return 1;
    }
}

/* Draws text wrapped at y, x in width columns, only the rows in [top, bottom). */
static void S_wrap_in(tend_app *app, int y, int x, int width, tend_style st, const char *text,
                      int top, int bottom)
{
    if (y < top || y >= bottom)
        return;
    tend_ui_wrap(app, y, x, width < 1 ? 1 : width, bottom - y, st, text);
}

/* Draws a scale's numbers at y, x; the answer in brackets. */
static void S_draw_scale(checkin_screen *c, tend_app *app, int y, int x, const checkin_row *r)
{
    const tend_checkin_item *it = S_item(c, r);
    const tend_answer *a = &c->ck.a[r->item];
    x++;
    for (int v = 0; v <= it->max; v++) {
        char n[8];
        bool on = a->answered && a->value == v;
        int len = snprintf(n, sizeof n, "%d", v);
        tend_ui_text(app, y, x, on ? ST_SELECTED : ST_NORMAL, n, 0);
        if (on) {
            tend_ui_text(app, y, x - 1, ST_SELECTED, "[", 0);
            tend_ui_text(app, y, x + len, ST_SELECTED, "]", 0);
        }
        x += len + 1;
    }
}

/* Draws row r (h rows high) at y, only its parts inside [top, bottom). */
static void S_draw_row(checkin_screen *c, tend_app *app, int y, int h, int w, const checkin_row *r,
                       bool focused, int top, int bottom)
{
    const tend_checkin_item *it = S_item(c, r);
    const tend_answer *a = &c->ck.a[r->item];
    tend_style st = focused ? ST_SELECTED : ST_NORMAL;
    const char *mark = focused ? "> " : "  ";
#define IN(yy) ((yy) >= top && (yy) < bottom)
    switch (r->kind) {
    case R_LABEL:
        S_wrap_in(app, y, 2, w, ST_BOLD, it->label, top, bottom);
        break;
    case R_SCALE: {
        int sw = S_scale_width(it);
        bool one = S_scale_one_line(it, w);
        if (IN(y))
            tend_ui_text(app, y, 2, st, mark, 2);
        if (one && IN(y))
            tend_ui_text(app, y, 4, st, it->label, w - sw - 4);
        else
            S_wrap_in(app, y, 4, w - 2, st, it->label, top, bottom);
        int sy = one ? y : y + h - 1;
        if (IN(sy))
            S_draw_scale(c, app, sy, one ? 2 + w - sw : 4, r);
        break;
    }
    case R_YESNO:
        S_wrap_in(app, y, 4, w - 14, st, it->label, top, bottom);
        if (IN(y)) {
            tend_ui_text(app, y, 2, st, mark, 2);
            bool yes = a->answered && a->value, no = a->answered && !a->value;
            tend_ui_text(app, y, 2 + w - 10, yes ? ST_SELECTED : ST_NORMAL, yes ? "[yes]" : " yes ", 0);
            tend_ui_text(app, y, 2 + w - 5, no ? ST_SELECTED : ST_NORMAL, no ? "[no]" : " no ", 0);
        }
        break;
    case R_OPTION:
        if (IN(y)) {
            tend_ui_text(app, y, 2, st, mark, 2);
            tend_ui_text(app, y, 4, st, a->chosen[r->opt] ? "[x] " : "[ ] ", 4);
        }
        S_wrap_in(app, y, 8, w - 6, st, it->options[r->opt].label, top, bottom);
        break;
    case R_WORDS:
        if (IN(y)) {
            tend_ui_text(app, y, 8, focused ? ST_BOLD : ST_DIM, "in your words:", 0);
            if (focused)
                tend_input_draw(c->input, app, y, 23, w - 21, true);
            else
                tend_ui_text(app, y, 23, ST_NORMAL, a->typed ? a->typed : "", w - 21);
        }
        break;
    case R_TEXT:
        if (IN(y))
            tend_ui_text(app, y, 2, st, mark, 2);
        S_wrap_in(app, y, 4, w - 2, st, it->label, top, bottom);
        if (IN(y + h - 1)) {
            if (focused)
                tend_input_draw(c->input, app, y + h - 1, 4, w - 2, true);
            else
                tend_ui_text(app, y + h - 1, 4, ST_NORMAL, a->typed ? a->typed : "(skipped)",
                             w - 2);
        }
        break;
    }
#undef IN
}

/* The anchors to show for a focused scale: its own, else those of the
 * nearest item before it in the section with the same scale. */
static void S_anchor_text(checkin_screen *c, const checkin_row *r, int w, char *out, size_t cap)
{
    out[0] = '\0';
    const tend_checkin_section *sec = &c->def->sections[c->sec];
    const tend_checkin_item *it = S_item(c, r);
    for (size_t i = r->item + 1; i-- > sec->first;) {
        const tend_checkin_item *o = &c->def->items[i];
        if (o->kind != it->kind || o->nanchors == 0)
            continue;
        size_t used = 0;
        for (size_t k = 0; k < o->nanchors && used < cap; k++)
            used += (size_t)snprintf(out + used, cap - used, "%s%d %s", k ? " \xc2\xb7 " : "",
                                     o->anchors[k].value, o->anchors[k].label);
        if (o->nanchors > 2 && (int)tend_utf8_width(out, strnlen(out, cap)) > w) {
            /* Too wide: the two ends say what the scale means. */
            const tend_checkin_anchor *lo = &o->anchors[0], *hi = &o->anchors[o->nanchors - 1];
            snprintf(out, cap, "%d %s \xc2\xb7 %d %s", lo->value, lo->label, hi->value, hi->label);
        }
        return;
    }
}

/* The section: its title and progress, its rows scrolled so the focus
 * shows, and what the keys do (or a message). */
static void S_draw_section(checkin_screen *c, tend_app *app, int rows, int cols)
{
    int w = cols - 4;
    const tend_checkin_section *sec = &c->def->sections[c->sec];
    char prog[48];
    snprintf(prog, sizeof prog, "%zu of %zu", c->sec + 1, c->def->nsections);
    int pw = (int)strlen(prog);
    tend_ui_text(app, 2, 2, ST_H1, sec->title, w - pw - 2);
    tend_ui_text(app, 2, cols - 2 - pw, ST_DIM, prog, 0);
    int y = 3;
    if (sec->intro[0] && rows >= 16) {
        int n = tend_ui_wrap(app, y, 2, w, 2, ST_DIM, sec->intro);
        y += n > 2 ? 2 : n;
    }
    y++;
    int top = y, bottom = rows - 3;
    if (bottom <= top)
        bottom = top + 1;
    /* Scroll so the focused row is whole on screen. */
    int line = 0, fline = 0, fh = 1, total = 0;
    for (int i = 0; i < c->nrows; i++) {
        int h = S_row_height(c, &c->rows[i], w);
        if (i == c->focus) {
            fline = line;
            fh = h;
        }
        line += h;
    }
    total = line;
    int view = bottom - top;
    if (fline < c->top)
        c->top = fline;
    if (fline + fh > c->top + view)
        c->top = fline + fh - view;
    if (c->top > total - view)
        c->top = total - view > 0 ? total - view : 0;
    if (c->focus > 0 && c->rows[c->focus - 1].kind == R_LABEL && fline - 1 >= 0 &&
        fline - 1 < c->top)
        c->top = fline - 1; /* keep a choose item's question in view with its first option */
    line = 0;
    for (int i = 0; i < c->nrows; i++) {
        int h = S_row_height(c, &c->rows[i], w);
        int ry = top + line - c->top;
        if (ry + h > top && ry < bottom)
            S_draw_row(c, app, ry, h, w, &c->rows[i], i == c->focus, top, bottom);
        line += h;
    }
    /* What the keys do here. */
    bool last = c->sec + 1 == c->def->nsections;
    const char *go = last ? "Enter saves" : "Enter: next section";
    char hint[256] = "", anchors[256] = "", brief[128] = "";
    if (c->msg[0]) {
        tend_ui_text(app, rows - 2, 2, ST_BOLD, c->msg, w);
        return;
    }
    const checkin_row *r = c->focus >= 0 && c->focus < c->nrows ? &c->rows[c->focus] : NULL;
    switch (r ? r->kind : R_LABEL) {
    case R_SCALE:
        snprintf(hint, sizeof hint, "%s \xc2\xb7 \xe2\x86\x90/\xe2\x86\x92 step \xc2\xb7 s skip \xc2\xb7 %s",
                 S_item(c, r)->max == 10 ? "0-9 set it (1 then 0 is 10)" : "0-4 set it", go);
        snprintf(brief, sizeof brief, "%s \xc2\xb7 s skip \xc2\xb7 %s",
                 S_item(c, r)->max == 10 ? "0-9, 1 0 = 10" : "0-4 sets", last ? "Enter saves" : "Enter");
        S_anchor_text(c, r, w, anchors, sizeof anchors);
        break;
    case R_YESNO:
        snprintf(hint, sizeof hint, "y yes \xc2\xb7 n no \xc2\xb7 s skip \xc2\xb7 %s", go);
        snprintf(brief, sizeof brief, "y yes \xc2\xb7 n no \xc2\xb7 s skip \xc2\xb7 %s",
                 last ? "Enter saves" : "Enter");
        break;
    case R_OPTION:
        snprintf(hint, sizeof hint, "Space chooses \xc2\xb7 any or none \xc2\xb7 s clears \xc2\xb7 %s", go);
        snprintf(brief, sizeof brief, "Space picks \xc2\xb7 s clears \xc2\xb7 %s",
                 last ? "Enter saves" : "Enter");
        break;
    default:
        snprintf(hint, sizeof hint, "Type, or leave it empty \xc2\xb7 \xe2\x86\x91/\xe2\x86\x93 move \xc2\xb7 %s", go);
        snprintf(brief, sizeof brief, "Type, or leave it empty \xc2\xb7 %s",
                 last ? "Enter saves" : "Enter");
        break;
    }
    /* A narrow terminal gets the short form rather than a cut-off one. */
    if ((int)tend_utf8_width(hint, strlen(hint)) > w && brief[0])
        memcpy(hint, brief, strlen(brief) + 1);
    if (anchors[0])
        tend_ui_text(app, rows - 3, 2, ST_DIM, anchors, w);
    tend_ui_text(app, rows - 2, 2, ST_DIM, hint, w);
}

/* What the check-in asks about, and the menu. */
static void S_draw_intro(checkin_screen *c, tend_app *app, int rows, int cols)
{
    int w = cols - 4, y = 2;
    if (c->menu.n == 0) {
        tend_ui_wrap(app, y, 2, w, rows - 4, ST_NORMAL,
                     c->s->content ? "No check-in is defined. Run 'tend content-check' to see why."
                                   : "The check-in could not be loaded.");
        return;
    }
    const tend_checkin_def *d = c->defs[c->menu.sel >= 0 && c->menu.sel < c->menu.n ? c->menu.sel : 0];
    tend_ui_text(app, y++, 2, ST_H1, d->title, w);
    y++;
    if (d->intro[0] && rows >= 16)
        y += tend_ui_wrap(app, y, 2, w, rows - 8 - c->menu.n - y, ST_NORMAL, d->intro) + 1;
    char what[256];
    snprintf(what, sizeof what, "%zu section%s, %zu question%s, about %s. Skip anything you like.",
             d->nsections, d->nsections == 1 ? "" : "s", S_questions(d),
             S_questions(d) == 1 ? "" : "s", d->window);
    y += tend_ui_wrap(app, y, 2, w, 2, ST_BOLD, what) + 1;
    tend_menu_draw(&c->menu, app, y, 2, rows - 2 - y, w);
    if (c->msg[0])
        tend_ui_text(app, rows - 2, 2, ST_BOLD, c->msg, w);
}

/* Saved: a thank-you, a prompt fitting the answers, Write or Not now. */
static void S_draw_reflect(checkin_screen *c, tend_app *app, int rows, int cols)
{
    int w = cols - 4, y = 2;
    y += tend_ui_wrap(app, y, 2, w, 2, ST_H1, "Saved. Thank you for checking in.") + 1;
    if (c->prompt) {
        y += tend_ui_wrap(app, y, 2, w, 1, ST_DIM, "Something to write about, if you like:");
        y += tend_ui_wrap(app, y, 4, w - 2, rows - 6 - y, ST_BOLD, c->prompt) + 1;
    }
    tend_menu_draw(&c->menu, app, y, 2, rows - 2 - y, w);
}

/* The title and the part of the check-in under way. */
static void S_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    checkin_screen *c = FRAME_OF(checkin_screen, sc);
    frame_title(app, c->s, "Check in");
    switch (c->state) {
    case C_INTRO: S_draw_intro(c, app, rows, cols); break;
    case C_SECTION: S_draw_section(c, app, rows, cols); break;
    default: S_draw_reflect(c, app, rows, cols); break;
    }
}

/* ---- keys ------------------------------------------------------------------------- */

/* Moves the focus to the first row of the next item. */
static void S_next_item(checkin_screen *c)
{
    size_t item = c->rows[c->focus].item;
    int i = c->focus;
    while (i < c->nrows && c->rows[i].item == item)
        i++;
    S_focus(c, i, 1);
}

/* Keys in a section: moving, answering, skipping, on and back; Esc keeps
 * the draft and leaves. */
static bool S_section_key(checkin_screen *c, tend_app *app, const tend_key *k, tend_action a)
{
    c->msg[0] = '\0';
    if (a == TA_BACK) {
        S_save_draft(c);
        tend_app_pop(app);
        return true;
    }
    if (c->focus < 0 || c->focus >= c->nrows)
        return false;
    checkin_row *r = &c->rows[c->focus];
    const tend_checkin_item *it = S_item(c, r);
    bool one = c->one_typed;
    c->one_typed = false;
    switch (a) {
    case TA_UP: S_focus(c, c->focus - 1, -1); return true;
    case TA_DOWN: S_focus(c, c->focus + 1, 1); return true;
    case TA_TOP: S_focus(c, 0, 1); return true;
    case TA_BOTTOM: S_focus(c, c->nrows - 1, -1); return true;
    case TA_CONFIRM:
        if (c->sec + 1 < c->def->nsections) {
            S_go_section(c, c->sec + 1);
            S_save_draft(c);
        } else {
            S_finish(c, app);
        }
        return true;
    case TA_SECTION_BACK:
        if (c->sec > 0)
            S_go_section(c, c->sec - 1);
        return true;
    case TA_SKIP:
        tend_checkin_skip(&c->ck, r->item);
        c->input_bound = false;
        S_build_rows(c);
        if (c->focus >= c->nrows)
            c->focus = c->nrows - 1;
        S_next_item(c);
        return true;
    case TA_CLEAR:
        tend_input_clear(c->input);
        return true;
    default:
        break;
    }
    if (S_is_text(r))
        return tend_input_key(c->input, k);
    int cur = c->ck.a[r->item].answered ? c->ck.a[r->item].value : -1;
    if (r->kind == R_SCALE) {
        if (a == TA_LEFT || (k->kind == TK_CHAR && k->ch == '-')) {
            tend_checkin_set(&c->ck, r->item, cur < 0 ? 0 : cur - 1);
            return true;
        }
        if (a == TA_RIGHT || (k->kind == TK_CHAR && k->ch == '+')) {
            tend_checkin_set(&c->ck, r->item, cur + 1);
            return true;
        }
        if (k->kind == TK_CHAR && k->ch >= '0' && k->ch <= '9') {
            int v = (int)(k->ch - '0');
            if (one && v == 0 && it->max == 10)
                v = 10;
            if (v <= it->max)
                tend_checkin_set(&c->ck, r->item, v);
            c->one_typed = v == 1 && it->max == 10;
            return true;
        }
        return false;
    }
    if (r->kind == R_YESNO) {
        if (a == TA_LEFT || (k->kind == TK_CHAR && (k->ch == 'y' || k->ch == 'Y')))
            tend_checkin_set(&c->ck, r->item, 1);
        else if (a == TA_RIGHT || (k->kind == TK_CHAR && (k->ch == 'n' || k->ch == 'N')))
            tend_checkin_set(&c->ck, r->item, 0);
        else if (a == TA_TOGGLE)
            tend_checkin_set(&c->ck, r->item, cur == 1 ? 0 : 1);
        else
            return false;
        return true;
    }
    if (r->kind == R_OPTION && a == TA_TOGGLE) {
        size_t opt = r->opt;
        tend_checkin_toggle(&c->ck, r->item, opt);
        S_build_rows(c);
        /* A chosen "something else" opens its words right below it. */
        if (it->options[opt].typed && c->ck.a[c->rows[c->focus].item].chosen[opt])
            S_focus(c, c->focus + 1, 1);
        return true;
    }
    return false;
}

/* The section's keys, or the menu of the intro or the reflection. */
static bool S_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    checkin_screen *c = FRAME_OF(checkin_screen, sc);
    if (k->kind == TK_TIMEOUT || k->kind == TK_RESIZE)
        return true;
    tend_action a = tend_screen_action(sc, k);
    if (c->state == C_SECTION)
        return S_section_key(c, app, k, a);
    if (a == TA_SELECT && c->menu.n > 0) {
        int i = c->menu.sel;
        if (c->state == C_INTRO) {
            c->msg[0] = '\0';
            S_begin(c, c->defs[i], c->resume[i]);
        } else if (c->prompt && i == 0) {
            const char *p = c->prompt;
            tend_app_replace(app, tend_screen_write_prompt(c->s, p));
        } else {
            tend_app_pop(app);
        }
        return true;
    }
    return tend_menu_key(&c->menu, a, k);
}

/* Locking: keeps the answers so far as the draft. */
static void S_lock(tend_screen *sc, tend_app *app)
{
    (void)app;
    S_save_draft(FRAME_OF(checkin_screen, sc));
}

/* Wipes the answers, the draft, the field and the message. */
static void S_fini(tend_screen *sc)
{
    checkin_screen *c = FRAME_OF(checkin_screen, sc);
    tend_checkin_clear(&c->ck);
    tend_checkin_draft_clear(&c->draft);
    tend_input_free(c->input);
}

/* The field for typed answers; the draft and the menu come at enter. */
static tend_status S_init(tend_screen *sc, void *arg)
{
    checkin_screen *c = FRAME_OF(checkin_screen, sc);
    c->s = arg;
    c->state = C_INTRO;
    c->draft = (tend_checkin_draft)TEND_CHECKIN_DRAFT_INIT;
    c->ck = (tend_checkin)TEND_CHECKIN_INIT;
    c->input = tend_input_new(TEND_CHECKIN_TEXT_MAX, false);
    return c->input ? TEND_OK : TEND_ENOMEM;
}

/* The first time on top: reads a half-done check-in (the draft) and makes
 * the menu that offers it. Later enters change nothing: the answers under
 * way are the screen's own. */
static void S_enter(tend_screen *sc, tend_app *app, unsigned why)
{
    (void)app;
    checkin_screen *c = FRAME_OF(checkin_screen, sc);
    if (!(why & TEND_ENTER_PUSHED))
        return;
    S_load_draft(c);
    S_build_menu(c);
}

FRAME_SCREEN(tend_screen_checkin, checkin_screen, "checkin", .init = S_init, .fini = S_fini,
             .enter = S_enter, .draw = S_draw, .key = S_key, .lock = S_lock, .keys = S_keys_menu)
