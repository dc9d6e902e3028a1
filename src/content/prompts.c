/*
 * prompts.c — choosing a reflection prompt: the flat list of every theme's
 * prompts, the prompt of the day (a keyed permutation walked one step a
 * day), and the prompt that fits a check-in (the theme whose `matches` ids
 * got the strongest answer, each answer weighed as a share of its scale).
 * Two kinds of rule sit on top of the scores (S_held_back, S_first): a
 * theme that looks back at childhood or at a mistake is held back while
 * distress, flooding, re-living or shame is high, and a strong urge to
 * drink or use leads to the theme for riding one out. Pure functions: the
 * same inputs always give the same prompt.
 */
#include "content_int.h"

#include <stdlib.h>
#include <string.h>

/* The fixed key the permutation is seeded with (any constant would do; this
 * one is the 64-bit golden ratio). */
#define S_KEY UINT64_C(0x9E3779B97F4A7C15)

/* Number of prompts in every theme together (content.h). */
size_t tend_prompt_count(const tend_content *c)
{
    size_t total = 0;
    for (size_t i = 0; i < c->nthemes; i++)
        total += c->themes[i].nprompts;
    return total;
}

/* The i-th prompt of the flat list into *out; false (zeroed) past the end
 * (content.h). */
bool tend_prompt_at(const tend_content *c, size_t i, tend_prompt_ref *out)
{
    memset(out, 0, sizeof *out);
    size_t k = i;
    for (size_t t = 0; t < c->nthemes; t++) {
        const tend_prompt_theme *th = &c->themes[t];
        if (k < th->nprompts) {
            out->theme = th;
            out->prompt = &th->prompts[k];
            out->index = i;
            return true;
        }
        k -= th->nprompts;
    }
    return false;
}

/* The greatest common divisor of a and b (a when b is 0). */
static size_t S_gcd(size_t a, size_t b)
{
    while (b) {
        size_t r = a % b;
        a = b;
        b = r;
    }
    return a;
}

/* day mod n, never negative; n must not be 0. */
static size_t S_mod(int64_t day, size_t n)
{
    int64_t m = day % (int64_t)n;
    return (size_t)(m < 0 ? m + (int64_t)n : m);
}

/* Which of n prompts day shows: a keyed permutation walked a step a day;
 * 0 when n is 0 (content.h). */
size_t tend_prompt_day_index(size_t n, int64_t day)
{
    if (n == 0)
        return 0;
    /* index = (step * pos + offset) mod n with step coprime to n is a
     * permutation of 0..n-1; pos = day mod n walks it one step a day. A
     * step near n / golden ratio spreads neighbouring days apart. */
    size_t step = n * 618 / 1000;
    if (step == 0)
        step = 1;
    while (step > 1 && S_gcd(step, n) != 1)
        step--;
    size_t offset = (size_t)(S_KEY % n);
    size_t pos = S_mod(day, n);
    /* step, pos < n, so the product fits whenever n < 2^32. */
    return (size_t)(((uint64_t)step * pos + offset) % n);
}

/* The prompt of the day into *out; false (zeroed) when there are no
 * prompts (content.h). */
bool tend_prompt_of_day(const tend_content *c, int64_t day, tend_prompt_ref *out)
{
    size_t n = tend_prompt_count(c);
    if (n == 0) {
        memset(out, 0, sizeof *out);
        return false;
    }
    return tend_prompt_at(c, tend_prompt_day_index(n, day), out);
}

/* ---- the prompt for a check-in ------------------------------------------------- */

/* Answers weigh in twentieths of their scale's top, so an answer on the
 * 0-10 distress scale and one on a 0-4 scale weigh the same when they sit
 * at the same place on their scale (10 of 10 and 4 of 4 are both S_FULL;
 * 20 is the smallest number both tops divide). */
#define S_FULL 20
/* A "yes", or a chosen option, weighs as much as 1 of 4: a little. */
#define S_CHOSEN 5
/* An answer is high from 7 of 10 or 3 of 4 up (14 and 15 twentieths). */
#define S_HIGH 14

/* The answers after which a look back at childhood is not offered: strong
 * distress, being flooded, or the past pulling the person back. */
static const char *const S_hard_moment[] = { "distress", "flooded", "relived", NULL };
/* The answers after which a look at a mistake is not offered. */
static const char *const S_strong_shame[] = { "ashamed", "distress", "flooded", NULL };

/* Themes held back while any of when_high is answered high (S_HIGH).
 * Childhood memories (child, family) wait for a calmer day; so does going
 * over a mistake (mistakes) when shame is strong. content/README.md
 * describes these rules for writers. */
static const struct {
    const char *theme;
    const char *const *when_high;
} S_held_back[] = {
    { "child", S_hard_moment },
    { "family", S_hard_moment },
    { "mistakes", S_strong_shame },
};

/* Themes offered first while item is answered high: a strong urge to
 * drink or use always gets the theme written for riding one out. */
static const struct {
    const char *theme;
    const char *item;
} S_first[] = {
    { "urges", "urge_use" },
};

/* The top of item's scale (10 or 4) in the first loaded check-in
 * definition that has item as a scale; 0 when none has. */
static int S_scale_top(const tend_content *c, const char *item)
{
    for (size_t d = 0; d < c->ncheckins; d++) {
        const tend_checkin_item *it = tend_checkin_item_find(&c->checkins[d], item);
        if (it && (it->kind == TEND_ITEM_SCALE10 || it->kind == TEND_ITEM_SCALE4))
            return it->max;
    }
    return 0;
}

/* The weight of answer a in twentieths (0..S_FULL): a whole number as the
 * share of its item's scale (an item no definition has is taken as 0-4 up
 * to 4, else 0-10); "yes" or a chosen option id S_CHOSEN; "no", the option
 * `did_not_come_up`, typed words and an empty value 0. *option is set when
 * the value can be matched as item.option (an id, or "yes"). */
static long S_answer_score(const tend_content *c, const tend_prompt_answer *a, bool *option)
{
    const char *value = a->value;
    *option = false;
    if (!value || !*value)
        return 0;
    char *end;
    long v = strtol(value, &end, 10);
    if (end != value && *end == '\0') {
        if (v <= 0)
            return 0;
        long top = S_scale_top(c, a->item);
        if (top <= 0)
            top = v <= 4 ? 4 : 10;
        return (v < top ? v : top) * S_FULL / top;
    }
    for (const char *p = value; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
            return 0; /* typed words, not an option id */
    *option = strcmp(value, "no") != 0 && strcmp(value, "did_not_come_up") != 0;
    return *option ? S_CHOSEN : 0;
}

/* True when id (from matches) names answer a: "item", or "item.option"
 * when the value is an option (option true). */
static bool S_names(const char *id, const tend_prompt_answer *a, bool option)
{
    size_t il = strlen(a->item);
    if (strncmp(id, a->item, il) != 0)
        return false;
    if (id[il] == '\0')
        return true;
    return option && id[il] == '.' && strcmp(id + il + 1, a->value) == 0;
}

/* True when an answer to item weighs S_HIGH or more. */
static bool S_high(const tend_content *c, const tend_prompt_answer *answers, size_t n,
                   const char *item)
{
    for (size_t a = 0; a < n; a++) {
        bool option;
        if (answers[a].item && strcmp(answers[a].item, item) == 0 &&
            S_answer_score(c, &answers[a], &option) >= S_HIGH)
            return true;
    }
    return false;
}

/* True when theme th is held back by these answers (S_held_back). */
static bool S_held(const tend_content *c, const tend_prompt_theme *th,
                   const tend_prompt_answer *answers, size_t n)
{
    for (size_t r = 0; r < sizeof S_held_back / sizeof S_held_back[0]; r++) {
        if (strcmp(S_held_back[r].theme, th->theme) != 0)
            continue;
        for (const char *const *item = S_held_back[r].when_high; *item; item++)
            if (S_high(c, answers, n, *item))
                return true;
    }
    return false;
}

/* The score of theme th: the heaviest answer among those its matches name
 * (0 when none). */
static long S_theme_score(const tend_content *c, const tend_prompt_theme *th,
                          const tend_prompt_answer *answers, size_t n)
{
    long score = 0;
    for (size_t a = 0; a < n; a++) {
        if (!answers[a].item)
            continue;
        bool option;
        long s = S_answer_score(c, &answers[a], &option);
        if (s <= score)
            continue;
        for (size_t m = 0; m < th->nmatches; m++)
            if (S_names(th->matches[m], &answers[a], option)) {
                score = s;
                break;
            }
    }
    return score;
}

/* True when theme t may be chosen at all: it has prompts and is not held
 * back. */
static bool S_open(const tend_content *c, size_t t, const tend_prompt_answer *answers, size_t n)
{
    const tend_prompt_theme *th = &c->themes[t];
    return th->nprompts > 0 && !S_held(c, th, answers, n);
}

/* True when theme t is offered first (S_first) for these answers. */
static bool S_is_first(const tend_content *c, size_t t, const tend_prompt_answer *answers,
                       size_t n)
{
    for (size_t r = 0; r < sizeof S_first / sizeof S_first[0]; r++)
        if (strcmp(S_first[r].theme, c->themes[t].theme) == 0 &&
            S_high(c, answers, n, S_first[r].item))
            return true;
    return false;
}

/* Fills *out with the prompt of theme t that day picks; returns true. */
static bool S_ref(const tend_content *c, size_t t, int64_t day, tend_prompt_ref *out)
{
    const tend_prompt_theme *th = &c->themes[t];
    size_t k = S_mod(day, th->nprompts), base = 0;
    for (size_t u = 0; u < t; u++)
        base += c->themes[u].nprompts;
    out->theme = th;
    out->prompt = &th->prompts[k];
    out->index = base + k;
    return true;
}

/* The prompt that fits a check-in (content.h), in three steps: a theme
 * offered first (S_first) when one applies; else the open theme (not held
 * back, S_held_back) with the heaviest matched answer, ties by day; else,
 * when some theme is held back, the prompt of the day's walk or the next
 * one of an open theme, so that a caller falling back to the prompt of the
 * day never shows a held-back prompt. False (and *out zeroed) when nothing
 * matched and nothing is held back, or every theme is held back. */
bool tend_prompt_for_checkin(const tend_content *c, const tend_prompt_answer *answers,
                             size_t n, int64_t day, tend_prompt_ref *out)
{
    memset(out, 0, sizeof *out);
    /* 1. A theme offered first: the (day mod count)-th of them. */
    size_t nfirst = 0;
    for (size_t t = 0; t < c->nthemes; t++)
        nfirst += S_open(c, t, answers, n) && S_is_first(c, t, answers, n);
    if (nfirst > 0) {
        size_t want = S_mod(day, nfirst), seen = 0;
        for (size_t t = 0; t < c->nthemes; t++)
            if (S_open(c, t, answers, n) && S_is_first(c, t, answers, n) && seen++ == want)
                return S_ref(c, t, day, out);
    }
    /* 2. The best score among the themes that are open, ties by day. */
    long best = 0;
    size_t ntied = 0;
    bool held = false;
    for (size_t t = 0; t < c->nthemes; t++) {
        if (!S_open(c, t, answers, n)) {
            held |= c->themes[t].nprompts > 0;
            continue;
        }
        long score = S_theme_score(c, &c->themes[t], answers, n);
        if (score > best) {
            best = score;
            ntied = 1;
        } else if (score == best && score > 0) {
            ntied++;
        }
    }
    if (best > 0) {
        size_t want = S_mod(day, ntied), seen = 0;
        for (size_t t = 0; t < c->nthemes; t++)
            if (S_open(c, t, answers, n) &&
                S_theme_score(c, &c->themes[t], answers, n) == best && seen++ == want)
                return S_ref(c, t, day, out);
    }
    /* 3. Nothing matched. When a theme is held back, the caller's usual
     * fallback (the prompt of the day) could be one of its prompts, so the
     * day's walk is followed from here to the first prompt of an open
     * theme instead. */
    size_t total = tend_prompt_count(c);
    if (!held || total == 0)
        return false;
    size_t start = tend_prompt_day_index(total, day);
    for (size_t k = 0; k < total; k++) {
        tend_prompt_ref r;
        if (!tend_prompt_at(c, (start + k) % total, &r))
            break;
        size_t t = (size_t)(r.theme - c->themes);
        if (S_open(c, t, answers, n)) {
            *out = r;
            return true;
        }
    }
    return false;
}
