/*
 * search.h — looking back: full-text search over decrypted records, and the
 * small helpers the History screen needs to show heads grouped by day.
 *
 * Search is case-insensitive and accent-insensitive for Latin letters: both
 * the query and the text are "folded" (tend_fold) before comparing, so
 * "cafe" finds "Café", "CAFE\xcc\x81" and "café", and "strasse" finds
 * "Straße". Results give each matching line as a copy of the ORIGINAL text
 * with the byte ranges to highlight; a range always covers whole characters
 * (a base letter with its combining marks, never half of a multi-byte
 * character), even when the match began or ended inside a character that
 * folds to several letters ("s" in "ß").
 *
 * There is no index: search runs over records as the journal decrypts them,
 * one at a time, and never writes anything. A tend_search keeps its folded
 * copies in buffers it reuses from record to record (no allocation per
 * record unless the record matches) and wipes them after each record and
 * before it frees them.
 *
 * Which text of a record is searched: the title, every tag, the body (an
 * entry's text, a check-in's note), and the check-in fields that hold words
 * a person typed. By default those are the fields whose key is "note" or
 * contains a '.' (typed words of a choose-any option, e.g. "triggers.other"
 * for "something else"); a screen that knows the check-in definition can
 * name any others with tend_search_opts.field_is_text. Fields holding
 * numbers, yes/no or option ids are not searched by default.
 *
 * Ownership: a tend_search is owned by its creator (tend_search_free).
 * Hits and result lists own copies of everything they show, wiped when
 * freed (tend_search_hit_clear, tend_search_results_free).
 * Threads: a tend_search is used from one thread at a time.
 */
#ifndef TEND_SEARCH_H
#define TEND_SEARCH_H

#include "tend/core.h"
#include "tend/journal.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- folding ---------------------------------------------------------------- */

/* Appends the folded form of s[0..len) to out: ASCII letters lower-cased;
 * Latin-1 Supplement and Latin Extended-A letters (and a few others) without
 * their accents and in lower case (é É -> e, ß ẞ -> ss, æ -> ae, ø -> o,
 * þ -> th, œ -> oe, ĳ -> ij); combining marks U+0300..U+036F and variation
 * selectors U+FE00..U+FE0F dropped; basic Greek and Cyrillic capitals
 * lower-cased; every other character copied as it is. Invalid UTF-8 bytes
 * become U+FFFD each, so the result is always valid UTF-8. TEND_ENOMEM
 * leaves out with part of the text appended. */
tend_status tend_fold(const char *s, size_t len, tend_buf *out);

/* ---- a search ---------------------------------------------------------------- */

/* Decides whether the check-in field key holds typed words to search. */
typedef bool (*tend_search_field_fn)(void *ctx, const char *key);

typedef struct {
    tend_search_field_fn field_is_text; /* NULL: key "note" or a key with a '.' */
    void *field_ctx;
    size_t max_lines;                   /* lines kept per record; 0 = all */
} tend_search_opts;

#define TEND_SEARCH_OPTS_INIT { NULL, NULL, 0 }

typedef struct tend_search tend_search;

/* Prepares a search for query (NUL-terminated UTF-8). opts may be NULL
 * (defaults). On success *out is the search (free with tend_search_free).
 * TEND_EINVAL when the query is not valid UTF-8, spans lines (a newline or
 * carriage return), or has nothing left to look for after folding (empty,
 * or only accents); TEND_ENOMEM. */
tend_status tend_search_new(const char *query, const tend_search_opts *opts, tend_search **out,
                            tend_error *err);

/* Wipes the folded query and every buffer, then frees s (NULL allowed). */
void tend_search_free(tend_search *s);

/* A byte range [start, end) of a text. */
typedef struct {
    size_t start, end;
} tend_span;

/* Finds the query in text[0..len) (any bytes; need not be NUL-terminated).
 * *n gets the number of ranges found; the first max of them (ascending,
 * not overlapping, touching ones kept apart) are written to spans (which
 * may be NULL when max is 0). Each range is in text's own bytes and covers
 * whole characters. TEND_ENOMEM with *n = 0. */
tend_status tend_search_spans(tend_search *s, const char *text, size_t len, tend_span *spans,
                              size_t max, size_t *n);

/* Where a matching line was found. */
typedef enum {
    TEND_SEARCH_IN_TITLE,
    TEND_SEARCH_IN_TAG,
    TEND_SEARCH_IN_FIELD,
    TEND_SEARCH_IN_BODY
} tend_search_in;

/* "title", "tag", "field", "body". */
const char *tend_search_in_name(tend_search_in in);

/* One line of a record that matched: a copy of the line (without its
 * newline, nor a carriage return before it) and the ranges to highlight,
 * in bytes of that copy. */
typedef struct {
    tend_search_in in;
    char *key;        /* the field's key for TEND_SEARCH_IN_FIELD, else NULL */
    size_t index;     /* which tag or field (index in the head); 0 otherwise */
    size_t line;      /* 1-based line number within that text */
    char *text;       /* NUL-terminated copy of the line */
    size_t len;
    tend_span *spans; /* ascending, within [0, len) */
    size_t nspans;
} tend_search_line;

/* A record that matched. */
typedef struct {
    tend_head head;                /* a copy of the record's head */
    char id[TEND_UUID_HEX + 1];    /* its short id ("" when not known) */
    tend_search_line *lines;       /* in order: title, tags, fields, body */
    size_t nlines;                 /* may be less than all (opts.max_lines) */
    size_t nmatches;               /* ranges found in all its text */
    size_t lines_room;             /* room of lines (search.c grows it) */
} tend_search_hit;

#define TEND_SEARCH_HIT_INIT { TEND_HEAD_INIT, { 0 }, NULL, 0, 0, 0 }

/* Wipes and frees what hit owns; leaves it as TEND_SEARCH_HIT_INIT. */
void tend_search_hit_clear(tend_search_hit *hit);

/* Searches every text of rec (see the top of this file). *matched says
 * whether anything matched. When it did and hit is not NULL, *hit (which
 * must be empty: TEND_SEARCH_HIT_INIT) gets a copy of the head and the
 * matching lines; hit->id is left empty. Nothing is allocated when rec does
 * not match. TEND_ENOMEM leaves *hit empty and *matched false. */
tend_status tend_search_record(tend_search *s, const tend_record *rec, tend_search_hit *hit,
                               bool *matched, tend_error *err);

/* Every matching record of a journal, newest first. */
typedef struct {
    tend_search_hit *v;
    size_t n, cap;
    size_t ndamaged; /* damaged records skipped (see tend_journal_verify) */
} tend_search_results;

#define TEND_SEARCH_RESULTS_INIT { NULL, 0, 0, 0 }

/* Decrypts every record of j passing f (NULL: entries and check-ins), body
 * included, once each, and collects the matching ones into *out (emptied
 * first) with their short ids. Decrypted records are wiped as soon as they
 * have been searched. On failure *out is empty. */
tend_status tend_search_journal(tend_journal *j, tend_search *s, const tend_filter *f,
                                tend_search_results *out, tend_error *err);

/* Frees every hit and the array; *r is left empty. */
void tend_search_results_free(tend_search_results *r);

/* ---- history helpers ---------------------------------------------------------- */

/* True when h has a field key whose value is value exactly (a chosen
 * option, e.g. key "triggers", value "conflict"): History's trigger
 * filter. */
bool tend_head_has_answer(const tend_head *h, const char *key, const char *value);

/* A run of heads on the same local day (created at its utc_offset). */
typedef struct {
    int64_t day;  /* days since 1970-01-01 (tend_civil_from_days) */
    size_t first; /* index of its first head */
    size_t n;     /* how many heads follow from first */
} tend_day_group;

/* Groups heads[0..n) (as tend_journal_list gives them, newest first) into
 * runs of consecutive heads on the same local day, in order. O(n), no
 * decryption. *groups is a malloc'd array of *ngroups (caller frees with
 * free(); NULL when n is 0). A day can appear twice only when records
 * written in different time zones interleave. TEND_ENOMEM. */
tend_status tend_group_by_day(const tend_head *heads, size_t n, tend_day_group **groups,
                              size_t *ngroups, tend_error *err);

#endif
