/*
 * entry.h — the words of a written entry (kind 1, "entry"): its title,
 * tags, the reflection prompt it answers and its text, to and from a
 * record, and the one rule for a tags line as the editor takes it. Pure
 * code over records (src/kinds/entry.c): no terminal. The entry draft
 * (draft.h) holds the same words.
 *
 * Storage (docs/FORMAT.md, "Record kinds"): the head's title and tags
 * (tend_head.title/tags), one head field
 *   prompt = the words of the reflection prompt the entry answers (absent
 *            when it answers none)
 * and the text in the body. Fields of keys this build does not know, the
 * flags, the times and unknown encoding tags of a record are kept as they
 * are whenever its words are written again.
 *
 * Ranges: entries come from the editor, `tend add` and import, so the only
 * limits are the encoding's: title, tags, prompt and text are valid UTF-8
 * (C strings: no NUL), a tag is not empty, and a prompt, when there is
 * one, is not empty (tend_entry_validate names the field that is not).
 *
 * Ownership: a tend_entry owns its strings, which are a person's words:
 * they are wiped before they are freed.
 */
#ifndef TEND_ENTRY_H
#define TEND_ENTRY_H

#include "tend/core.h"
#include "tend/journal.h"

#include <stddef.h>
#include <stdint.h>

typedef struct {
    char *title;   /* "" when none; never NULL after init or decode */
    char **tags;   /* ntags tags, each not empty */
    size_t ntags;
    char *prompt;  /* NULL when it answers no prompt */
    char *text;    /* the body, text_len bytes + NUL; NULL: no body at all */
    size_t text_len;
} tend_entry;

/* Makes *e empty: title "", no tags, no prompt, no text. TEND_ENOMEM leaves
 * every member NULL (tend_entry_clear is still safe). */
tend_status tend_entry_init(tend_entry *e);

/* Wipes and frees what e owns; every member is NULL/0 after. */
void tend_entry_clear(tend_entry *e);

/* Each of these replaces one part of e with a copy (s NULL: none; title
 * NULL means ""). TEND_ENOMEM leaves the old part. */
tend_status tend_entry_set_title(tend_entry *e, const char *title);
tend_status tend_entry_set_prompt(tend_entry *e, const char *prompt);
tend_status tend_entry_set_text(tend_entry *e, const char *text, size_t len);

/* Replaces e's tags with those of a tags line as typed in the editor:
 * split at commas, spaces and tabs trimmed at both ends of each, empty
 * ones left out, a tag that repeats exactly kept once. TEND_ENOMEM leaves
 * the old tags. */
tend_status tend_entry_set_tags_line(tend_entry *e, const char *line);

/* Appends e's tags to out as a tags line: joined by ", " (so that
 * tend_entry_set_tags_line gives them back). TEND_ENOMEM. */
tend_status tend_entry_tags_line(const tend_entry *e, tend_buf *out);

/* TEND_OK when e's parts are within the ranges above; otherwise
 * TEND_EINVAL naming the part. */
tend_status tend_entry_validate(const tend_entry *e, tend_error *err);

/* Writes e's words into r (pure): title, tags, the prompt field (set, or
 * removed when e has none) and the body; r's kind becomes entry. Every
 * other part of r (uuid, times, flags, fields of other keys, unknown
 * encoding tags) is left as it is. TEND_EINVAL (validation; r unchanged),
 * TEND_ENOMEM (r may hold part; clear it or write again). */
tend_status tend_entry_encode(const tend_entry *e, tend_record *r, tend_error *err);

/* Reads r's words into *out (overwritten; clear it first if it held
 * some): title, tags, prompt, text, whatever r's kind (a draft holds an
 * entry's words too). TEND_ENOMEM leaves *out cleared. */
tend_status tend_entry_decode(const tend_record *r, tend_entry *out, tend_error *err);

/* The reflection prompt an entry's head records, or NULL. Owned by h. */
const char *tend_entry_prompt(const tend_head *h);

/* Saves e in the journal as the entry *rec. When rec holds no record yet
 * (kind 0: TEND_RECORD_INIT), a new entry is added, created at created
 * (0: now) with the local UTC offset of then, and *rec becomes it (its
 * uuid set); otherwise *rec, an entry read from the journal, gets e's
 * words and is updated in place (uuid, created time, flags and unknown
 * fields kept). On failure the journal is unchanged and a new *rec is left
 * as TEND_RECORD_INIT. */
tend_status tend_entry_save(tend_journal *j, const tend_entry *e, tend_record *rec,
                            int64_t created, tend_error *err);

#endif
