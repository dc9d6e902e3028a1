/*
 * settings.c — the settings record (include/tend/settings.h): its fields,
 * their ranges, and load/store through the journal.
 */
#include "tend/settings.h"

#include "kinds_int.h"

#include <stdio.h>
#include <string.h>

static const char *const S_keys[] = { "region", "autolock", "color" };
#define S_NKEYS (sizeof S_keys / sizeof S_keys[0])

void tend_settings_init(tend_settings *s)
{
    memset(s, 0, sizeof *s);
    s->autolock_min = TEND_SETTINGS_AUTOLOCK_DEFAULT;
    s->color = true;
}

/* True for a stored region value: "" or an id that fits the struct. */
static bool S_region_ok(const char *v)
{
    size_t n = strlen(v);
    return n == 0 || (n <= TEND_SETTINGS_REGION_MAX && kinds_id(v, n));
}

/* The message for a region that is not a region id. */
static tend_status S_bad_region(tend_error *err)
{
    return tend_fail(err, TEND_EINVAL,
                     "the settings field 'region' is not a region id (empty, or lower-case "
                     "letters and digits joined by '-', at most %d bytes)",
                     TEND_SETTINGS_REGION_MAX);
}

/* The message for an auto-lock time out of range. */
static tend_status S_bad_autolock(tend_error *err)
{
    return tend_fail(err, TEND_EINVAL,
                     "the settings field 'autolock' is not a whole number of minutes from %d "
                     "to %d",
                     TEND_SETTINGS_AUTOLOCK_MIN, TEND_SETTINGS_AUTOLOCK_MAX);
}

/* With content: TEND_OK when region is "" or a region content has loaded. */
static tend_status S_region_known(const char *region, const tend_content *content,
                                  tend_error *err)
{
    if (!content || !region[0] || tend_content_region_find(content, region))
        return TEND_OK;
    return tend_fail(err, TEND_EINVAL,
                     "the settings field 'region' names a region tend has no support lines for; "
                     "choose one in Settings");
}

tend_status tend_settings_validate(const tend_settings *s, const tend_content *content,
                                   tend_error *err)
{
    if (memchr(s->region, '\0', sizeof s->region) == NULL || !S_region_ok(s->region))
        return S_bad_region(err);
    if (s->autolock_min < TEND_SETTINGS_AUTOLOCK_MIN || s->autolock_min > TEND_SETTINGS_AUTOLOCK_MAX)
        return S_bad_autolock(err);
    return S_region_known(s->region, content, err);
}

/* kinds_owns_fn: the settings' own keys. */
static bool S_owns(const void *ctx, const tend_field *f)
{
    (void)ctx;
    for (size_t i = 0; i < S_NKEYS; i++)
        if (strcmp(f->key, S_keys[i]) == 0)
            return true;
    return false;
}

/* kinds_put_fn: region, autolock, color of the tend_settings ctx. */
static tend_status S_put(const void *ctx, tend_head *h)
{
    const tend_settings *s = ctx;
    char mins[16];
    snprintf(mins, sizeof mins, "%d", s->autolock_min);
    tend_status st = tend_head_add_field(h, "region", s->region);
    if (st == TEND_OK)
        st = tend_head_add_field(h, "autolock", mins);
    if (st == TEND_OK)
        st = tend_head_add_field(h, "color", s->color ? "on" : "off");
    return st;
}

tend_status tend_settings_encode(const tend_settings *s, tend_record *r, tend_error *err)
{
    tend_status st = tend_settings_validate(s, NULL, err);
    if (st != TEND_OK)
        return st;
    r->head.kind = TEND_KIND_SETTINGS;
    st = kinds_rewrite_fields(&r->head, S_owns, S_put, s);
    if (st != TEND_OK)
        return tend_fail(err, st, "out of memory writing the settings");
    return TEND_OK;
}

/* TEND_EINVAL unless r is a settings record. */
static tend_status S_kind(const tend_record *r, tend_error *err)
{
    if (r->head.kind != TEND_KIND_SETTINGS)
        return tend_fail(err, TEND_EINVAL, "this record is not the settings");
    return TEND_OK;
}

tend_status tend_settings_decode(const tend_record *r, tend_settings *out, tend_error *err)
{
    tend_status st = S_kind(r, err);
    if (st != TEND_OK)
        return st;
    const char *v;
    if ((v = tend_head_field(&r->head, "region")) && S_region_ok(v))
        snprintf(out->region, sizeof out->region, "%s", v);
    uint64_t m;
    if ((v = tend_head_field(&r->head, "autolock")) &&
        kinds_number(v, TEND_SETTINGS_AUTOLOCK_MAX, &m) && m >= TEND_SETTINGS_AUTOLOCK_MIN)
        out->autolock_min = (int)m;
    if ((v = tend_head_field(&r->head, "color")) && (!strcmp(v, "on") || !strcmp(v, "off")))
        out->color = strcmp(v, "on") == 0;
    return TEND_OK;
}

tend_status tend_settings_check(const tend_record *r, const tend_content *content,
                                tend_error *err)
{
    tend_status st = S_kind(r, err);
    if (st != TEND_OK)
        return st;
    for (size_t i = 0; i < S_NKEYS; i++) {
        size_t seen = 0;
        for (size_t f = 0; f < r->head.nfields; f++)
            seen += strcmp(r->head.fields[f].key, S_keys[i]) == 0;
        if (seen > 1)
            return tend_fail(err, TEND_EINVAL, "the settings field '%s' occurs %zu times; it "
                             "may occur once", S_keys[i], seen);
    }
    const char *v;
    if ((v = tend_head_field(&r->head, "region")) && !S_region_ok(v))
        return S_bad_region(err);
    uint64_t m;
    if ((v = tend_head_field(&r->head, "autolock")) &&
        (!kinds_number(v, TEND_SETTINGS_AUTOLOCK_MAX, &m) || m < TEND_SETTINGS_AUTOLOCK_MIN))
        return S_bad_autolock(err);
    if ((v = tend_head_field(&r->head, "color")) && strcmp(v, "on") != 0 && strcmp(v, "off") != 0)
        return tend_fail(err, TEND_EINVAL, "the settings field 'color' is not \"on\" or \"off\"");
    v = tend_head_field(&r->head, "region");
    return S_region_known(v ? v : "", content, err);
}

tend_status tend_settings_load(tend_journal *j, tend_settings *out, tend_error *err)
{
    tend_record r = TEND_RECORD_INIT;
    tend_status st = tend_journal_singleton_get(j, TEND_KIND_SETTINGS, &r, err);
    if (st == TEND_OK)
        st = tend_settings_decode(&r, out, err);
    tend_record_clear(&r);
    return st;
}

/* kinds_encode_fn: tend_settings_encode of the tend_settings ctx. */
static tend_status S_encode(const void *ctx, tend_record *r, tend_error *err)
{
    return tend_settings_encode(ctx, r, err);
}

tend_status tend_settings_store(tend_journal *j, const tend_settings *s, tend_error *err)
{
    return kinds_singleton_store(j, TEND_KIND_SETTINGS, NULL, S_encode, s, 0, err);
}
