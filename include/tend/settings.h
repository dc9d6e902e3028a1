/*
 * settings.h — the person's settings (kind 5, "settings", at most one per
 * journal): the region of the support lines, the auto-lock time and
 * colours. Pure code over records (src/kinds/settings.c): no terminal;
 * load and store go through the journal's singleton calls.
 *
 * Storage (docs/FORMAT.md, "Record kinds"): head fields
 *   region   = "" (not chosen) or a region id of content/support: lower-case
 *              letters and digits in words joined by '-', at most
 *              TEND_SETTINGS_REGION_MAX bytes ("uk-ie")
 *   autolock = whole minutes without a key before tend locks itself, in
 *              decimal digits, TEND_SETTINGS_AUTOLOCK_MIN to _MAX (1..60;
 *              the Settings screen offers 1, 2, 3, 5, 10, 15, 20, 30, 45
 *              and 60). There is no "never".
 *   color    = "on" or "off"
 * written in that order, then every field whose key this build does not
 * know, unchanged. No title, tags or body; whatever a stored record has of
 * them (and of unknown encoding tags) is kept when it is stored again.
 *
 * Values out of range, by call:
 * - tend_settings_decode (loading, for the screens) never refuses a value:
 *   a field that is missing, or whose value is malformed or out of range,
 *   leaves that member of *out as it was (the default after
 *   tend_settings_init), so a bad record can never take away auto-lock or
 *   the support lines.
 * - tend_settings_check (import) refuses such a record with TEND_EINVAL
 *   naming the field and its allowed range, and so does
 *   tend_settings_validate for a struct (encode and store call it).
 * Error messages never repeat a field's value (it may hold terminal
 * escapes from an import file).
 *
 * Ownership: a tend_settings is plain values and owns no memory.
 */
#ifndef TEND_SETTINGS_H
#define TEND_SETTINGS_H

#include "tend/content.h"
#include "tend/core.h"
#include "tend/journal.h"

#include <stdbool.h>

#define TEND_SETTINGS_REGION_MAX 31
#define TEND_SETTINGS_AUTOLOCK_MIN 1
#define TEND_SETTINGS_AUTOLOCK_MAX 60
#define TEND_SETTINGS_AUTOLOCK_DEFAULT 5

typedef struct {
    char region[TEND_SETTINGS_REGION_MAX + 1]; /* "" = not chosen */
    int autolock_min;                          /* 1..60 */
    bool color;                                /* colours on */
} tend_settings;

/* Sets *s to the defaults: no region chosen, auto-lock after 5 minutes,
 * colours on. */
void tend_settings_init(tend_settings *s);

/* TEND_OK when every member of s is in range; otherwise TEND_EINVAL with a
 * message naming the field and its allowed range. With content (may be
 * NULL), a region must also be one that content has loaded. */
tend_status tend_settings_validate(const tend_settings *s, const tend_content *content,
                                   tend_error *err);

/* Writes s into r (pure): r's kind becomes settings and its fields become
 * region, autolock and color followed by r's fields of keys this build
 * does not know, in their order; the rest of r (uuid, times, title, tags,
 * flags, body, unknown encoding tags) is left as it is. r may be
 * TEND_RECORD_INIT for a new record. s is validated first (content not
 * known here): TEND_EINVAL leaves r unchanged. TEND_ENOMEM: r may hold part
 * of the fields; clear it. */
tend_status tend_settings_encode(const tend_settings *s, tend_record *r, tend_error *err);

/* Reads r's fields over *out (pure; see "Values out of range" above: a
 * missing or bad field leaves that member as it was, so initialise *out
 * first). TEND_EINVAL only when r is not a settings record (*out
 * unchanged). */
tend_status tend_settings_decode(const tend_record *r, tend_settings *out, tend_error *err);

/* The strict reading, for import: TEND_OK when r is a settings record
 * whose every known field is present at most once and in range (with
 * content, may be NULL, the region must be one it has loaded); otherwise
 * TEND_EINVAL naming the field and its allowed range. Missing fields are
 * allowed (the defaults apply). */
tend_status tend_settings_check(const tend_record *r, const tend_content *content,
                                tend_error *err);

/* Reads the journal's settings over *out (initialise it first) as
 * tend_settings_decode. TEND_ENOTFOUND when none are stored (*out
 * unchanged); the journal's status when the record cannot be read. */
tend_status tend_settings_load(tend_journal *j, tend_settings *out, tend_error *err);

/* Validates s (TEND_EINVAL, nothing written) and stores it as the
 * journal's one settings record, on top of the stored one so that its
 * unknown fields and the rest of it are kept. One transaction. */
tend_status tend_settings_store(tend_journal *j, const tend_settings *s, tend_error *err);

#endif
