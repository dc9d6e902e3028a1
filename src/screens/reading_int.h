/*
 * reading_int.h — where a person is in each library page, kept in the
 * encrypted journal as the reading record (include/tend/reading.h says
 * how), so nothing about what someone reads is on disk in plaintext. Used by the Library and Reader screens (and Home may use
 * reading_last for "Continue reading").
 *
 * ANCHOR is a tend_render_line.anchor: the same words at every width.
 * Without an open journal nothing is kept and every page is unread.
 */
#ifndef TEND_READING_INT_H
#define TEND_READING_INT_H

#include "tend/screens.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum { READING_UNREAD = 0, READING_STARTED, READING_DONE } reading_mark;

typedef struct {
    reading_mark mark;
    size_t anchor;
} reading_pos;

/* The saved place of page (a file name, "attachment.md"). UNREAD at 0 when
 * there is none, the journal is locked, or the record cannot be read. */
reading_pos reading_get(tend_session *s, const char *page);

/* Saves pos as the place of page and page as the last one read, in one
 * write of the reading record. A page once READ stays READ. Returns the
 * journal's status (TEND_OK without a journal: nothing to keep). */
tend_status reading_put(tend_session *s, const char *page, reading_pos pos, tend_error *err);

/* Copies the file name of the page read last into out (size n); false when
 * there is none. */
bool reading_last(tend_session *s, char *out, size_t n);

/* Goes up by one on every successful reading_put, so a screen can tell
 * that its copy of the marks is stale. */
unsigned reading_epoch(void);

#endif
