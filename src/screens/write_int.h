/*
 * write_int.h — shared by the writing screens (not public): the editor
 * (write.c) and the screens that lead to it (write_menu.c: the Write menu
 * and the timed-session introduction; prompts.c: the prompt list;
 * entries.c: the entry list; record_view.c: one entry's page).
 */
#ifndef TEND_WRITE_INT_H
#define TEND_WRITE_INT_H

#include "frame_int.h"

/* Minutes of a timed writing session (on the ui clock). */
#define WRITE_TIMED_MINUTES 15

/* A new editor. prompt (copied; NULL = none) is shown above the text.
 * entry: the entry to edit (its text is loaded), or NULL for a new one.
 * timed: a 15-minute session. NULL when out of memory or the entry could
 * not be read (a message is then in *why, a static string). */
tend_screen *write_editor_new(tend_session *s, const char *prompt, const tend_uuid *entry,
                              bool timed, const char **why);

/* An editor holding the unfinished entry kept as a draft, or NULL when
 * there is none (or it could not be read). */
tend_screen *write_editor_from_draft(tend_session *s);

/* True when the journal holds an unfinished entry (a draft of an entry). */
bool write_draft_exists(tend_session *s);

/* Opens the editor (write_editor_new's arguments) on top of the current
 * screen, or in its place when replace. When it cannot be opened, the
 * reason goes into status (cap bytes; may be NULL) and nothing changes. */
void write_open_editor(tend_session *s, tend_app *app, const char *prompt, const tend_uuid *entry,
                       bool timed, bool replace, char *status, size_t cap);

#endif
