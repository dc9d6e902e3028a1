/*
 * reading.c — reading positions in the encrypted journal (reading_int.h).
 */
#include "reading_int.h"

#include "tend/journal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned S_epoch;

unsigned reading_epoch(void)
{
    return S_epoch;
}

/* Loads the reading record into *r; false (and *r empty) when there is
 * none or it cannot be read. */
static bool S_load(tend_session *s, tend_record *r)
{
    if (!s->journal)
        return false;
    if (tend_journal_singleton_get(s->journal, TEND_KIND_READING, r, NULL) != TEND_OK) {
        tend_record_clear(r);
        return false;
    }
    return true;
}

static reading_pos S_parse(const char *v)
{
    reading_pos p = { READING_UNREAD, 0 };
    if (!v)
        return p;
    char *end;
    unsigned long long a = strtoull(v, &end, 10);
    if (end == v)
        return p;
    p.anchor = (size_t)a;
    p.mark = strcmp(end, " read") == 0 ? READING_DONE : READING_STARTED;
    return p;
}

reading_pos reading_get(tend_session *s, const char *page)
{
    tend_record r = TEND_RECORD_INIT;
    reading_pos p = { READING_UNREAD, 0 };
    if (S_load(s, &r))
        p = S_parse(tend_head_field(&r.head, page));
    tend_record_clear(&r);
    return p;
}

tend_status reading_put(tend_session *s, const char *page, reading_pos pos, tend_error *err)
{
    if (!s->journal)
        return TEND_OK;
    tend_record r = TEND_RECORD_INIT;
    int64_t now = s->app ? tend_app_time(s->app) : 0;
    if (!S_load(s, &r)) {
        r.head.kind = TEND_KIND_READING;
        r.head.created = now;
    }
    r.head.updated = now;
    if (S_parse(tend_head_field(&r.head, page)).mark == READING_DONE)
        pos.mark = READING_DONE;
    char v[48];
    snprintf(v, sizeof v, "%zu %s", pos.anchor, pos.mark == READING_DONE ? "read" : "reading");
    tend_status st = tend_head_set_field(&r.head, page, v);
    if (st == TEND_OK)
        st = tend_head_set_field(&r.head, "last", page);
    if (st == TEND_OK)
        st = tend_journal_singleton_put(s->journal, &r, err);
    else
        tend_fail(err, st, "out of memory while keeping your place; it was not saved.");
    tend_record_clear(&r);
    if (st == TEND_OK)
        S_epoch++;
    return st;
}

bool reading_last(tend_session *s, char *out, size_t n)
{
    tend_record r = TEND_RECORD_INIT;
    bool ok = false;
    if (S_load(s, &r)) {
        const char *v = tend_head_field(&r.head, "last");
        if (v && n > 0) {
            snprintf(out, n, "%s", v);
            ok = true;
        }
    }
    tend_record_clear(&r);
    return ok;
}
