/*
 * prompts.c — choosing a reflection prompt: the flat list of every theme's
 * prompts, the prompt of the day (a keyed permutation walked one step a
 * day), and the prompt that fits a check-in (the theme whose `matches` ids
 * got the strongest answer). Pure functions: the same inputs always give
 * the same prompt.
 */
#include "content_int.h"

#include <stdlib.h>
#include <string.h>

/* The fixed key the permutation is seeded with (any constant would do; this
 * one is the 64-bit golden ratio). */
#define S_KEY UINT64_C(0x9E3779B97F4A7C15)

size_t tend_prompt_count(const tend_content *c)
{
    size_t total = 0;
    for (size_t i = 0; i < c->nthemes; i++)
        total += c->themes[i].nprompts;
    return total;
}

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

static size_t S_gcd(size_t a, size_t b)
{
    while (b) {
        size_t r = a % b;
        a = b;
        b = r;
    }
    return a;
}

/* day mod n, never negative. */
static size_t S_mod(int64_t day, size_t n)
{
    int64_t m = day % (int64_t)n;
    return (size_t)(m < 0 ? m + (int64_t)n : m);
}

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

bool tend_prompt_of_day(const tend_content *c, int64_t day, tend_prompt_ref *out)
{
    size_t n = tend_prompt_count(c);
    if (n == 0) {
        memset(out, 0, sizeof *out);
        return false;
    }
    return tend_prompt_at(c, tend_prompt_day_index(n, day), out);
}

/* The score of one answer: a whole number its value, "yes" 1, anything else
 * that is an id (a chosen option) 1 when matched as item.option. *option is
 * set when the value looks like an option id. */
static long S_answer_score(const char *value, bool *option)
{
    *option = false;
    if (!value || !*value)
        return 0;
    if (strcmp(value, "yes") == 0)
        return 1;
    char *end;
    long v = strtol(value, &end, 10);
    if (end != value && *end == '\0')
        return v > 0 ? v : 0;
    for (const char *p = value; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
            return 0; /* typed words, not an option id */
    *option = strcmp(value, "no") != 0;
    return *option ? 1 : 0;
}

/* True when id (from matches) names this answer: "item" or "item.option". */
static bool S_names(const char *id, const tend_prompt_answer *a, bool option)
{
    size_t il = strlen(a->item);
    if (strncmp(id, a->item, il) != 0)
        return false;
    if (id[il] == '\0')
        return true;
    return option && id[il] == '.' && strcmp(id + il + 1, a->value) == 0;
}

bool tend_prompt_for_checkin(const tend_content *c, const tend_prompt_answer *answers,
                             size_t n, int64_t day, tend_prompt_ref *out)
{
    memset(out, 0, sizeof *out);
    long best = 0;
    size_t ntied = 0;
    /* Two passes: find the best score and how many themes share it, then
     * take the (day mod ntied)-th of them. */
    for (int pass = 0; pass < 2; pass++) {
        size_t want = pass ? S_mod(day, ntied) : 0, seen = 0;
        for (size_t t = 0; t < c->nthemes; t++) {
            const tend_prompt_theme *th = &c->themes[t];
            if (th->nprompts == 0)
                continue;
            long score = 0;
            for (size_t a = 0; a < n; a++) {
                if (!answers[a].item)
                    continue;
                bool option;
                long s = S_answer_score(answers[a].value, &option);
                if (s <= score)
                    continue;
                for (size_t m = 0; m < th->nmatches; m++)
                    if (S_names(th->matches[m], &answers[a], option)) {
                        score = s;
                        break;
                    }
            }
            if (pass == 0) {
                if (score > best) {
                    best = score;
                    ntied = 1;
                } else if (score == best && score > 0) {
                    ntied++;
                }
            } else if (score == best && seen++ == want) {
                size_t k = S_mod(day, th->nprompts), base = 0;
                for (size_t u = 0; u < t; u++)
                    base += c->themes[u].nprompts;
                out->theme = th;
                out->prompt = &th->prompts[k];
                out->index = base + k;
                return true;
            }
        }
        if (best <= 0)
            return false;
    }
    return false;
}
