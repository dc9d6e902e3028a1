/*
 * safety_plan.c — the safety plan screen: its seven parts (safety_int.h),
 * each a list the person writes and can change at any time; a adds a line,
 * e or Enter changes it, d removes it after a question. Every change is
 * saved at once, encrypted.
 */
#include "safety_int.h"

#include <stdio.h>
#include <string.h>

/* A row of the screen: a part's heading, or one of its lines. */
typedef struct {
    int part;
    int line;       /* -1: the part's heading */
} plan_row;

typedef struct {
    tend_screen base;
    tend_session *s;
    safety_plan p;
    plan_row rows[PLAN_PARTS * 64 + PLAN_PARTS];
    int nrows;
    int sel;
    int top;
    tend_input *input;
    bool editing;             /* the field at the bottom is open */
    int edit_part, edit_line; /* edit_line -1: adding at the end */
    tend_confirm confirm;     /* removing the marked line */
    char msg[160];
} plan_screen;

static const tend_action S_plan_keys[] = { TA_UP, TA_DOWN, TA_ADD, TA_EDIT, TA_SELECT, TA_DELETE,
                                           TA_NONE };
static const tend_action S_plan_keys_text[] = { TA_CONFIRM, TA_CLEAR, TA_NONE };
static const char *const S_remove_choices[] = { "Keep it", "Remove it" };

/* Makes the rows from the plan (a heading, then its lines, per part). */
static void S_plan_rows(plan_screen *u)
{
    u->nrows = 0;
    for (int i = 0; i < PLAN_PARTS; i++) {
        u->rows[u->nrows++] = (plan_row){ i, -1 };
        for (size_t k = 0; k < u->p.n[i] && k < 64; k++)
            u->rows[u->nrows++] = (plan_row){ i, (int)k };
    }
    if (u->sel >= u->nrows)
        u->sel = u->nrows - 1;
}

/* The parts and their lines, the marked one in view, and under them the
 * part's help, the field being typed, or the question before removing. */
static void S_plan_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    plan_screen *u = FRAME_OF(plan_screen, sc);
    frame_title(app, u->s, "Safety plan");
    int w = cols - 4;
    if (u->confirm.open) {
        tend_confirm_draw(&u->confirm, app, rows >= 16 ? 2 : 1, 2, w, rows - 1);
        return;
    }
    int top = 2, bottom = rows - 4;
    if (!u->s->journal) {
        tend_ui_wrap(app, 2, 2, w, rows - 4, ST_NORMAL, "Unlock the journal to see your plan.");
        return;
    }
    int view = bottom - top;
    if (view < 1)
        view = 1;
    if (u->sel < u->top)
        u->top = u->sel;
    if (u->sel >= u->top + view)
        u->top = u->sel - view + 1;
    for (int i = u->top; i < u->nrows && i - u->top < view; i++) {
        int y = top + i - u->top;
        const plan_row *r = &u->rows[i];
        bool sel = i == u->sel;
        tend_style st = sel ? ST_SELECTED : ST_NORMAL;
        tend_ui_text(app, y, 2, st, sel ? "> " : "  ", 2);
        if (r->line < 0) {
            char head[128];
            snprintf(head, sizeof head, "%d. %s", r->part + 1, safety_part_title(r->part));
            tend_ui_text(app, y, 4, sel ? ST_SELECTED : ST_H2, head, w - 2);
            if (u->p.n[r->part] == 0)
                tend_ui_text(app, y + 0, 4 + (int)strlen(head) + 2, ST_DIM, "(empty)", 0);
        } else {
            tend_ui_text(app, y, 6, st, u->p.lines[r->part][r->line], w - 4);
        }
    }
    const plan_row *r = u->sel >= 0 && u->sel < u->nrows ? &u->rows[u->sel] : NULL;
    if (u->editing) {
        tend_ui_text(app, rows - 3, 2, ST_BOLD, u->edit_line < 0 ? "Add a line (Enter keeps it, Esc "
                     "leaves it):" : "Change (Enter keeps it, Esc leaves it as it was):", w);
        tend_input_draw(u->input, app, rows - 2, 2, w, true);
    } else {
        if (r)
            tend_ui_text(app, rows - 3, 2, ST_DIM, safety_part_help(r->part), w);
        tend_ui_text(app, rows - 2, 2, ST_DIM, u->msg[0] ? u->msg
                     : "a adds a line \xc2\xb7 e or Enter changes it \xc2\xb7 d removes it", w);
    }
}

/* Saves the plan; the message says how it went. */
static void S_plan_store(plan_screen *u)
{
    tend_status st = safety_plan_save(u->s, &u->p);
    snprintf(u->msg, sizeof u->msg, "%s", st == TEND_OK ? "Saved." : "That could not be saved; "
             "please try again.");
}

/* Closes the field, keeping what was typed (keep) as a new or changed line. */
static void S_plan_edit_done(plan_screen *u, bool keep)
{
    if (keep && tend_input_len(u->input) > 0) {
        const char *t = tend_input_text(u->input);
        int i = u->edit_part;
        bool ok = true;
        if (u->edit_line < 0) {
            ok = safety_plan_insert(&u->p, i, u->p.n[i], t);
            if (ok) {
                S_plan_rows(u);
                for (int k = 0; k < u->nrows; k++)
                    if (u->rows[k].part == i && u->rows[k].line == (int)u->p.n[i] - 1)
                        u->sel = k;
            }
        } else {
            char *copy = tend_strdup(t);
            ok = copy != NULL;
            if (ok) {
                tend_wipe_str(u->p.lines[i][u->edit_line]);
                u->p.lines[i][u->edit_line] = copy;
            }
        }
        if (ok)
            S_plan_store(u);
    }
    tend_input_clear(u->input);
    u->editing = false;
    tend_screen_set_keys(&u->base, S_plan_keys, 0);
}

/* Moving, adding, changing and removing lines. */
static bool S_plan_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    (void)app;
    plan_screen *u = FRAME_OF(plan_screen, sc);
    if (k->kind == TK_TIMEOUT || k->kind == TK_RESIZE)
        return true;
    tend_action a = tend_screen_action(sc, k);
    if (u->editing) {
        if (a == TA_CONFIRM)
            S_plan_edit_done(u, true);
        else if (a == TA_BACK)
            S_plan_edit_done(u, false);
        else if (a == TA_CLEAR)
            tend_input_clear(u->input);
        else
            tend_input_key(u->input, k);
        return true;
    }
    const plan_row *r = u->sel >= 0 && u->sel < u->nrows ? &u->rows[u->sel] : NULL;
    if (u->confirm.open) {
        int answer = tend_confirm_key(&u->confirm, a, k);
        if (answer == TEND_CONFIRM_ASKING)
            return true;
        tend_screen_set_keys(&u->base, S_plan_keys, 0);
        if (answer == 1 && r && r->line >= 0) {
            safety_plan_remove(&u->p, r->part, (size_t)r->line);
            S_plan_rows(u);
            S_plan_store(u);
        }
        return true;
    }
    u->msg[0] = '\0';
    if (!u->s->journal)
        return false;
    switch (a) {
    case TA_UP: u->sel = u->sel > 0 ? u->sel - 1 : 0; return true;
    case TA_DOWN: u->sel = u->sel + 1 < u->nrows ? u->sel + 1 : u->sel; return true;
    case TA_ADD:
    case TA_EDIT:
    case TA_SELECT:
        if (!r)
            return true;
        u->editing = true;
        u->edit_part = r->part;
        u->edit_line = a == TA_ADD || r->line < 0 ? -1 : r->line;
        tend_input_set(u->input, u->edit_line < 0 ? "" : u->p.lines[r->part][r->line]);
        tend_screen_set_keys(&u->base, S_plan_keys_text, TEND_SCREEN_TEXT);
        return true;
    case TA_DELETE:
        if (r && r->line >= 0) {
            tend_confirm_open(&u->confirm, "Remove this line from your plan?",
                              u->p.lines[r->part][r->line], S_remove_choices, 2, 0);
            tend_screen_set_keys(&u->base, tend_confirm_keys, 0);
        }
        return true;
    default:
        return false;
    }
}

/* Locking: keeps a line being typed. */
static void S_plan_lock(tend_screen *sc, tend_app *app)
{
    (void)app;
    plan_screen *u = FRAME_OF(plan_screen, sc);
    /* A line being typed is kept: the plan is the person's, and half a
     * line is better than none. */
    if (u->editing)
        S_plan_edit_done(u, true);
}

/* Wipes the plan and the field. */
static void S_plan_fini(tend_screen *sc)
{
    plan_screen *u = FRAME_OF(plan_screen, sc);
    safety_plan_free(&u->p);
    tend_input_free(u->input);
}

/* The field for a line; the plan is read at enter. */
static tend_status S_plan_init(tend_screen *sc, void *arg)
{
    plan_screen *u = FRAME_OF(plan_screen, sc);
    u->s = arg;
    u->input = tend_input_new(PLAN_LINE_MAX, false);
    if (!u->input)
        return TEND_ENOMEM;
    S_plan_rows(u);
    return TEND_OK;
}

/* The first time on top: reads the plan (this screen is the only one that
 * changes it, so later it is its own). */
static void S_plan_enter(tend_screen *sc, tend_app *app, unsigned why)
{
    (void)app;
    plan_screen *u = FRAME_OF(plan_screen, sc);
    if (!(why & TEND_ENTER_PUSHED))
        return;
    safety_plan_load(u->s, &u->p);
    S_plan_rows(u);
}

FRAME_SCREEN(tend_screen_safety_plan, plan_screen, "safety-plan", .init = S_plan_init,
             .fini = S_plan_fini, .enter = S_plan_enter, .draw = S_plan_draw, .key = S_plan_key,
             .lock = S_plan_lock, .keys = S_plan_keys)
