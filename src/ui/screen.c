/*
 * screen.c — a screen's life: the framework allocates it (zeroed) from its
 * class, runs its init and fini, wipes and frees it, and keeps its current
 * keys and flags. When it enters is the stack's business (ui.c).
 */
#include "tend/ui.h"

#include <stdlib.h>

/* Contract in ui.h. */
tend_screen *tend_screen_new(const tend_screen_ops *ops, void *arg)
{
    size_t size = ops->size > sizeof(tend_screen) ? ops->size : sizeof(tend_screen);
    tend_screen *s = calloc(1, size);
    if (!s)
        return NULL;
    s->ops = ops;
    s->keys = ops->keys;
    s->flags = ops->flags;
    if (ops->init && ops->init(s, arg) != TEND_OK) {
        tend_screen_free(s);
        return NULL;
    }
    return s;
}

/* Contract in ui.h. */
void tend_screen_free(tend_screen *s)
{
    if (!s)
        return;
    const tend_screen_ops *ops = s->ops;
    if (ops->fini)
        ops->fini(s);
    /* The struct may hold plaintext inline (titles, typed filters). */
    tend_wipe(s, ops->size > sizeof(tend_screen) ? ops->size : sizeof(tend_screen));
    free(s);
}

/* Contract in ui.h. */
void tend_screen_set_keys(tend_screen *s, const tend_action *keys, unsigned flags)
{
    s->keys = keys;
    s->flags = flags;
}

/* Contract in ui.h. */
void tend_screen_reload(tend_screen *s)
{
    s->pending |= TEND_ENTER_ASKED;
}
