/*
 * support.c — support lines per region (content/support/ID.md): a region
 * file's header (region, name, emergency, verified, order, replaces) and its
 * list of services, checked so that the emergency number always comes
 * first; and the retired region ids a journal may still hold (e.g. "uk-ie",
 * split into "uk" and "ie"), resolved to what replaced them.
 */
#include "content_int.h"

#include "tend/vec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- one region file ------------------------------------------------------------- */

/* "YYYY-MM" with a plausible year and a month 01-12 into *year, *month. */
static bool S_year_month(const char *v, int *year, int *month)
{
    if (strlen(v) != 7 || v[4] != '-')
        return false;
    for (int i = 0; i < 7; i++)
        if (i != 4 && (v[i] < '0' || v[i] > '9'))
            return false;
    *year = (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 + (v[3] - '0');
    *month = (v[5] - '0') * 10 + (v[6] - '0');
    return *year >= 2000 && *year <= 2999 && *month >= 1 && *month <= 12;
}

/* The length of the phone number at the start of s: a digit, then digits,
 * each '-' between two digits ("911", "9-1-1", "000"); 0 when s does not
 * start with a digit. */
static size_t S_number_len(const char *s)
{
    size_t n = 0;
    if (s[0] < '0' || s[0] > '9')
        return 0;
    while ((s[n] >= '0' && s[n] <= '9') || (s[n] == '-' && s[n + 1] >= '0' && s[n + 1] <= '9'))
        n++;
    return n;
}

/* The length of the numbers at the start of an emergency value: one number,
 * then any more joined by " or " ("999 or 112"); *first gets the length of
 * the first number. 0 when the value does not start with a number. */
static size_t S_numbers_len(const char *v, size_t *first)
{
    size_t n = S_number_len(v);
    *first = n;
    while (n > 0 && strncmp(v + n, " or ", 4) == 0 && S_number_len(v + n + 4) > 0)
        n += 4 + S_number_len(v + n + 4);
    return n;
}

/* The required keys of a region file, with what each is for. */
static const content_required S_required[] = {
    { "region", NULL },
    { "name", NULL },
    { "emergency", " (the emergency number first, then a few words, e.g. 'emergency: 911, if "
                   "you or someone else is in danger now')" },
    { "verified", " (the year and month the numbers were last checked, YYYY-MM)" },
    { "order", NULL },
    { NULL, NULL },
};

/* The listed region with id, or NULL (retired ids not included). */
static const tend_region *S_listed(const tend_content *c, const char *id)
{
    for (size_t i = 0; i < c->nregions; i++)
        if (strcmp(c->regions[i].region, id) == 0)
            return &c->regions[i];
    return NULL;
}

/* Checks the region id and the id it replaces, recording each mistake. */
static void S_check_ids(content_parser *p, const tend_frontmatter *fm, const char *id,
                        const char *replaces)
{
    tend_content *c = p->c;
    if (id && *id && !content_is_name_id(id, strlen(id)))
        content_problem(p, tend_fm_line(fm, "region"),
                        "bad region id '%s' (lower-case letters and digits joined by '-', e.g. "
                        "uk)", id);
    else if (id && *id && S_listed(c, id))
        content_problem(p, tend_fm_line(fm, "region"), "region '%s' is already defined in %s",
                        id, S_listed(c, id)->src.origin);
    if (!replaces)
        return;
    if (!*replaces)
        content_problem(p, tend_fm_line(fm, "replaces"), "empty value for 'replaces'");
    else if (!content_is_name_id(replaces, strlen(replaces)))
        content_problem(p, tend_fm_line(fm, "replaces"),
                        "bad region id '%s' in 'replaces' (the id of the region this one takes "
                        "over, e.g. uk-ie)", replaces);
    else if (id && strcmp(id, replaces) == 0)
        content_problem(p, tend_fm_line(fm, "replaces"),
                        "region '%s' cannot replace itself; 'replaces' names an older region id",
                        id);
}

tend_status content_parse_region(content_parser *p, const tend_frontmatter *fm, cmark_node *doc)
{
    content_require(p, fm, S_required);
    tend_region r;
    memset(&r, 0, sizeof r);
    tend_content *c = p->c;
    content_int(p, fm, "order", 0, 100000, &r.order);
    const char *id = tend_fm_get(fm, "region");
    const char *replaces = tend_fm_get(fm, "replaces");
    S_check_ids(p, fm, id, replaces);
    const char *ver = tend_fm_get(fm, "verified");
    if (ver && *ver && !S_year_month(ver, &r.verified_year, &r.verified_month))
        content_problem(p, tend_fm_line(fm, "verified"),
                        "bad verified date '%s' (expected the year and month checked, YYYY-MM, "
                        "e.g. 2026-11)", ver);
    const char *em = tend_fm_get(fm, "emergency");
    size_t first = 0, numbers = em ? S_numbers_len(em, &first) : 0;
    if (em && *em && numbers == 0)
        content_problem(p, tend_fm_line(fm, "emergency"),
                        "bad emergency '%s': it starts with the emergency number, then a few "
                        "words, e.g. '911, if you or someone else is in danger now'", em);
    cmark_node *list = content_first_list(doc, CMARK_BULLET_LIST);
    if (!list)
        content_problem(p, p->offset + 1, "a support file needs a bullet list, one service per item");
    int refs_line; /* body line of "## References", 0 when none */
    if (content_references(p, doc, false, &r.references, &r.nreferences, &refs_line) != TEND_OK)
        return TEND_ENOMEM;
    if (p->bad)
        return TEND_OK;
    if (content_items(p, list, &r.services, &r.nservices) != TEND_OK)
        return TEND_ENOMEM;
    if (r.nservices > 0 && numbers > 0) {
        char number[64];
        snprintf(number, sizeof number, "%.*s", (int)first, em);
        if (!strstr(r.services[0].text, number))
            content_problem(p, r.services[0].line,
                            "the first entry must give the emergency number %s (from "
                            "'emergency'), so that it is shown first", number);
    }
    if (p->bad)
        return TEND_OK;
    if (tend_grow(&c->regions, &c->cap_regions, c->nregions + 1, sizeof *c->regions, false) !=
        TEND_OK)
        return TEND_ENOMEM;
    content_src(p, fm, &r.src);
    r.region = content_strdup(c, id);
    r.name = content_strdup(c, tend_fm_get(fm, "name"));
    r.emergency = content_strdup(c, em);
    r.emergency_number = content_strndup(c, em, numbers);
    r.verified = content_strdup(c, ver);
    r.replaces = replaces ? content_strdup(c, replaces) : NULL;
    /* The body a person sees stops before the References section. */
    r.body = refs_line > 1 ? content_lines(c, fm->body, fm->body_len, 1, refs_line - 1)
                           : content_strndup(c, fm->body, fm->body_len);
    if (!r.region || !r.name || !r.emergency || !r.emergency_number || !r.verified ||
        (replaces && !r.replaces) || !r.body)
        return TEND_ENOMEM;
    r.body_len = strlen(r.body);
    c->regions[c->nregions++] = r;
    return TEND_OK;
}

/* ---- retired region ids ----------------------------------------------------------- */

/* Appends the choices' names to b: "A or B", "A, B or C" (last joined by
 * word: "or", "and"). TEND_ENOMEM or TEND_OK. */
static tend_status S_names(tend_buf *b, const tend_region *const *choices, size_t n,
                           const char *word)
{
    tend_status st = TEND_OK;
    for (size_t i = 0; i < n && st == TEND_OK; i++)
        st = tend_buf_printf(b, "%s%s", i == 0 ? "" : i + 1 == n ? word : ", ",
                             choices[i]->name);
    return st;
}

/* The value of one string field shared by every choice (field reads it), or
 * else "Name: value; Name: value", in the arena. NULL on ENOMEM. */
static const char *S_joined(tend_content *c, const tend_region *const *choices, size_t n,
                            const char *(*field)(const tend_region *))
{
    bool same = true;
    for (size_t i = 1; i < n; i++)
        same &= strcmp(field(choices[i]), field(choices[0])) == 0;
    if (same)
        return field(choices[0]);
    tend_buf b = TEND_BUF_INIT;
    tend_status st = TEND_OK;
    for (size_t i = 0; i < n && st == TEND_OK; i++)
        st = tend_buf_printf(&b, "%s%s: %s", i ? "; " : "", choices[i]->name, field(choices[i]));
    const char *out = st == TEND_OK ? content_strndup(c, b.data, b.len) : NULL;
    tend_buf_free(&b);
    return out;
}

/* The emergency value of r (a field reader for S_joined). */
static const char *S_emergency(const tend_region *r)
{
    return r->emergency;
}

/* The emergency number(s) of r (a field reader for S_joined). */
static const char *S_emergency_number(const tend_region *r)
{
    return r->emergency_number;
}

/* The items of every choice one after another (which: 0 services, 1
 * references) in the arena, their number in *count; NULL on ENOMEM. */
static const tend_content_item *S_all_items(tend_content *c, const tend_region *const *choices,
                                            size_t n, int which, size_t *count)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += which == 0 ? choices[i]->nservices : choices[i]->nreferences;
    tend_content_item *items = content_alloc(c, (total ? total : 1) * sizeof *items);
    if (!items)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const tend_content_item *from = which == 0 ? choices[i]->services : choices[i]->references;
        size_t m = which == 0 ? choices[i]->nservices : choices[i]->nreferences;
        memcpy(items + k, from, m * sizeof *items);
        k += m;
    }
    *count = total;
    return items;
}

/* The body of a combined region: a few words on why it shows several lists,
 * then each choice's body under its name, in the arena. NULL on ENOMEM. */
static const char *S_combined_body(tend_content *c, const tend_region *const *choices, size_t n)
{
    tend_buf b = TEND_BUF_INIT;
    tend_status st = tend_buf_puts(&b, "These lines used to be one list for ");
    if (st == TEND_OK)
        st = S_names(&b, choices, n, " and ");
    if (st == TEND_OK)
        st = tend_buf_puts(&b, ". Each now has its own, shown below. You can choose yours in "
                               "Settings.\n");
    for (size_t i = 0; i < n && st == TEND_OK; i++)
        st = tend_buf_printf(&b, "\n## %s\n\n%s\n", choices[i]->name, choices[i]->body);
    const char *out = st == TEND_OK ? content_strndup(c, b.data, b.len) : NULL;
    tend_buf_free(&b);
    return out;
}

/* A combined region for the retired id, whose choices are the n regions
 * that replaced it, in the arena; NULL on ENOMEM. */
static const tend_region *S_combined(tend_content *c, const char *id,
                                     const tend_region *const *choices, size_t n)
{
    tend_region *r = content_alloc(c, sizeof *r);
    if (!r)
        return NULL;
    memset(r, 0, sizeof *r);
    const tend_region *oldest = choices[0];
    for (size_t i = 1; i < n; i++)
        if (choices[i]->verified_year * 12 + choices[i]->verified_month <
            oldest->verified_year * 12 + oldest->verified_month)
            oldest = choices[i];
    tend_buf name = TEND_BUF_INIT;
    tend_status st = S_names(&name, choices, n, " or ");
    r->name = st == TEND_OK ? content_strndup(c, name.data, name.len) : NULL;
    tend_buf_free(&name);
    r->src = choices[0]->src;
    r->region = id;
    r->emergency = S_joined(c, choices, n, S_emergency);
    r->emergency_number = S_joined(c, choices, n, S_emergency_number);
    r->verified = oldest->verified;
    r->verified_year = oldest->verified_year;
    r->verified_month = oldest->verified_month;
    r->order = choices[0]->order;
    r->body = S_combined_body(c, choices, n);
    r->services = S_all_items(c, choices, n, 0, &r->nservices);
    r->references = S_all_items(c, choices, n, 1, &r->nreferences);
    r->choices = choices;
    r->nchoices = n;
    if (!r->name || !r->emergency || !r->emergency_number || !r->body || !r->services ||
        !r->references)
        return NULL;
    r->body_len = strlen(r->body);
    return r;
}

tend_status content_resolve_regions(tend_content *c)
{
    for (size_t i = 0; i < c->nregions; i++) {
        const char *old = c->regions[i].replaces;
        if (!old || S_listed(c, old) || tend_content_region_find(c, old))
            continue; /* a listed region of that id wins; or already resolved */
        size_t n = 0;
        for (size_t j = i; j < c->nregions; j++)
            n += c->regions[j].replaces && strcmp(c->regions[j].replaces, old) == 0;
        const tend_region **choices = content_alloc(c, n * sizeof *choices);
        if (!choices)
            return TEND_ENOMEM;
        size_t k = 0;
        for (size_t j = i; j < c->nregions; j++)
            if (c->regions[j].replaces && strcmp(c->regions[j].replaces, old) == 0)
                choices[k++] = &c->regions[j];
        const tend_region *target = n == 1 ? choices[0] : S_combined(c, old, choices, n);
        if (!target)
            return TEND_ENOMEM;
        if (tend_grow(&c->aliases, &c->cap_aliases, c->naliases + 1, sizeof *c->aliases,
                      false) != TEND_OK)
            return TEND_ENOMEM;
        c->aliases[c->naliases++] = (content_region_alias){ old, target };
    }
    return TEND_OK;
}

const tend_region *tend_content_region_find(const tend_content *c, const char *region)
{
    const tend_region *r = S_listed(c, region);
    for (size_t i = 0; !r && i < c->naliases; i++)
        if (strcmp(c->aliases[i].id, region) == 0)
            r = c->aliases[i].target;
    return r;
}
