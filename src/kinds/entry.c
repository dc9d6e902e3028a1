/*
 * entry.c — the words of an entry (include/tend/entry.h): title, tags,
 * prompt and text to and from a record, the tags-line rule, and saving an
 * entry new or edited.
 */
#include "tend/entry.h"

#include "tend/date.h"
#include "tend/vec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

tend_status tend_entry_init(tend_entry *e)
{
    memset(e, 0, sizeof *e);
    e->title = tend_strdup("");
    return e->title ? TEND_OK : TEND_ENOMEM;
}

/* Wipes and frees tags[0..n) and the array. */
static void S_tags_free(char **tags, size_t n)
{
    for (size_t i = 0; i < n; i++)
        tend_wipe_str(tags[i]);
    free(tags);
}

void tend_entry_clear(tend_entry *e)
{
    tend_wipe_str(e->title);
    S_tags_free(e->tags, e->ntags);
    tend_wipe_str(e->prompt);
    if (e->text)
        tend_wipe_free(e->text, e->text_len + 1);
    memset(e, 0, sizeof *e);
}

tend_status tend_entry_set_title(tend_entry *e, const char *title)
{
    char *copy = tend_strdup(title ? title : "");
    if (!copy)
        return TEND_ENOMEM;
    tend_wipe_str(e->title);
    e->title = copy;
    return TEND_OK;
}

tend_status tend_entry_set_prompt(tend_entry *e, const char *prompt)
{
    char *copy = NULL;
    if (prompt && !(copy = tend_strdup(prompt)))
        return TEND_ENOMEM;
    tend_wipe_str(e->prompt);
    e->prompt = copy;
    return TEND_OK;
}

tend_status tend_entry_set_text(tend_entry *e, const char *text, size_t len)
{
    char *copy = NULL;
    if (text) {
        if (len == SIZE_MAX || !(copy = malloc(len + 1)))
            return TEND_ENOMEM;
        memcpy(copy, text, len);
        copy[len] = '\0';
    }
    if (e->text)
        tend_wipe_free(e->text, e->text_len + 1);
    e->text = copy;
    e->text_len = copy ? len : 0;
    return TEND_OK;
}

/* Appends a copy of s[0..n) to tags unless an equal tag is there. */
static tend_status S_tag_push(char ***tags, size_t *n, size_t *cap, const char *s, size_t len)
{
    for (size_t i = 0; i < *n; i++)
        if (strlen((*tags)[i]) == len && memcmp((*tags)[i], s, len) == 0)
            return TEND_OK;
    char *copy = tend_strndup(s, len);
    if (!copy || tend_grow(tags, cap, *n + 1, sizeof **tags, true) != TEND_OK) {
        tend_wipe_str(copy);
        return TEND_ENOMEM;
    }
    (*tags)[(*n)++] = copy;
    return TEND_OK;
}

tend_status tend_entry_set_tags_line(tend_entry *e, const char *line)
{
    char **tags = NULL;
    size_t n = 0, cap = 0;
    tend_status st = TEND_OK;
    const char *p = line ? line : "";
    while (st == TEND_OK && *p) {
        size_t len = strcspn(p, ",");
        const char *a = p, *b = p + len;
        while (a < b && (*a == ' ' || *a == '\t'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
            b--;
        if (b > a)
            st = S_tag_push(&tags, &n, &cap, a, (size_t)(b - a));
        p += len;
        if (*p == ',')
            p++;
    }
    if (st != TEND_OK) {
        S_tags_free(tags, n);
        return st;
    }
    S_tags_free(e->tags, e->ntags);
    e->tags = tags;
    e->ntags = n;
    return TEND_OK;
}

tend_status tend_entry_tags_line(const tend_entry *e, tend_buf *out)
{
    tend_status st = TEND_OK;
    for (size_t i = 0; st == TEND_OK && i < e->ntags; i++)
        st = tend_buf_printf(out, "%s%s", i ? ", " : "", e->tags[i]);
    return st;
}

tend_status tend_entry_validate(const tend_entry *e, tend_error *err)
{
    if (e->title && !tend_utf8_valid(e->title, strlen(e->title)))
        return tend_fail(err, TEND_EINVAL, "the entry's title is not valid UTF-8");
    for (size_t i = 0; i < e->ntags; i++)
        if (!e->tags[i] || !e->tags[i][0] || !tend_utf8_valid(e->tags[i], strlen(e->tags[i])))
            return tend_fail(err, TEND_EINVAL, "a tag of the entry is empty or not valid UTF-8");
    if (e->prompt && (!e->prompt[0] || !tend_utf8_valid(e->prompt, strlen(e->prompt))))
        return tend_fail(err, TEND_EINVAL,
                         "the entry's field 'prompt' is empty or not valid UTF-8");
    if (e->text && (memchr(e->text, '\0', e->text_len) || !tend_utf8_valid(e->text, e->text_len)))
        return tend_fail(err, TEND_EINVAL, "the entry's text is not valid UTF-8");
    return TEND_OK;
}

tend_status tend_entry_encode(const tend_entry *e, tend_record *r, tend_error *err)
{
    tend_status st = tend_entry_validate(e, err);
    if (st != TEND_OK)
        return st;
    r->head.kind = TEND_KIND_ENTRY;
    st = tend_head_set_title(&r->head, e->title);
    if (st == TEND_OK)
        st = tend_head_clear_tags(&r->head);
    for (size_t i = 0; st == TEND_OK && i < e->ntags; i++)
        st = tend_head_add_tag(&r->head, e->tags[i]);
    if (st == TEND_OK)
        st = tend_head_set_field(&r->head, "prompt", e->prompt);
    if (st == TEND_OK)
        st = tend_record_set_body(r, e->text, e->text_len);
    if (st != TEND_OK)
        return tend_fail(err, st, "out of memory writing the entry");
    return TEND_OK;
}

tend_status tend_entry_decode(const tend_record *r, tend_entry *out, tend_error *err)
{
    size_t cap = 0; /* room in out->tags */
    tend_status st = tend_entry_init(out);
    if (st == TEND_OK)
        st = tend_entry_set_title(out, r->head.title);
    for (size_t i = 0; st == TEND_OK && i < r->head.ntags; i++)
        if (r->head.tags[i] && r->head.tags[i][0])
            st = S_tag_push(&out->tags, &out->ntags, &cap, r->head.tags[i],
                            strlen(r->head.tags[i]));
    if (st == TEND_OK)
        st = tend_entry_set_prompt(out, tend_entry_prompt(&r->head));
    if (st == TEND_OK)
        st = tend_entry_set_text(out, r->body, r->body_len);
    if (st != TEND_OK) {
        tend_entry_clear(out);
        return tend_fail(err, st, "out of memory reading the entry");
    }
    return TEND_OK;
}

const char *tend_entry_prompt(const tend_head *h)
{
    const char *p = tend_head_field(h, "prompt");
    return p && p[0] ? p : NULL;
}

tend_status tend_entry_save(tend_journal *j, const tend_entry *e, tend_record *rec,
                            int64_t created, tend_error *err)
{
    tend_status st;
    if (rec->head.kind != 0) {
        st = tend_entry_encode(e, rec, err);
        return st == TEND_OK ? tend_journal_update(j, rec, err) : st;
    }
    if (created) {
        rec->head.created = created;
        rec->head.utc_offset = tend_local_offset(created);
    }
    st = tend_entry_encode(e, rec, err);
    if (st == TEND_OK)
        st = tend_journal_add(j, rec, err);
    if (st != TEND_OK)
        tend_record_clear(rec);
    return st;
}
