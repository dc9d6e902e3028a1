/*
 * setup.c — first run: what is stored and where (one screen), a passphrase
 * typed twice with a plain strength hint, the region for support lines,
 * and how strong the lock is (the default chosen). Esc goes back a step;
 * on the first step it leaves without creating anything.
 */
#include "frame_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PASS_MAX 1024

enum { STEP_INTRO, STEP_PASS, STEP_REGION, STEP_KDF, STEP_COUNT };

typedef struct {
    tend_screen base;
    tend_session *s;
    int step;
    tend_input *pass[2];
    int focus;                 /* which passphrase field */
    char msg[TEND_ERROR_MAX];
    tend_menu regions;
    const char **region_items; /* labels, owned */
    char (*region_labels)[96];
    int nregions;
    tend_menu kdf;
    bool busy;
} setup_screen;

static const char *const S_kdf_items[] = {
    "Standard (recommended): unlocking takes about a second",
    "Lighter: quicker to unlock, for older computers",
    "Stronger: slower to unlock, needs 1 GB of memory",
};
static const tend_journal_kdf S_kdf_values[] = {
    TEND_JOURNAL_KDF_MODERATE, TEND_JOURNAL_KDF_INTERACTIVE, TEND_JOURNAL_KDF_SENSITIVE,
};

/* q leaves from the steps without a text field (nothing is made until the
 * last step). */
static const tend_action S_keys_menu[] = { TA_UP, TA_DOWN, TA_CONFIRM, TA_QUIT, TA_NONE };
static const tend_action S_keys_text[] = { TA_NEXT, TA_PREV, TA_CONFIRM, TA_CLEAR, TA_NONE };

/* Goes to step (the passphrase step types text; the others are menus). */
static void S_go(setup_screen *u, int step)
{
    u->step = step;
    u->msg[0] = '\0';
    if (step == STEP_PASS)
        tend_screen_set_keys(&u->base, S_keys_text, TEND_SCREEN_TEXT);
    else
        tend_screen_set_keys(&u->base, S_keys_menu, 0);
}

/* The step as the title counts it (1 of 4 ...). */
static int S_step_number(int step)
{
    return step + 1;
}

/* The step's words, fields or menu. */
static void S_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    setup_screen *u = FRAME_OF(setup_screen, sc);
    char title[64];
    snprintf(title, sizeof title, "Getting ready (%d of %d)", S_step_number(u->step), STEP_COUNT);
    frame_title(app, u->s, title);
    int w = cols - 4, y = 2, bottom = rows - 1;
    switch (u->step) {
    case STEP_INTRO:
        y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_TITLE, "Before you begin");
        y++;
        y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_NORMAL,
                          "tend keeps everything you write in one file on this computer:");
        y += tend_ui_wrap(app, y, 4, w - 2, bottom - y, ST_DIM, u->s->journal_path);
        y++;
        y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_NORMAL,
                          "It is encrypted with a passphrase you choose next. Nothing leaves "
                          "this computer: no account, no cloud, no network.");
        y++;
        y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_NORMAL,
                          "If the passphrase is forgotten, nobody can open the journal again, "
                          "and there is no way to reset it.");
        y++;
        tend_ui_wrap(app, y, 2, w, bottom - y, ST_DIM,
                     "Enter to go on. Esc or q leaves; nothing has been made yet.");
        break;
    case STEP_PASS: {
        y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_TITLE, "Choose a passphrase");
        y++;
        static const char *const labels[2] = { "Passphrase", "Once more" };
        int fx = 14, fw = cols - fx - 2;
        if (fw > 40)
            fw = 40;
        for (int i = 0; i < 2; i++) {
            tend_ui_text(app, y, 2, ST_BOLD, labels[i], 0);
            tend_input_draw(u->pass[i], app, y, fx, fw, !u->busy && u->focus == i);
            y += 2;
        }
        const char *hint = frame_pass_hint(tend_input_text(u->pass[0]),
                                           tend_input_len(u->pass[0]));
        if (*hint)
            y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_DIM, hint);
        y++;
        if (u->busy)
            tend_ui_wrap(app, y, 2, w, bottom - y, ST_DIM, "Making your journal\xe2\x80\xa6");
        else if (u->msg[0])
            tend_ui_wrap(app, y, 2, w, bottom - y, ST_NORMAL, u->msg);
        break;
    }
    case STEP_REGION:
        y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_TITLE, "Support lines");
        y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_NORMAL,
                          "Which region's support lines should tend show? You can change "
                          "this later.");
        y++;
        tend_menu_draw(&u->regions, app, y, 2, bottom - y, w);
        break;
    case STEP_KDF:
        y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_TITLE, "How strong a lock");
        y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_NORMAL,
                          "A stronger lock is slower for anyone guessing, and for you when "
                          "unlocking.");
        y++;
        tend_menu_draw(&u->kdf, app, y, 2, bottom - y - 2, w);
        if (u->busy)
            tend_ui_text(app, bottom - 1, 2, ST_DIM, "Making your journal\xe2\x80\xa6", w);
        else if (u->msg[0])
            tend_ui_wrap(app, bottom - 2, 2, w, 2, ST_NORMAL, u->msg);
        break;
    }
}

/* Enter on the passphrase step: on to the second field, then the two must
 * match before the next step. */
static void S_pass_confirm(setup_screen *u)
{
    if (u->focus == 0) {
        if (tend_input_len(u->pass[0]) == 0) {
            snprintf(u->msg, sizeof u->msg,
                     "A passphrase is the one thing tend needs. Please type one.");
            return;
        }
        u->focus = 1;
        u->msg[0] = '\0';
        return;
    }
    if (tend_input_len(u->pass[0]) != tend_input_len(u->pass[1])
        || memcmp(tend_input_text(u->pass[0]), tend_input_text(u->pass[1]),
                  tend_input_len(u->pass[0])) != 0) {
        tend_input_clear(u->pass[1]);
        snprintf(u->msg, sizeof u->msg,
                 "The two do not match yet. Please type it once more.");
        return;
    }
    S_go(u, STEP_REGION);
}

/* Makes the journal; on success Home replaces this screen, else the
 * message says why. */
static void S_create(setup_screen *u, tend_app *app)
{
    tend_journal_kdf kdf = S_kdf_values[u->kdf.sel];
#ifdef TEND_TEST_BUILD
    /* Tests ask for the fastest (test-only) level to keep runs quick. */
    const char *t = getenv("TEND_TEST_KDF");
    if (t && strcmp(t, "min") == 0)
        kdf = TEND_JOURNAL_KDF_MIN;
#endif
    u->busy = true;
    tend_app_redraw(app);
    tend_error err;
    tend_error_clear(&err);
    tend_status st = tend_session_create(u->s, tend_input_text(u->pass[0]),
                                         tend_input_len(u->pass[0]), (int)kdf, &err);
    u->busy = false;
    if (st != TEND_OK) {
        snprintf(u->msg, sizeof u->msg, "%s", err.msg[0] ? err.msg : tend_status_name(st));
        return;
    }
    tend_session_home(u->s); /* this screen is gone */
}

/* Keys of the step; Esc goes back a step (from the first, leaves). */
static bool S_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    setup_screen *u = FRAME_OF(setup_screen, sc);
    if (k->kind == TK_TIMEOUT || k->kind == TK_RESIZE)
        return true;
    tend_action a = tend_screen_action(sc, k);
    if (a == TA_QUIT && u->step != STEP_PASS) {
        tend_app_quit(app);
        return true;
    }
    if (a == TA_BACK) {
        if (u->step == STEP_PASS && u->focus == 1) {
            u->focus = 0;
            return true;
        }
        if (u->step == STEP_INTRO)
            return false; /* leaves tend; nothing was made */
        S_go(u, u->step - 1);
        return true;
    }
    switch (u->step) {
    case STEP_INTRO:
        if (a == TA_CONFIRM)
            S_go(u, STEP_PASS);
        return true;
    case STEP_PASS:
        if (a == TA_CONFIRM) {
            S_pass_confirm(u);
        } else if (a == TA_NEXT || a == TA_PREV) {
            u->focus = !u->focus;
        } else if (tend_input_key(u->pass[u->focus], k)) {
            u->msg[0] = '\0';
        }
        return true;
    case STEP_REGION:
        if (a == TA_CONFIRM) {
            int i = u->regions.sel;
            if (i < u->nregions && u->s->content)
                snprintf(u->s->region, sizeof u->s->region, "%s",
                         tend_content_region(u->s->content, (size_t)i)->region);
            else
                u->s->region[0] = '\0';
            S_go(u, STEP_KDF);
            return true;
        }
        tend_menu_key(&u->regions, a, k);
        return true;
    case STEP_KDF:
        if (a == TA_CONFIRM) {
            S_create(u, app);
            return true;
        }
        tend_menu_key(&u->kdf, a, k);
        return true;
    }
    return true;
}

/* Wipes the passphrase fields and frees the region labels. */
static void S_fini(tend_screen *sc)
{
    setup_screen *u = FRAME_OF(setup_screen, sc);
    tend_input_free(u->pass[0]);
    tend_input_free(u->pass[1]);
    free(u->region_items);
    free(u->region_labels);
}

/* The fields, the region menu (from content: intl marked, else "Skip for
 * now") and the lock strengths. */
static tend_status S_init(tend_screen *sc, void *arg)
{
    setup_screen *u = FRAME_OF(setup_screen, sc);
    tend_session *s = arg;
    u->s = s;
    u->pass[0] = tend_input_new(PASS_MAX, true);
    u->pass[1] = tend_input_new(PASS_MAX, true);
    int n = s->content ? (int)tend_content_region_count(s->content) : 0;
    u->region_items = calloc((size_t)n + 1, sizeof *u->region_items);
    u->region_labels = calloc((size_t)n + 1, sizeof *u->region_labels);
    if (!u->pass[0] || !u->pass[1] || !u->region_items || !u->region_labels)
        return TEND_ENOMEM;
    int def = n; /* "Skip for now" unless intl is there */
    for (int i = 0; i < n; i++) {
        const tend_region *r = tend_content_region(s->content, (size_t)i);
        snprintf(u->region_labels[i], sizeof u->region_labels[i], "%s", r->name);
        u->region_items[i] = u->region_labels[i];
        if (strcmp(r->region, "intl") == 0)
            def = i;
    }
    u->region_items[n] = "Skip for now";
    u->nregions = n;
    u->regions = (tend_menu){ u->region_items, n + 1, def, 0 };
    u->kdf = (tend_menu){ S_kdf_items, 3, 0, 0 };
    S_go(u, STEP_INTRO);
    return TEND_OK;
}

FRAME_SCREEN(tend_screen_setup, setup_screen, "setup", .init = S_init, .fini = S_fini,
             .draw = S_draw, .key = S_key, .keys = S_keys_menu)
