/*
 * prompts.c — every writing prompt, by theme ("Theme · prompt"), with the
 * marked one in full under the list; Enter opens the editor with it, in
 * place of the list (so Esc from the editor goes back to Write).
 */
#include "write_int.h"

typedef struct {
    tend_screen base;
    tend_session *s;
    tend_menu menu;
    frame_labels labels;
    char status[TEND_ERROR_MAX + 32];
} prompts_screen;

static const tend_action S_keys[] = { TA_UP, TA_DOWN, TA_SELECT, TA_NONE };

/* A line above the list, the list, and the marked prompt in full. */
static void S_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    prompts_screen *p = FRAME_OF(prompts_screen, sc);
    frame_title(app, p->s, "Prompts");
    int w = cols - 4, y = 2, bottom = rows - 1;
    y += tend_ui_wrap(app, y, 2, w, bottom - y, p->status[0] ? ST_NOTE : ST_NORMAL,
                      p->status[0] ? p->status : "Choose one to write with, or just read them.");
    y++;
    tend_prompt_ref r;
    int shown = bottom - y - 4;
    if (shown < 1)
        shown = bottom - y;
    tend_menu_draw(&p->menu, app, y, 2, shown, w);
    if (shown < bottom - y && tend_prompt_at(p->s->content, (size_t)p->menu.sel, &r))
        tend_ui_wrap(app, y + shown + 1, 2, w, bottom - y - shown - 1, ST_DIM, r.prompt->text);
}

/* Moves the mark; Enter writes with the marked prompt. */
static bool S_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    prompts_screen *p = FRAME_OF(prompts_screen, sc);
    if (k->kind == TK_TIMEOUT || k->kind == TK_RESIZE)
        return true;
    tend_action a = tend_screen_action(sc, k);
    tend_prompt_ref r;
    if (a == TA_SELECT && tend_prompt_at(p->s->content, (size_t)p->menu.sel, &r)) {
        /* In place of the list: Esc from the editor goes back to Write. */
        write_open_editor(p->s, app, r.prompt->text, NULL, false, true, p->status,
                          sizeof p->status);
        return true;
    }
    return tend_menu_key(&p->menu, a, k);
}

/* Wipes the labels. */
static void S_fini(tend_screen *sc)
{
    frame_labels_free(&FRAME_OF(prompts_screen, sc)->labels);
}

/* The labels of every prompt (from content; the journal is not read). */
static tend_status S_init(tend_screen *sc, void *arg)
{
    prompts_screen *p = FRAME_OF(prompts_screen, sc);
    tend_session *s = arg;
    p->s = s;
    size_t n = s->content ? tend_prompt_count(s->content) : 0;
    for (size_t i = 0; i < n; i++) {
        tend_prompt_ref r;
        if (!tend_prompt_at(s->content, i, &r))
            return TEND_ERR;
        if (frame_labels_add(&p->labels, r.theme->title, " \xc2\xb7 ", r.prompt->text) != TEND_OK)
            return TEND_ENOMEM;
    }
    p->menu = frame_labels_menu(&p->labels, 0);
    return TEND_OK;
}

FRAME_SCREEN(tend_screen_prompts, prompts_screen, "prompts", .init = S_init, .fini = S_fini,
             .draw = S_draw, .key = S_key, .keys = S_keys)
