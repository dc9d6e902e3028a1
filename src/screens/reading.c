/*
 * reading.c — reading positions in the encrypted journal (reading_int.h),
 * kept by the reading record (include/tend/reading.h).
 */
#include "reading_int.h"

#include "tend/reading.h"

#include <stdio.h>

static unsigned S_epoch;

unsigned reading_epoch(void)
{
    return S_epoch;
}

/* Loads the reading positions into *r; false (and *r empty) when there
 * are none or they cannot be read. */
static bool S_load(tend_session *s, tend_reading *r)
{
    tend_reading_init(r);
    if (!s->journal)
        return false;
    return tend_reading_load(s->journal, r, NULL) == TEND_OK;
}

reading_pos reading_get(tend_session *s, const char *page)
{
    tend_reading r;
    reading_pos p = { READING_UNREAD, 0 };
    if (S_load(s, &r)) {
        tend_reading_mark m = tend_reading_get(&r, page, &p.anchor);
        p.mark = m == TEND_READING_DONE ? READING_DONE
                 : m == TEND_READING_STARTED ? READING_STARTED : READING_UNREAD;
    }
    tend_reading_clear(&r);
    return p;
}

tend_status reading_put(tend_session *s, const char *page, reading_pos pos, tend_error *err)
{
    if (!s->journal)
        return TEND_OK;
    tend_reading r;
    int64_t now = s->app ? tend_app_time(s->app) : 0;
    S_load(s, &r);
    tend_status st = tend_reading_set(&r, page, pos.mark == READING_DONE ? TEND_READING_DONE
                                                                         : TEND_READING_STARTED,
                                      pos.anchor, err);
    if (st == TEND_OK)
        st = tend_reading_store(s->journal, &r, now, err);
    tend_reading_clear(&r);
    if (st == TEND_OK)
        S_epoch++;
    return st;
}

bool reading_last(tend_session *s, char *out, size_t n)
{
    tend_reading r;
    bool ok = false;
    if (S_load(s, &r)) {
        const char *v = tend_reading_last(&r);
        if (v && n > 0) {
            snprintf(out, n, "%s", v);
            ok = true;
        }
    }
    tend_reading_clear(&r);
    return ok;
}
