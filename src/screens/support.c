/*
 * support.c — the support lines of the person's region (content/support,
 * laid out with render.h), their own people (stored encrypted as the
 * contacts record; add, change, remove), and the way to the safety plan
 * (p; src/screens/safety.c).
 * Reachable from every screen with the support key; while locked it shows
 * only the region's lines.
 */
#include "frame_int.h"

#include "tend/contacts.h"
#include "tend/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PERSON_MAX 200

typedef struct {
    tend_screen base;
    tend_session *s;
    tend_render_doc *doc;     /* the region's body at doc_width */
    int doc_width;
    int scroll;
    char **people;            /* plaintext, wiped on destroy */
    size_t npeople;
    int sel;                  /* marked person, -1 = none */
    tend_input *input;        /* adding or changing a person */
    int editing;              /* -1 = not, npeople = adding, else index */
    bool confirm_delete;
    char msg[160];
} support;

static const tend_action S_keys[] = {
    TA_UP, TA_DOWN, TA_PGUP, TA_PGDN, TA_NEXT, TA_ADD, TA_EDIT, TA_DELETE, TA_PLAN, TA_NONE
};
static const tend_action S_keys_text[] = { TA_CONFIRM, TA_CLEAR, TA_NONE };

static void S_draw(tend_screen *sc, tend_app *app, int rows, int cols);
static bool S_key(tend_screen *sc, tend_app *app, const tend_key *k);
static void S_destroy(tend_screen *sc);

static const tend_screen_ops S_ops = {
    .name = "support", .draw = S_draw, .key = S_key, .destroy = S_destroy, .keys = S_keys,
};
static const tend_screen_ops S_ops_text = {
    .name = "support", .draw = S_draw, .key = S_key, .destroy = S_destroy,
    .keys = S_keys_text, .flags = TEND_SCREEN_TEXT,
};

static void S_free_people(support *u)
{
    for (size_t i = 0; i < u->npeople; i++)
        tend_wipe_str(u->people[i]);
    free(u->people);
    u->people = NULL;
    u->npeople = 0;
}

/* Reads the person's people from the journal into u (none while locked
 * or when none are stored). */
static void S_load_people(support *u)
{
    S_free_people(u);
    if (!u->s->journal)
        return;
    tend_contacts c;
    if (tend_contacts_load(u->s->journal, &c, NULL) != TEND_OK)
        return;
    u->people = c.people; /* taken over: contacts.h allows it */
    u->npeople = c.npeople;
}

/* Stores u's people as the contacts record (u->people is only read) and
 * says in u->msg whether it worked. */
static tend_status S_save_people(support *u)
{
    tend_contacts c = { u->people, u->npeople, u->npeople };
    tend_error err;
    tend_error_clear(&err);
    tend_status st = tend_contacts_store(u->s->journal, &c, &err);
    snprintf(u->msg, sizeof u->msg, "%s", st == TEND_OK ? "Saved." : "That could not be saved; "
             "please try again.");
    return st;
}

static tend_style S_style(tend_render_style rs)
{
    switch (rs) {
    case TEND_RS_STRONG: return ST_STRONG;
    case TEND_RS_EMPH: return ST_EMPH;
    case TEND_RS_H1: case TEND_RS_H2: case TEND_RS_H3: return ST_H2;
    case TEND_RS_URL: case TEND_RS_MARKER: return ST_DIM;
    default: return ST_NORMAL;
    }
}

/* Draws one content row (index row of the whole page) at screen row y. */
static int S_rows_total(support *u)
{
    return 2 + (int)(u->doc ? u->doc->nlines : 1) + 2 + (int)(u->npeople ? u->npeople : 1) + 3;
}

static void S_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    support *u = FRAME_OF(support, sc);
    frame_title(app, u->s, "Support");
    int w = cols - 4;
    const tend_region *r = frame_region(u->s);
    if (r && (!u->doc || u->doc_width != w)) {
        tend_render_doc_free(u->doc);
        u->doc = NULL;
        if (tend_render_markdown(r->body, r->body_len, (size_t)w, &u->doc, NULL) != TEND_OK)
            u->doc = NULL;
        u->doc_width = w;
    }
    int view = rows - 2 - (u->editing >= 0 ? 2 : 0);
    int total = S_rows_total(u);
    if (u->scroll > total - view)
        u->scroll = total - view;
    if (u->scroll < 0)
        u->scroll = 0;
    int line = 0;
#define ROW() (line++ - u->scroll + 1)
#define VISIBLE(y) ((y) >= 1 && (y) < 1 + view)
    char buf[160];
    int y = ROW();
    if (r) {
        snprintf(buf, sizeof buf, "Support lines: %s (checked %s)", r->name, r->verified);
        if (VISIBLE(y))
            tend_ui_text(app, y, 2, ST_H1, buf, w);
    } else if (VISIBLE(y)) {
        tend_ui_text(app, y, 2, ST_NORMAL, "No support lines are loaded.", w);
    }
    line++;
    for (size_t i = 0; u->doc && i < u->doc->nlines; i++) {
        y = ROW();
        if (!VISIBLE(y))
            continue;
        const tend_render_line *l = &u->doc->lines[i];
        for (size_t j = 0; j < l->nspans; j++) {
            const tend_render_span *sp = &l->spans[j];
            char tmp[512];
            size_t n = sp->len < sizeof tmp - 1 ? sp->len : sizeof tmp - 1;
            memcpy(tmp, l->text + sp->off, n);
            tmp[n] = '\0';
            tend_ui_text(app, y, 2 + (int)sp->col, S_style(sp->style), tmp, 0);
        }
    }
    line++;
    y = ROW();
    if (VISIBLE(y))
        tend_ui_text(app, y, 2, ST_H2, "Your people", w);
    if (!u->s->journal) {
        y = ROW();
        if (VISIBLE(y))
            tend_ui_text(app, y, 2, ST_DIM, "Unlock to see the people you have added.", w);
    } else if (u->npeople == 0) {
        y = ROW();
        if (VISIBLE(y))
            tend_ui_text(app, y, 2, ST_DIM, "People you trust can go here. Press a to add someone.", w);
    }
    for (size_t i = 0; u->s->journal && i < u->npeople; i++) {
        y = ROW();
        if (!VISIBLE(y))
            continue;
        bool sel = (int)i == u->sel;
        tend_ui_text(app, y, 2, sel ? ST_SELECTED : ST_NORMAL, sel ? "> " : "  ", 2);
        tend_ui_text(app, y, 4, sel ? ST_SELECTED : ST_NORMAL, u->people[i], w - 2);
    }
    line++;
    y = ROW();
    if (VISIBLE(y))
        tend_ui_text(app, y, 2, ST_H2, "Your safety plan", w);
    y = ROW();
    if (VISIBLE(y))
        tend_ui_text(app, y, 2, ST_DIM, u->s->journal ? "What helps you through a hard moment, "
                     "in your words. Press p to open it." : "Unlock to see your safety plan.", w);
#undef ROW
#undef VISIBLE
    if (u->editing >= 0) {
        tend_ui_text(app, rows - 3, 2, ST_BOLD,
                     u->editing == (int)u->npeople ? "Add someone (name and how to reach them):"
                                                   : "Change (Enter saves, Esc leaves it):", w);
        tend_input_draw(u->input, app, rows - 2, 2, w, true);
    } else if (u->confirm_delete) {
        tend_ui_text(app, rows - 2, 2, ST_BOLD, "Remove this person? Press d again to remove; "
                     "any other key keeps them.", w);
    } else if (u->msg[0]) {
        tend_ui_text(app, rows - 2, 2, ST_DIM, u->msg, w);
    }
}

static void S_edit_done(support *u, bool save)
{
    if (save && tend_input_len(u->input) > 0) {
        char *copy = tend_strdup(tend_input_text(u->input));
        if (copy) {
            if (u->editing == (int)u->npeople) {
                char **np = realloc(u->people, (u->npeople + 1) * sizeof *np);
                if (np) {
                    u->people = np;
                    u->people[u->npeople++] = copy;
                    u->sel = (int)u->npeople - 1;
                    copy = NULL;
                }
            } else {
                tend_wipe_str(u->people[u->editing]);
                u->people[u->editing] = copy;
                copy = NULL;
            }
            tend_wipe_str(copy);
            S_save_people(u);
        }
    }
    tend_input_clear(u->input);
    u->editing = -1;
    u->base.ops = &S_ops;
}

static bool S_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    (void)app;
    support *u = FRAME_OF(support, sc);
    if (k->kind == TK_TIMEOUT || k->kind == TK_RESIZE)
        return true;
    tend_action a = tend_screen_action(sc, k);
    if (u->editing >= 0) {
        if (a == TA_CONFIRM)
            S_edit_done(u, true);
        else if (a == TA_BACK)
            S_edit_done(u, false);
        else
            tend_input_key(u->input, k);
        return true;
    }
    if (u->confirm_delete) {
        u->confirm_delete = false;
        if (a == TA_DELETE && u->sel >= 0 && u->sel < (int)u->npeople) {
            tend_wipe_str(u->people[u->sel]);
            memmove(u->people + u->sel, u->people + u->sel + 1,
                    (u->npeople - (size_t)u->sel - 1) * sizeof *u->people);
            u->npeople--;
            if (u->sel >= (int)u->npeople)
                u->sel = (int)u->npeople - 1;
            S_save_people(u);
        }
        return true;
    }
    u->msg[0] = '\0';
    switch (a) {
    case TA_UP: u->scroll--; return true;
    case TA_DOWN: u->scroll++; return true;
    case TA_PGUP: u->scroll -= 10; return true;
    case TA_PGDN: u->scroll += 10; return true;
    case TA_NEXT:
        if (u->npeople)
            u->sel = (u->sel + 1) % (int)u->npeople;
        return true;
    case TA_ADD:
    case TA_EDIT:
        if (!u->s->journal)
            return true;
        if (a == TA_EDIT && (u->sel < 0 || u->sel >= (int)u->npeople))
            return true;
        u->editing = a == TA_ADD ? (int)u->npeople : u->sel;
        tend_input_set(u->input, a == TA_ADD ? "" : u->people[u->sel]);
        u->base.ops = &S_ops_text;
        return true;
    case TA_DELETE:
        if (u->s->journal && u->sel >= 0 && u->sel < (int)u->npeople)
            u->confirm_delete = true;
        return true;
    case TA_PLAN:
        if (u->s->journal)
            tend_app_push(app, tend_screen_safety_plan(u->s));
        return true;
    default:
        return false;
    }
}

static void S_destroy(tend_screen *sc)
{
    support *u = FRAME_OF(support, sc);
    tend_render_doc_free(u->doc);
    S_free_people(u);
    tend_input_free(u->input);
    free(u);
}

tend_screen *tend_screen_support(tend_session *s)
{
    support *u = calloc(1, sizeof *u);
    if (!u)
        return NULL;
    u->input = tend_input_new(PERSON_MAX, false);
    if (!u->input) {
        free(u);
        return NULL;
    }
    u->base.ops = &S_ops;
    u->s = s;
    u->editing = -1;
    S_load_people(u);
    u->sel = u->npeople ? 0 : -1;
    return &u->base;
}
