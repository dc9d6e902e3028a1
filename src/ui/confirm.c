/*
 * confirm.c — the one question with choices that every delete and every
 * "leave without saving" asks: the question, what it is about (dim), and a
 * menu of choices with the safe one marked first; Esc gives the choice the
 * owner named as cancel. Calm words are the owner's; the shape is this.
 */
#include "tend/ui.h"

#include <string.h>

const tend_action tend_confirm_keys[] = { TA_UP, TA_DOWN, TA_SELECT, TA_NONE };

static const char *const S_delete_choices[] = { "Keep it", "Delete it for good" };

/* Contract in ui.h. */
void tend_confirm_open(tend_confirm *c, const char *question, const char *detail,
                       const char *const *choices, int n, int cancel)
{
    c->question = question;
    c->detail = detail;
    c->menu = (tend_menu){ choices, n, 0, 0 };
    c->cancel = cancel >= 0 && cancel < n ? cancel : 0;
    c->open = true;
}

/* Contract in ui.h. */
void tend_confirm_delete(tend_confirm *c, const char *question, const char *detail)
{
    tend_confirm_open(c, question, detail, S_delete_choices, 2, 0);
}

/* Contract in ui.h. */
void tend_confirm_draw(tend_confirm *c, tend_app *app, int y, int x, int w, int bottom)
{
    if (!c->open)
        return;
    y += tend_ui_wrap(app, y, x, w, bottom - y, ST_NORMAL, c->question ? c->question : "");
    if (c->detail && c->detail[0] && y < bottom)
        y += tend_ui_wrap(app, y, x, w, bottom - y, ST_DIM, c->detail);
    y++;
    tend_menu_draw(&c->menu, app, y, x, bottom - y, w);
}

/* Contract in ui.h. */
int tend_confirm_key(tend_confirm *c, tend_action a, const tend_key *k)
{
    if (!c->open)
        return c->cancel;
    if (a == TA_BACK) {
        c->open = false;
        return c->cancel;
    }
    if (a == TA_SELECT && c->menu.n > 0) {
        c->open = false;
        return c->menu.sel;
    }
    tend_menu_key(&c->menu, a, k);
    return TEND_CONFIRM_ASKING;
}
