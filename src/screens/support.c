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
    tend_confirm confirm;     /* removing the marked person */
    char msg[160];
} support_screen;

static const tend_action S_keys[] = {
    TA_UP, TA_DOWN, TA_PGUP, TA_PGDN, TA_NEXT, TA_ADD, TA_EDIT, TA_DELETE, TA_PLAN, TA_NONE
};
static const tend_action S_keys_text[] = { TA_CONFIRM, TA_CLEAR, TA_NONE };
static const char *const S_remove_choices[] = { "Keep them", "Remove them" };

/* Wipes and frees the people. */
static void S_free_people(support_screen *u)
{
    for (size_t i = 0; i < u->npeople; i++)
        tend_wipe_str(u->people[i]);
    free(u->people);
    u->people = NULL;
    u->npeople = 0;
}

/* Reads the person's people from the journal into u (none while locked
 * or when none are stored). */
static void S_load_people(support_screen *u)
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
static tend_status S_save_people(support_screen *u)
{
    tend_contacts c = { u->people, u->npeople, u->npeople };
    tend_error err;
    tend_error_clear(&err);
    tend_status st = tend_contacts_store(u->s->journal, &c, &err);
    snprintf(u->msg, sizeof u->msg, "%s", st == TEND_OK ? "Saved." : "That could not be saved; "
             "please try again.");
    return st;
}

/* The ui style of a rendered span. */
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

/* Rows of the whole page: the lines, the people, the plan. */
static int S_rows_total(support_screen *u)
{
    return 2 + (int)(u->doc ? u->doc->nlines : 1) + 2 + (int)(u->npeople ? u->npeople : 1) + 3;
}

/* The region's lines, the person's people, the way to the plan; a person
 * being added or changed in a field at the bottom; or the question before
 * removing one. */
static void S_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    support_screen *u = FRAME_OF(support_screen, sc);
    frame_title(app, u->s, "Support");
    int w = cols - 4;
    if (u->confirm.open) {
        tend_confirm_draw(&u->confirm, app, rows >= 16 ? 2 : 1, 2, w, rows - 1);
        return;
    }
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
    } else if (u->msg[0]) {
        tend_ui_text(app, rows - 2, 2, ST_DIM, u->msg, w);
    }
}

/* Closes the field, keeping what was typed (save) as a new or changed
 * person. */
static void S_edit_done(support_screen *u, bool save)
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
    tend_screen_set_keys(&u->base, S_keys, 0);
}

/* Removes the marked person and saves. */
static void S_remove(support_screen *u)
{
    if (u->sel < 0 || u->sel >= (int)u->npeople)
        return;
    tend_wipe_str(u->people[u->sel]);
    memmove(u->people + u->sel, u->people + u->sel + 1,
            (u->npeople - (size_t)u->sel - 1) * sizeof *u->people);
    u->npeople--;
    if (u->sel >= (int)u->npeople)
        u->sel = (int)u->npeople - 1;
    S_save_people(u);
}

/* Scrolling, Tab through the people, a/e/d to add, change or remove one,
 * p for the plan. */
static bool S_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    support_screen *u = FRAME_OF(support_screen, sc);
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
    if (u->confirm.open) {
        int answer = tend_confirm_key(&u->confirm, a, k);
        if (answer == TEND_CONFIRM_ASKING)
            return true;
        tend_screen_set_keys(&u->base, S_keys, 0);
        if (answer == 1)
            S_remove(u);
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
        tend_screen_set_keys(&u->base, S_keys_text, TEND_SCREEN_TEXT);
        return true;
    case TA_DELETE:
        if (u->s->journal && u->sel >= 0 && u->sel < (int)u->npeople) {
            tend_confirm_open(&u->confirm, "Remove this person from your people?",
                              u->people[u->sel], S_remove_choices, 2, 0);
            tend_screen_set_keys(&u->base, tend_confirm_keys, 0);
        }
        return true;
    case TA_PLAN:
        if (u->s->journal)
            tend_app_push(app, tend_screen_safety_plan(u->s));
        return true;
    default:
        return false;
    }
}

/* Wipes the people and the field, frees the laid-out lines. */
static void S_fini(tend_screen *sc)
{
    support_screen *u = FRAME_OF(support_screen, sc);
    tend_render_doc_free(u->doc);
    S_free_people(u);
    tend_input_free(u->input);
}

/* The field for a person; the people are read at enter. */
static tend_status S_init(tend_screen *sc, void *arg)
{
    support_screen *u = FRAME_OF(support_screen, sc);
    u->s = arg;
    u->editing = -1;
    u->sel = -1;
    u->input = tend_input_new(PERSON_MAX, false);
    return u->input ? TEND_OK : TEND_ENOMEM;
}

/* The first time on top: reads the person's people (this screen is the
 * only one that changes them, so later they are its own). */
static void S_enter(tend_screen *sc, tend_app *app, unsigned why)
{
    (void)app;
    support_screen *u = FRAME_OF(support_screen, sc);
    if (!(why & TEND_ENTER_PUSHED))
        return;
    S_load_people(u);
    u->sel = u->npeople ? 0 : -1;
}

FRAME_SCREEN(tend_screen_support, support_screen, "support", .init = S_init, .fini = S_fini,
             .enter = S_enter, .draw = S_draw, .key = S_key, .keys = S_keys)
