/*
 * answers.c — the answers to a check-in, to and from a record's head
 * fields, and the safety rule (include/tend/checkin.h says how they are
 * stored and why reading goes by id).
 */
#include "tend/checkin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const S_numbers[] = { "0", "1", "2", "3", "4", "5",
                                          "6", "7", "8", "9", "10" };

static const tend_checkin_option *S_typed_option(const tend_checkin_item *it, size_t *at)
{
    for (size_t o = 0; o < it->noptions; o++)
        if (it->options[o].typed) {
            if (at)
                *at = o;
            return &it->options[o];
        }
    return NULL;
}

static void S_free_kept(tend_checkin *ck)
{
    for (size_t i = 0; i < ck->nkept; i++) {
        tend_wipe_str(ck->kept[i].key);
        tend_wipe_str(ck->kept[i].value);
    }
    free(ck->kept);
    ck->kept = NULL;
    ck->nkept = 0;
}

void tend_checkin_clear(tend_checkin *ck)
{
    if (ck->a && ck->def) {
        for (size_t i = 0; i < ck->def->nitems; i++) {
            free(ck->a[i].chosen);
            tend_wipe_str(ck->a[i].typed);
        }
    }
    free(ck->a);
    S_free_kept(ck);
    *ck = (tend_checkin)TEND_CHECKIN_INIT;
}

tend_status tend_checkin_init(tend_checkin *ck, const tend_checkin_def *def)
{
    *ck = (tend_checkin)TEND_CHECKIN_INIT;
    ck->def = def;
    ck->a = calloc(def->nitems ? def->nitems : 1, sizeof *ck->a);
    if (!ck->a) {
        *ck = (tend_checkin)TEND_CHECKIN_INIT;
        return TEND_ENOMEM;
    }
    for (size_t i = 0; i < def->nitems; i++) {
        const tend_checkin_item *it = &def->items[i];
        if (it->kind != TEND_ITEM_CHOOSE)
            continue;
        ck->a[i].chosen = calloc(it->noptions ? it->noptions : 1, sizeof *ck->a[i].chosen);
        if (!ck->a[i].chosen) {
            tend_checkin_clear(ck);
            return TEND_ENOMEM;
        }
    }
    return TEND_OK;
}

void tend_checkin_set(tend_checkin *ck, size_t i, int v)
{
    const tend_checkin_item *it = &ck->def->items[i];
    if (it->kind == TEND_ITEM_CHOOSE || it->kind == TEND_ITEM_TEXT)
        return;
    ck->a[i].answered = true;
    ck->a[i].value = v < 0 ? 0 : v > it->max ? it->max : v;
}

void tend_checkin_skip(tend_checkin *ck, size_t i)
{
    tend_answer *a = &ck->a[i];
    a->answered = false;
    a->value = 0;
    if (a->chosen)
        memset(a->chosen, 0, ck->def->items[i].noptions * sizeof *a->chosen);
    tend_wipe_str(a->typed);
    a->typed = NULL;
}

static void S_update_chosen(tend_checkin *ck, size_t i)
{
    const tend_checkin_item *it = &ck->def->items[i];
    bool any = false;
    for (size_t o = 0; o < it->noptions; o++)
        any |= ck->a[i].chosen[o];
    ck->a[i].answered = any;
}

void tend_checkin_toggle(tend_checkin *ck, size_t i, size_t o)
{
    const tend_checkin_item *it = &ck->def->items[i];
    if (it->kind != TEND_ITEM_CHOOSE || o >= it->noptions)
        return;
    tend_answer *a = &ck->a[i];
    a->chosen[o] = !a->chosen[o];
    if (!a->chosen[o] && it->options[o].typed) {
        tend_wipe_str(a->typed);
        a->typed = NULL;
    }
    S_update_chosen(ck, i);
}

tend_status tend_checkin_set_typed(tend_checkin *ck, size_t i, const char *s)
{
    const tend_checkin_item *it = &ck->def->items[i];
    tend_answer *a = &ck->a[i];
    size_t o = 0;
    if (it->kind != TEND_ITEM_TEXT && !(it->kind == TEND_ITEM_CHOOSE && S_typed_option(it, &o)))
        return TEND_OK;
    size_t n = strlen(s);
    if (n > TEND_CHECKIN_TEXT_MAX) {
        n = TEND_CHECKIN_TEXT_MAX;
        while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
            n--; /* not inside a character */
    }
    char *copy = NULL;
    if (n > 0) {
        copy = malloc(n + 1);
        if (!copy)
            return TEND_ENOMEM;
        memcpy(copy, s, n);
        copy[n] = '\0';
    }
    tend_wipe_str(a->typed);
    a->typed = copy;
    if (it->kind == TEND_ITEM_TEXT) {
        a->answered = copy != NULL;
    } else if (copy) {
        a->chosen[o] = true;
        S_update_chosen(ck, i);
    }
    return TEND_OK;
}

size_t tend_checkin_answered(const tend_checkin *ck)
{
    size_t n = 0;
    for (size_t i = 0; i < ck->def->nitems; i++)
        n += ck->a[i].answered;
    return n;
}

bool tend_checkin_safety(const tend_checkin *ck)
{
    for (size_t i = 0; i < ck->def->nitems; i++)
        if (ck->def->items[i].safety && ck->a[i].answered && ck->a[i].value > 0)
            return true;
    return false;
}

/* ---- to and from head fields ---------------------------------------------------- */

tend_status tend_checkin_to_head(const tend_checkin *ck, tend_head *h)
{
    const tend_checkin_def *d = ck->def;
    char ver[24];
    snprintf(ver, sizeof ver, "%d", d->version);
    tend_status st = tend_head_add_field(h, "_def", d->id);
    if (st == TEND_OK)
        st = tend_head_add_field(h, "_ver", ver);
    for (size_t i = 0; st == TEND_OK && i < d->nitems; i++) {
        const tend_checkin_item *it = &d->items[i];
        const tend_answer *a = &ck->a[i];
        if (!a->answered)
            continue;
        switch (it->kind) {
        case TEND_ITEM_SCALE10:
        case TEND_ITEM_SCALE4:
            st = tend_head_add_field(h, it->id, S_numbers[a->value]);
            break;
        case TEND_ITEM_YESNO:
            st = tend_head_add_field(h, it->id, a->value ? "yes" : "no");
            break;
        case TEND_ITEM_TEXT:
            if (a->typed)
                st = tend_head_add_field(h, it->id, a->typed);
            break;
        case TEND_ITEM_CHOOSE:
            for (size_t o = 0; st == TEND_OK && o < it->noptions; o++) {
                if (!a->chosen[o])
                    continue;
                st = tend_head_add_field(h, it->id, it->options[o].id);
                if (st == TEND_OK && it->options[o].typed && a->typed) {
                    char key[256];
                    snprintf(key, sizeof key, "%s.%s", it->id, it->options[o].id);
                    st = tend_head_add_field(h, key, a->typed);
                }
            }
            break;
        }
    }
    for (size_t k = 0; st == TEND_OK && k < ck->nkept; k++)
        st = tend_head_add_field(h, ck->kept[k].key, ck->kept[k].value);
    return st;
}

/* A scale value "0".."max" in shortest form; -1 when v is not one. */
static int S_number(const char *v, int max)
{
    if (!v[0] || (v[0] == '0' && v[1]) || strlen(v) > 2)
        return -1;
    int n = 0;
    for (const char *p = v; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        n = n * 10 + (*p - '0');
    }
    return n <= max ? n : -1;
}

/* Reads one field into ck; false when it does not fit the definition. */
static bool S_read_field(tend_checkin *ck, const tend_field *f, tend_status *st)
{
    const tend_checkin_def *d = ck->def;
    const char *dot = strchr(f->key, '.');
    char id[256];
    size_t idlen = dot ? (size_t)(dot - f->key) : strlen(f->key);
    if (idlen >= sizeof id)
        return false;
    memcpy(id, f->key, idlen);
    id[idlen] = '\0';
    const tend_checkin_item *it = tend_checkin_item_find(d, id);
    if (!it)
        return false;
    size_t i = (size_t)(it - d->items);
    tend_answer *a = &ck->a[i];
    if (dot) { /* "item.option": the words of a [text] option */
        size_t o;
        const tend_checkin_option *op = S_typed_option(it, &o);
        if (it->kind != TEND_ITEM_CHOOSE || !op || strcmp(op->id, dot + 1) != 0 || a->typed)
            return false;
        *st = tend_checkin_set_typed(ck, i, f->value);
        return true;
    }
    switch (it->kind) {
    case TEND_ITEM_SCALE10:
    case TEND_ITEM_SCALE4: {
        int n = S_number(f->value, it->max);
        if (n < 0 || a->answered)
            return false;
        tend_checkin_set(ck, i, n);
        return true;
    }
    case TEND_ITEM_YESNO:
        if (a->answered || (strcmp(f->value, "yes") != 0 && strcmp(f->value, "no") != 0))
            return false;
        tend_checkin_set(ck, i, f->value[0] == 'y');
        return true;
    case TEND_ITEM_TEXT:
        if (a->answered)
            return false;
        *st = tend_checkin_set_typed(ck, i, f->value);
        return true;
    case TEND_ITEM_CHOOSE: {
        const tend_checkin_option *op = tend_checkin_option_find(it, f->value);
        size_t o = op ? (size_t)(op - it->options) : 0;
        if (!op)
            return false;
        if (a->chosen[o])
            return true; /* the same choice twice means it once */
        a->chosen[o] = true;
        S_update_chosen(ck, i);
        return true;
    }
    }
    return false;
}

static tend_status S_keep(tend_checkin *ck, const tend_field *f)
{
    tend_field *nk = realloc(ck->kept, (ck->nkept + 1) * sizeof *nk);
    if (!nk)
        return TEND_ENOMEM;
    ck->kept = nk;
    nk[ck->nkept].key = tend_strdup(f->key);
    nk[ck->nkept].value = tend_strdup(f->value);
    if (!nk[ck->nkept].key || !nk[ck->nkept].value) {
        tend_wipe_str(nk[ck->nkept].key);
        tend_wipe_str(nk[ck->nkept].value);
        return TEND_ENOMEM;
    }
    ck->nkept++;
    return TEND_OK;
}

tend_status tend_checkin_from_head(tend_checkin *ck, const tend_checkin_def *def,
                                   const tend_head *h)
{
    tend_status st = tend_checkin_init(ck, def);
    if (st != TEND_OK)
        return st;
    const char *which = tend_head_field(h, "_def");
    if (which && strcmp(which, def->id) != 0)
        return TEND_EINVAL;
    for (size_t k = 0; st == TEND_OK && k < h->nfields; k++) {
        const tend_field *f = &h->fields[k];
        if (f->key[0] == '_')
            continue;
        if (!S_read_field(ck, f, &st) && st == TEND_OK)
            st = S_keep(ck, f);
    }
    if (st != TEND_OK)
        tend_checkin_clear(ck);
    return st;
}

size_t tend_checkin_prompt_answers(const tend_checkin *ck, tend_prompt_answer *out, size_t cap)
{
    size_t n = 0;
    const tend_checkin_def *d = ck->def;
    for (size_t i = 0; i < d->nitems && n < cap; i++) {
        const tend_checkin_item *it = &d->items[i];
        const tend_answer *a = &ck->a[i];
        if (!a->answered || it->kind == TEND_ITEM_TEXT)
            continue;
        if (it->kind == TEND_ITEM_CHOOSE) {
            for (size_t o = 0; o < it->noptions && n < cap; o++)
                if (a->chosen[o])
                    out[n++] = (tend_prompt_answer){ it->id, it->options[o].id };
        } else if (it->kind == TEND_ITEM_YESNO) {
            out[n++] = (tend_prompt_answer){ it->id, a->value ? "yes" : "no" };
        } else {
            out[n++] = (tend_prompt_answer){ it->id, S_numbers[a->value] };
        }
    }
    return n;
}
