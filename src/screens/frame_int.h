/*
 * frame_int.h — shared by the frame's screens in src/screens (not public):
 * small helpers every screen of the frame uses.
 */
#ifndef TEND_FRAME_INT_H
#define TEND_FRAME_INT_H

#include "tend/content.h"
#include "tend/journal.h"
#include "tend/screens.h"

/* A screen struct's first member is its tend_screen; this gets the outer
 * struct back. */
#define FRAME_OF(type, s) ((type *)(void *)(s))

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

#endif
