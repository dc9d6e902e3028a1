/*
 * frame_int.h — shared by the frame's screens in src/screens (not public):
 * how a screen is defined, and small helpers every screen of the frame uses
 * (frame.c).
 *
 * A screen is one file: a struct whose first member is a tend_screen and
 * whose second is the session, its ops (init, fini, enter, draw, key,
 * lock), and one FRAME_SCREEN line that defines its class and its public
 * constructor (declared in include/tend/screens.h):
 *
 *     typedef struct { tend_screen base; tend_session *s; ... } home_screen;
 *     FRAME_SCREEN(tend_screen_home, home_screen, "home", .init = S_init,
 *                  .enter = S_enter, .draw = S_draw, .key = S_key, .keys = S_keys)
 *
 * The framework allocates the struct zeroed, calls init with the session,
 * and on the way out calls fini and wipes and frees the struct. A screen
 * whose constructor takes more than the session defines its class with
 * FRAME_SCREEN_OPS and writes a one-line constructor that passes an
 * argument struct to tend_screen_new.
 */
#ifndef TEND_FRAME_INT_H
#define TEND_FRAME_INT_H

#include "tend/content.h"
#include "tend/journal.h"
#include "tend/screens.h"
#include "tend/vec.h"

/* A screen struct's first member is its tend_screen; this gets the outer
 * struct back. */
#define FRAME_OF(type, s) ((type *)(void *)(s))

/* Defines the static class NAME of screen struct TYPE: its name (for the
 * frame's state and the global keys) and the ops given as designated
 * initializers (.init = ..., .draw = ...). */
#define FRAME_SCREEN_OPS(var, type, name_, ...) \
    static const tend_screen_ops var = { .name = name_, .size = sizeof(type), __VA_ARGS__ }

/* Defines the class of screen struct TYPE and its public constructor
 * CTOR(tend_session *), which makes the screen with the session as init's
 * argument (NULL when out of memory or init failed). */
#define FRAME_SCREEN(ctor, type, name_, ...)                   \
    FRAME_SCREEN_OPS(ctor##_ops, type, name_, __VA_ARGS__);    \
    tend_screen *ctor(tend_session *s)                         \
    {                                                          \
        return tend_screen_new(&ctor##_ops, s);                \
    }

/* The title (row 0) every frame screen draws: "tend · NAME" when there is
 * room, with the ui clock's date on the right at 60 columns and more. */
void frame_title(tend_app *app, tend_session *s, const char *name);

/* The region the session shows support lines for: the chosen one, else
 * "intl", else the first loaded; NULL when no content is loaded. */
const tend_region *frame_region(tend_session *s);

/* A plain strength hint for a new passphrase (p, len bytes), never a
 * score: length matters most. "" for an empty one. Static text. Set-up and
 * Settings show the same hint. */
const char *frame_pass_hint(const char *p, size_t len);

/* A menu's labels owned by a screen and wiped when freed (they may hold
 * titles). */
typedef TEND_VEC(char *) frame_labels;

/* Adds the label a + sep + b. TEND_OK or TEND_ENOMEM (nothing added). */
tend_status frame_labels_add(frame_labels *l, const char *a, const char *sep, const char *b);

/* Wipes and frees every label; l is empty and reusable after. */
void frame_labels_free(frame_labels *l);

/* A menu over the labels (marked item sel, kept in range). The menu
 * borrows them: it is valid until the labels change. */
tend_menu frame_labels_menu(const frame_labels *l, int sel);

#endif
