/*
 * looking_int.h — shared by the "looking back" screens (history*.c,
 * record_view.c, insights.c; not public): which check-in definition a
 * record was answered with, the words History shows for a record, day and
 * month names, a highlighted search line, and a scrolling flow of wrapped
 * lines.
 */
#ifndef TEND_LOOKING_INT_H
#define TEND_LOOKING_INT_H

#include "frame_int.h"

#include "tend/search.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The definition check-in head h was answered with: the one its "_def"
 * field names, else "daily", else the first loaded. h may be NULL (then
 * "daily" or the first). NULL when no definition is loaded. Owned by the
 * session's content. */
const tend_checkin_def *looking_def(tend_session *s, const tend_head *h);

/* True when the person's locale (LC_ALL, else LC_CTYPE, else LANG) names
 * UTF-8, so block characters can be drawn; false means plain ASCII. (tend
 * itself always runs in a UTF-8 locale, so this asks the environment.) */
bool looking_unicode(void);

/* "entry", "check-in", or the kind's name. Static text. */
const char *looking_kind_word(uint32_t kind);

/* A one-line summary of a check-in head without judgement, e.g.
 * "distress 4 · 3 feelings · 1 trigger · a note", or "nothing answered".
 * Always NUL-terminated in out[cap]. The caller wipes out when done. */
void looking_checkin_summary(const tend_head *h, char *out, size_t cap);

/* Monday = 0 .. Sunday = 6 of day number day. */
int looking_weekday(int64_t day);
/* "January" .. "December" for m 1..12 (static text); "" otherwise. */
const char *looking_month_name(int m);
/* "Thursday 15 January 2026" (or shorter forms when cap is small). */
void looking_day_title(int64_t day, char *out, size_t cap);

/* Draws text[0..len) on row y from column x, at most w columns, with the
 * ranges spans[0..n) in ST_MATCH and the rest in st. When the first match
 * would fall outside the width the line starts a little before it, after
 * "…". Control characters are drawn as spaces. Nothing is kept. */
void looking_draw_spans(tend_app *app, int y, int x, int w, tend_style st, const char *text,
                        size_t len, const tend_span *spans, size_t n);

/* A column of wrapped paragraphs scrolled by whole rows: paragraphs that
 * begin above top are left out, so scrolling moves by paragraph at most. */
typedef struct {
    tend_app *app;
    int y0, rows;    /* the box: rows y0 .. y0+rows-1 */
    int x, w;
    int top;         /* virtual row shown first */
    int vy;          /* virtual row of the next paragraph (= rows so far) */
} looking_flow;

/* Adds one paragraph (wrapped at the flow's width) in style st, indented
 * by indent columns. */
void looking_flow_add(looking_flow *f, int indent, tend_style st, const char *text);

#endif
