/*
 * safety.c — the safety plan's record (safety_int.h) and the calm answer to
 * a hard check-in.
 *
 * The plan's seven parts, in tend's own words: warning signs; things to do
 * alone; people and places that take the mind off things; people to ask for
 * help; professionals and crisis lines; making surroundings safer; reasons
 * for living. It can be changed at any time, from Support or from the
 * safety answer (the plan screen is safety_plan.c).
 *
 * The safety answer (tend_screen_safety) is what a check-in opens when a
 * safety item was answered above zero: a few calm words, the support lines
 * of the person's region and their plan; Esc goes back to where they were.
 * Never a lock-out, never a wall of text: it scrolls, one block at a time.
 */
#include "safety_int.h"

#include "tend/safety_plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Contract in safety_int.h. */
const char *safety_part_title(int i)
{
    return S_parts[i].title;
}

/* Contract in safety_int.h. */
const char *safety_part_help(int i)
{
    return S_parts[i].help;
}

/* Contract in safety_int.h. */
void safety_plan_free(safety_plan *p)
{
    for (int i = 0; i < PLAN_PARTS; i++) {
        for (size_t k = 0; k < p->n[i]; k++)
            tend_wipe_str(p->lines[i][k]);
        free(p->lines[i]);
        p->lines[i] = NULL;
        p->n[i] = 0;
    }
}

/* Contract in safety_int.h. */
size_t safety_plan_count(const safety_plan *p)
{
    size_t n = 0;
    for (int i = 0; i < PLAN_PARTS; i++)
        n += p->n[i];
    return n;
}

/* Contract in safety_int.h. */
bool safety_plan_insert(safety_plan *p, int i, size_t at, const char *text)
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

/* Contract in safety_int.h. */
void safety_plan_remove(safety_plan *p, int i, size_t at)
{
    tend_wipe_str(p->lines[i][at]);
    memmove(p->lines[i] + at, p->lines[i] + at + 1, (p->n[i] - at - 1) * sizeof *p->lines[i]);
    p->n[i]--;
}

/* Contract in safety_int.h. */
void safety_plan_load(tend_session *s, safety_plan *p)
{
    _Static_assert(PLAN_PARTS == TEND_SAFETY_PLAN_PARTS, "the plan has seven parts");
    safety_plan_free(p);
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

/* Contract in safety_int.h. */
tend_status safety_plan_save(tend_session *s, const safety_plan *p)
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

/* ---- the safety answer ------------------------------------------------------------------ */

#define BLOCKS_MAX 48

/* One block of the answer: a paragraph in a style, indented. */
typedef struct {
    tend_style st;
    int indent;
    const char *text;   /* borrowed (content or text) */
    char *own;          /* or owned (plan lines, wiped) */
} safety_block;

typedef struct {
    tend_screen base;
    tend_session *s;
    safety_block b[BLOCKS_MAX];
    int n;
    int top;
} safety_screen;

static const tend_action S_safety_keys[] = { TA_UP, TA_DOWN, TA_PLAN, TA_NONE };

/* Wipes and forgets the blocks. */
static void S_blocks_free(safety_screen *f)
{
    for (int i = 0; i < f->n; i++)
        tend_wipe_str(f->b[i].own);
    f->n = 0;
}

/* Adds a block of borrowed text, or of own (owned from now on; wiped when
 * there is no room for it). */
static void S_add(safety_screen *f, tend_style st, int indent, const char *text, char *own)
{
    if (f->n >= BLOCKS_MAX) {
        tend_wipe_str(own);
        return;
    }
    f->b[f->n++] = (safety_block){ st, indent, own ? own : text, own };
}

/* The blocks: the words, the region's lines, the plan (read again each
 * time, since it may just have been changed). */
static void S_build(safety_screen *f)
{
    S_blocks_free(f);
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
    safety_plan p;
    memset(&p, 0, sizeof p);
    safety_plan_load(f->s, &p);
    if (safety_plan_count(&p) == 0) {
        S_add(f, ST_DIM, 4, "You have not written one yet. Press p to start it; a few lines are "
              "enough, and it is easier when things are a little calmer.", NULL);
    }
    for (int i = 0; i < PLAN_PARTS; i++) {
        if (p.n[i] == 0)
            continue;
        tend_buf b = TEND_BUF_INIT;
        tend_status st = tend_buf_printf(&b, "%s: ", safety_part_title(i));
        for (size_t k = 0; st == TEND_OK && k < p.n[i]; k++)
            st = tend_buf_printf(&b, "%s%s", k ? "; " : "", p.lines[i][k]);
        if (st == TEND_OK)
            S_add(f, ST_NORMAL, 4, NULL, tend_strdup(b.data));
        tend_buf_free(&b); /* wipes */
    }
    safety_plan_free(&p);
}

/* Builds the blocks whenever the answer comes to the top: the plan may just
 * have been changed. */
static void S_safety_enter(tend_screen *sc, tend_app *app, unsigned why)
{
    (void)app;
    (void)why;
    S_build(FRAME_OF(safety_screen, sc));
}

/* The blocks from the first one scrolled to, and the keys. */
static void S_safety_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    safety_screen *f = FRAME_OF(safety_screen, sc);
    frame_title(app, f->s, "Support");
    int y = 2, bottom = rows - 3;
    if (f->top >= f->n)
        f->top = f->n > 0 ? f->n - 1 : 0;
    for (int i = f->top; i < f->n && y < bottom; i++) {
        const safety_block *b = &f->b[i];
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

/* Scrolls a block at a time; p opens the plan. */
static bool S_safety_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    safety_screen *f = FRAME_OF(safety_screen, sc);
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
        tend_app_push(app, tend_screen_safety_plan(f->s));
        return true;
    default:
        return false;
    }
}

/* Wipes the blocks. */
static void S_safety_fini(tend_screen *sc)
{
    S_blocks_free(FRAME_OF(safety_screen, sc));
}

/* Keeps the session; the blocks are built at enter. */
static tend_status S_safety_init(tend_screen *sc, void *arg)
{
    FRAME_OF(safety_screen, sc)->s = arg;
    return TEND_OK;
}

FRAME_SCREEN(tend_screen_safety, safety_screen, "safety", .init = S_safety_init,
             .fini = S_safety_fini, .enter = S_safety_enter, .draw = S_safety_draw,
             .key = S_safety_key, .keys = S_safety_keys)
