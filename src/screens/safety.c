/*
 * safety.c — the safety plan and the calm answer to a hard check-in.
 *
 * The plan follows the Stanley-Brown structure, in tend's own words: seven
 * parts, each a short list the person writes (warning signs; things to do
 * alone; people and places that take the mind off things; people to ask for
 * help; professionals and crisis lines; making surroundings safer; reasons
 * for living). It is stored encrypted as the safety-plan record (a
 * singleton): one head field per line, keyed by the part's id, in order.
 * It can be changed at any time, from Support or from the safety answer.
 *
 * The safety answer (tend_screen_safety) is what a check-in opens when a
 * safety item was answered above zero: a few calm words, the support lines
 * of the person's region and their plan; Esc goes back to where they were.
 * Never a lock-out, never a wall of text: it scrolls, one block at a time.
 */
#include "frame_int.h"

#include "tend/safety_plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PLAN_PARTS 7
#define PLAN_LINE_MAX 300

static const struct {
    const char *id, *title, *help;
} S_parts[PLAN_PARTS] = {
    { "warning_signs", "Warning signs",
      "Thoughts, feelings or moments that tell you a hard time may be starting." },
    { "on_my_own", "Things I can do on my own",
      "Small things that settle or distract you, with no one else needed." },
    { "distraction", "People and places that take my mind off things",
      "Company or places where you can be around others, without having to talk about it." },
    { "ask_for_help", "People I can ask for help",
      "Who you could tell that you are struggling, and how to reach them." },
    { "professionals", "Professionals and crisis lines",
      "A therapist, a doctor, a crisis line. Your region's lines are also under Support (F2)." },
    { "safer_surroundings", "Making my surroundings safer",
      "Ways to put distance between you and things you could use to hurt yourself." },
    { "reasons", "My reasons for living",
      "People, hopes and things that matter to you, however small." },
};

/* The plan in memory: plaintext lines per part, wiped on free. */
typedef struct {
    char **lines[PLAN_PARTS];
    size_t n[PLAN_PARTS];
} plan;

static void S_plan_free(plan *p)
{
    for (int i = 0; i < PLAN_PARTS; i++) {
        for (size_t k = 0; k < p->n[i]; k++)
            tend_wipe_str(p->lines[i][k]);
        free(p->lines[i]);
        p->lines[i] = NULL;
        p->n[i] = 0;
    }
}

static size_t S_plan_count(const plan *p)
{
    size_t n = 0;
    for (int i = 0; i < PLAN_PARTS; i++)
        n += p->n[i];
    return n;
}

/* Inserts a copy of text as line at of part i. False when out of memory. */
static bool S_plan_insert(plan *p, int i, size_t at, const char *text)
{
    char *copy = tend_strdup(text);
    char **nl = copy ? realloc(p->lines[i], (p->n[i] + 1) * sizeof *nl) : NULL;
    if (!nl) {
        tend_wipe_str(copy);
        return false;
    }
    p->lines[i] = nl;
    memmove(nl + at + 1, nl + at, (p->n[i] - at) * sizeof *nl);
    nl[at] = copy;
    p->n[i]++;
    return true;
}

static void S_plan_remove(plan *p, int i, size_t at)
{
    tend_wipe_str(p->lines[i][at]);
    memmove(p->lines[i] + at, p->lines[i] + at + 1, (p->n[i] - at - 1) * sizeof *p->lines[i]);
    p->n[i]--;
}

/* Reads the stored plan into *p (emptied first; nothing when locked or
 * none is stored). Fields of parts this build does not know stay in the
 * stored record, which a save writes on top of (safety_plan.h). */
static void S_plan_load(tend_session *s, plan *p)
{
    _Static_assert(PLAN_PARTS == TEND_SAFETY_PLAN_PARTS, "the plan has seven parts");
    S_plan_free(p);
    tend_safety_plan sp;
    if (!s->journal || tend_safety_plan_load(s->journal, &sp, NULL) != TEND_OK)
        return;
    for (int i = 0; i < PLAN_PARTS; i++) {
        p->lines[i] = sp.lines[i];
        p->n[i] = sp.nlines[i];
        sp.lines[i] = NULL;
        sp.nlines[i] = sp.cap[i] = 0;
    }
}

/* Stores *p as the journal's safety plan (p is only read). TEND_ERR when
 * locked; the module's or the journal's status otherwise. */
static tend_status S_plan_save(tend_session *s, const plan *p)
{
    if (!s->journal)
        return TEND_ERR;
    tend_safety_plan sp;
    tend_safety_plan_init(&sp);
    for (int i = 0; i < PLAN_PARTS; i++) {
        sp.lines[i] = p->lines[i]; /* borrowed: sp is not cleared */
        sp.nlines[i] = p->n[i];
    }
    return tend_safety_plan_store(s->journal, &sp, NULL);
}

/* ---- the plan screen --------------------------------------------------------------- */

typedef struct {
    int part;
    int line;       /* -1: the part's heading */
} prow;

typedef struct {
    tend_screen base;
    tend_session *s;
    plan p;
    prow rows[PLAN_PARTS * 64 + PLAN_PARTS];
    int nrows;
    int sel;
    int top;
    tend_input *input;
    bool editing;             /* the field at the bottom is open */
    int edit_part, edit_line; /* edit_line -1: adding at the end */
    bool confirm_delete;
    char msg[160];
} planscr;

static const tend_action S_plan_keys[] = { TA_UP, TA_DOWN, TA_ADD, TA_EDIT, TA_SELECT, TA_DELETE,
                                           TA_NONE };
static const tend_action S_plan_keys_text[] = { TA_CONFIRM, TA_CLEAR, TA_NONE };

static void S_plan_draw(tend_screen *sc, tend_app *app, int rows, int cols);
static bool S_plan_key(tend_screen *sc, tend_app *app, const tend_key *k);
static void S_plan_destroy(tend_screen *sc);
static void S_plan_lock(tend_screen *sc, tend_app *app);

static const tend_screen_ops S_plan_ops = {
    .name = "safety-plan", .draw = S_plan_draw, .key = S_plan_key, .destroy = S_plan_destroy,
    .lock = S_plan_lock, .keys = S_plan_keys,
};
static const tend_screen_ops S_plan_ops_text = {
    .name = "safety-plan", .draw = S_plan_draw, .key = S_plan_key, .destroy = S_plan_destroy,
    .lock = S_plan_lock, .keys = S_plan_keys_text, .flags = TEND_SCREEN_TEXT,
};

static void S_plan_rows(planscr *u)
{
    u->nrows = 0;
    for (int i = 0; i < PLAN_PARTS; i++) {
        u->rows[u->nrows++] = (prow){ i, -1 };
        for (size_t k = 0; k < u->p.n[i] && k < 64; k++)
            u->rows[u->nrows++] = (prow){ i, (int)k };
    }
    if (u->sel >= u->nrows)
        u->sel = u->nrows - 1;
}

static void S_plan_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    planscr *u = FRAME_OF(planscr, sc);
    frame_title(app, u->s, "Safety plan");
    int w = cols - 4;
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
        const prow *r = &u->rows[i];
        bool sel = i == u->sel;
        tend_style st = sel ? ST_SELECTED : ST_NORMAL;
        tend_ui_text(app, y, 2, st, sel ? "> " : "  ", 2);
        if (r->line < 0) {
            char head[128];
            snprintf(head, sizeof head, "%d. %s", r->part + 1, S_parts[r->part].title);
            tend_ui_text(app, y, 4, sel ? ST_SELECTED : ST_H2, head, w - 2);
            if (u->p.n[r->part] == 0)
                tend_ui_text(app, y + 0, 4 + (int)strlen(head) + 2, ST_DIM, "(empty)", 0);
        } else {
            tend_ui_text(app, y, 6, st, u->p.lines[r->part][r->line], w - 4);
        }
    }
    const prow *r = u->sel >= 0 && u->sel < u->nrows ? &u->rows[u->sel] : NULL;
    if (u->editing) {
        tend_ui_text(app, rows - 3, 2, ST_BOLD, u->edit_line < 0 ? "Add a line (Enter keeps it, Esc "
                     "leaves it):" : "Change (Enter keeps it, Esc leaves it as it was):", w);
        tend_input_draw(u->input, app, rows - 2, 2, w, true);
    } else if (u->confirm_delete) {
        tend_ui_text(app, rows - 2, 2, ST_BOLD, "Remove this line? Press d again to remove; any "
                     "other key keeps it.", w);
    } else {
        if (r)
            tend_ui_text(app, rows - 3, 2, ST_DIM, S_parts[r->part].help, w);
        tend_ui_text(app, rows - 2, 2, ST_DIM, u->msg[0] ? u->msg
                     : "a adds a line \xc2\xb7 e or Enter changes it \xc2\xb7 d removes it", w);
    }
}

static void S_plan_store(planscr *u)
{
    tend_status st = S_plan_save(u->s, &u->p);
    snprintf(u->msg, sizeof u->msg, "%s", st == TEND_OK ? "Saved." : "That could not be saved; "
             "please try again.");
}

static void S_plan_edit_done(planscr *u, bool keep)
{
    if (keep && tend_input_len(u->input) > 0) {
        const char *t = tend_input_text(u->input);
        int i = u->edit_part;
        bool ok = true;
        if (u->edit_line < 0) {
            ok = S_plan_insert(&u->p, i, u->p.n[i], t);
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
    u->base.ops = &S_plan_ops;
}

static bool S_plan_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    (void)app;
    planscr *u = FRAME_OF(planscr, sc);
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
    const prow *r = u->sel >= 0 && u->sel < u->nrows ? &u->rows[u->sel] : NULL;
    if (u->confirm_delete) {
        u->confirm_delete = false;
        if (a == TA_DELETE && r && r->line >= 0) {
            S_plan_remove(&u->p, r->part, (size_t)r->line);
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
        u->base.ops = &S_plan_ops_text;
        return true;
    case TA_DELETE:
        if (r && r->line >= 0)
            u->confirm_delete = true;
        return true;
    default:
        return false;
    }
}

static void S_plan_lock(tend_screen *sc, tend_app *app)
{
    (void)app;
    planscr *u = FRAME_OF(planscr, sc);
    /* A line being typed is kept: the plan is the person's, and half a
     * line is better than none. */
    if (u->editing)
        S_plan_edit_done(u, true);
}

static void S_plan_destroy(tend_screen *sc)
{
    planscr *u = FRAME_OF(planscr, sc);
    S_plan_free(&u->p);
    tend_input_free(u->input);
    free(u);
}

tend_screen *tend_screen_safety_plan(tend_session *s)
{
    planscr *u = calloc(1, sizeof *u);
    if (!u)
        return NULL;
    u->input = tend_input_new(PLAN_LINE_MAX, false);
    if (!u->input) {
        free(u);
        return NULL;
    }
    u->base.ops = &S_plan_ops;
    u->s = s;
    S_plan_load(s, &u->p);
    S_plan_rows(u);
    return &u->base;
}

/* ---- the safety answer ------------------------------------------------------------------ */

#define BLOCKS_MAX 48

typedef struct {
    tend_style st;
    int indent;
    const char *text;   /* borrowed (content or text) */
    char *own;          /* or owned (plan lines, wiped) */
} block;

typedef struct {
    tend_screen base;
    tend_session *s;
    block b[BLOCKS_MAX];
    int n;
    int top;
    bool built;
} safety;

static const tend_action S_safety_keys[] = { TA_UP, TA_DOWN, TA_PLAN, TA_NONE };

static void S_safety_draw(tend_screen *sc, tend_app *app, int rows, int cols);
static bool S_safety_key(tend_screen *sc, tend_app *app, const tend_key *k);
static void S_safety_destroy(tend_screen *sc);

static const tend_screen_ops S_safety_ops = {
    .name = "safety", .draw = S_safety_draw, .key = S_safety_key, .destroy = S_safety_destroy,
    .keys = S_safety_keys,
};

static void S_blocks_free(safety *f)
{
    for (int i = 0; i < f->n; i++)
        tend_wipe_str(f->b[i].own);
    f->n = 0;
    f->built = false;
}

static void S_add(safety *f, tend_style st, int indent, const char *text, char *own)
{
    if (f->n >= BLOCKS_MAX) {
        tend_wipe_str(own);
        return;
    }
    f->b[f->n++] = (block){ st, indent, own ? own : text, own };
}

/* The blocks: the words, the region's lines, the plan (read again each
 * time, since it may just have been changed). */
static void S_build(safety *f)
{
    S_blocks_free(f);
    f->built = true;
    S_add(f, ST_H1, 2, "Thank you for saying how things are.", NULL);
    S_add(f, ST_NORMAL, 2, "You do not have to carry this alone. Reaching a person now can help, "
          "and these lines are there for exactly this. If you are in danger right now, call "
          "your local emergency number.", NULL);
    const tend_region *r = frame_region(f->s);
    if (r) {
        tend_buf b = TEND_BUF_INIT;
        if (tend_buf_printf(&b, "Support lines: %s", r->name) == TEND_OK)
            S_add(f, ST_H2, 2, NULL, tend_strdup(b.data));
        tend_buf_free(&b);
        for (size_t i = 0; i < r->nservices && i < 12; i++)
            S_add(f, ST_NORMAL, 4, r->services[i].text, NULL);
    } else {
        S_add(f, ST_NORMAL, 2, "No support lines are loaded. If you are in danger, contact your "
              "local emergency number.", NULL);
    }
    S_add(f, ST_H2, 2, "Your safety plan", NULL);
    plan p;
    memset(&p, 0, sizeof p);
    S_plan_load(f->s, &p);
    if (S_plan_count(&p) == 0) {
        S_add(f, ST_DIM, 4, "You have not written one yet. Press p to start it; a few lines are "
              "enough, and it is easier when things are a little calmer.", NULL);
    }
    for (int i = 0; i < PLAN_PARTS; i++) {
        if (p.n[i] == 0)
            continue;
        tend_buf b = TEND_BUF_INIT;
        tend_status st = tend_buf_printf(&b, "%s: ", S_parts[i].title);
        for (size_t k = 0; st == TEND_OK && k < p.n[i]; k++)
            st = tend_buf_printf(&b, "%s%s", k ? "; " : "", p.lines[i][k]);
        if (st == TEND_OK)
            S_add(f, ST_NORMAL, 4, NULL, tend_strdup(b.data));
        tend_buf_free(&b); /* wipes */
    }
    S_plan_free(&p);
}

static void S_safety_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    safety *f = FRAME_OF(safety, sc);
    if (!f->built)
        S_build(f);
    frame_title(app, f->s, "Support");
    int y = 2, bottom = rows - 3;
    if (f->top >= f->n)
        f->top = f->n > 0 ? f->n - 1 : 0;
    for (int i = f->top; i < f->n && y < bottom; i++) {
        const block *b = &f->b[i];
        if (b->st == ST_H2 && i > f->top)
            y++;
        if (y >= bottom)
            break;
        y += tend_ui_wrap(app, y, b->indent, cols - b->indent - 2, bottom - y, b->st,
                          b->text ? b->text : "");
    }
    tend_ui_text(app, rows - 2, 2, ST_DIM,
                 f->top + 1 < f->n ? "p your safety plan \xc2\xb7 \xe2\x86\x93 more \xc2\xb7 Esc back"
                                   : "p your safety plan \xc2\xb7 Esc back", cols - 4);
}

static bool S_safety_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    safety *f = FRAME_OF(safety, sc);
    if (k->kind == TK_TIMEOUT || k->kind == TK_RESIZE)
        return true;
    switch (tend_screen_action(sc, k)) {
    case TA_UP:
        if (f->top > 0)
            f->top--;
        return true;
    case TA_DOWN:
        if (f->top + 1 < f->n)
            f->top++;
        return true;
    case TA_PLAN:
        f->built = false; /* read the plan again when it comes back */
        S_blocks_free(f);
        tend_app_push(app, tend_screen_safety_plan(f->s));
        return true;
    default:
        return false;
    }
}

static void S_safety_destroy(tend_screen *sc)
{
    safety *f = FRAME_OF(safety, sc);
    S_blocks_free(f);
    free(f);
}

tend_screen *tend_screen_safety(tend_session *s)
{
    safety *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->base.ops = &S_safety_ops;
    f->s = s;
    return &f->base;
}
