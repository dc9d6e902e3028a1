/*
 * frontmatter.c — splits a content file into its `---` header and its
 * Markdown body, and checks the header's syntax.
 *
 * The header is not Markdown, so it is read by hand, line by line: the first
 * line is exactly `---`, then `key: value` lines, then a closing `---`. The
 * body after it is left to cmark. Before anything else the whole file is
 * checked for NUL bytes and invalid UTF-8, so nothing later has to cope with
 * them. Every problem goes to the caller's sink with its line; parsing goes
 * on after a bad header line so one run reports all of them.
 */
#include "tend/content.h"
#include "tend/vec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S_MAX_HEADER_LINE 1000

/* The 1-based line of byte offset off in data. */
static int S_line_of(const char *data, size_t off)
{
    int line = 1;
    for (size_t i = 0; i < off; i++)
        if (data[i] == '\n')
            line++;
    return line;
}

/* Formats a problem and hands it to report (when there is one) with its
 * line. */
static void S_report(tend_content_report_fn report, void *ctx, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void S_report(tend_content_report_fn report, void *ctx, int line, const char *fmt, ...)
{
    char msg[TEND_ERROR_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (report)
        report(ctx, line, msg);
}

/* Checks the whole file is text: no NUL byte, valid UTF-8. Reports the first
 * offender and returns false. */
static bool S_check_text(const char *data, size_t len, tend_content_report_fn report, void *ctx)
{
    const char *nul = memchr(data, '\0', len);
    if (nul) {
        S_report(report, ctx, S_line_of(data, (size_t)(nul - data)),
                 "the file holds a NUL byte; save it as plain UTF-8 text");
        return false;
    }
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = tend_utf8_decode(data + i, len - i, &cp);
        if (cp == 0xFFFD && n == 1) {
            S_report(report, ctx, S_line_of(data, i),
                     "invalid UTF-8 (byte 0x%02x); save the file as UTF-8",
                     (unsigned)(unsigned char)data[i]);
            return false;
        }
        i += n;
    }
    return true;
}

/* True for a character a header key may hold: a-z and '_'. */
static bool S_is_key_char(char c)
{
    return (c >= 'a' && c <= 'z') || c == '_';
}

/* True when key[0..n) is one of the NULL-terminated allowed keys. */
static bool S_allowed(const char *const *allowed, const char *key, size_t n)
{
    for (size_t i = 0; allowed[i]; i++)
        if (strlen(allowed[i]) == n && memcmp(allowed[i], key, n) == 0)
            return true;
    return false;
}

/* Writes the allowed keys joined by ", " ("title, summary, section") to out
 * (cap bytes, cut short when it does not fit). */
static void S_expected(const char *const *allowed, char *out, size_t cap)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; allowed[i] && used < cap; i++) {
        int n = snprintf(out + used, cap - used, "%s%s", i ? ", " : "", allowed[i]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

/* Appends the field key[0..klen) = val[0..vlen) at line to fm (copies).
 * TEND_ENOMEM (fm unchanged) or TEND_OK. */
static tend_status S_add_field(tend_frontmatter *fm, const char *key, size_t klen,
                               const char *val, size_t vlen, int line)
{
    if (tend_grow(&fm->fields, &fm->cap_fields, fm->nfields + 1, sizeof *fm->fields, false) !=
        TEND_OK)
        return TEND_ENOMEM;
    tend_fm_field *f = fm->fields;
    char *k = tend_strndup(key, klen);
    char *v = tend_strndup(val, vlen);
    if (!k || !v) {
        free(k);
        free(v);
        return TEND_ENOMEM;
    }
    f[fm->nfields].key = k;
    f[fm->nfields].value = v;
    f[fm->nfields].line = line;
    fm->nfields++;
    return TEND_OK;
}

/* Reads one header line s[0..n) (without its line ending). Returns
 * TEND_EINVAL after reporting a problem, TEND_ENOMEM, or TEND_OK. */
static tend_status S_header_line(tend_frontmatter *fm, const char *s, size_t n, int line,
                                 const char *const *allowed, tend_content_report_fn report,
                                 void *ctx)
{
    if (n > S_MAX_HEADER_LINE) {
        S_report(report, ctx, line, "header line is too long (%zu bytes; at most %d)", n,
                 S_MAX_HEADER_LINE);
        return TEND_EINVAL;
    }
    size_t k = 0;
    while (k < n && S_is_key_char(s[k]))
        k++;
    if (k == 0 || k >= n || s[k] != ':' || (k + 1 < n && s[k + 1] != ' ' && s[k + 1] != '\t')) {
        size_t show = n < 60 ? n : 60;
        while (show > 0 && show < n && ((unsigned char)s[show] & 0xC0) == 0x80)
            show--; /* never cut a character in two */
        S_report(report, ctx, line,
                 "malformed header line '%.*s%s' (expected 'key: value' with a lower-case key)",
                 (int)show, s, show < n ? "..." : "");
        return TEND_EINVAL;
    }
    if (allowed && !S_allowed(allowed, s, k)) {
        char exp[400];
        S_expected(allowed, exp, sizeof exp);
        S_report(report, ctx, line, "unknown key '%.*s' (expected one of %s)", (int)k, s, exp);
        return TEND_EINVAL;
    }
    for (size_t i = 0; i < fm->nfields; i++) {
        if (strlen(fm->fields[i].key) == k && memcmp(fm->fields[i].key, s, k) == 0) {
            S_report(report, ctx, line, "duplicate key '%.*s' (first on line %d)", (int)k, s,
                     fm->fields[i].line);
            return TEND_EINVAL;
        }
    }
    const char *v = s + k + 1;
    const char *end = s + n;
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    return S_add_field(fm, s, k, v, (size_t)(end - v), line);
}

/* True when a line of exactly "---" (CR allowed) comes after the first line. */
static bool S_has_closing_fence(const char *s, size_t len)
{
    const char *nl = memchr(s, '\n', len);
    while (nl) {
        size_t off = (size_t)(nl - s) + 1;
        const char *next = memchr(s + off, '\n', len - off);
        size_t n = next ? (size_t)(next - (s + off)) : len - off;
        if (n > 0 && s[off + n - 1] == '\r')
            n--;
        if (n == 3 && memcmp(s + off, "---", 3) == 0)
            return true;
        nl = next;
    }
    return false;
}

tend_status tend_fm_parse(const char *data, size_t len, const char *const *allowed,
                          tend_frontmatter *fm, tend_content_report_fn report, void *ctx)
{
    memset(fm, 0, sizeof *fm);
    fm->body = data + len;
    fm->body_line = 1;
    if (len == 0) {
        S_report(report, ctx, 1, "missing header: the file is empty; it must start with a '---' line");
        return TEND_EINVAL;
    }
    if (!S_check_text(data, len, report, ctx))
        return TEND_EINVAL;

    size_t pos = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        pos = 3; /* a byte-order mark some editors add */
    if (!S_has_closing_fence(data + pos, len - pos)) {
        /* Say so once, rather than calling every body line a bad header line. */
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (data + pos)) : len - pos;
        if (n > 0 && data[pos + n - 1] == '\r')
            n--;
        if (n == 3 && memcmp(data + pos, "---", 3) == 0)
            S_report(report, ctx, 1, "unterminated header: no closing '---' line after the "
                                     "'key: value' lines");
        else
            S_report(report, ctx, 1, "missing header: the first line must be '---', then "
                                     "'key: value' lines, then '---'");
        return TEND_EINVAL;
    }
    tend_status st = TEND_OK;
    int line = 0;
    bool open = false, closed = false;
    while (pos < len) {
        const char *s = data + pos;
        const char *nl = memchr(s, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - s) : len - pos;
        pos += n + (nl ? 1 : 0);
        line++;
        if (n > 0 && s[n - 1] == '\r')
            n--;
        bool fence = n == 3 && memcmp(s, "---", 3) == 0;
        if (!open) {
            if (!fence) {
                S_report(report, ctx, line,
                         "missing header: the first line must be '---', then 'key: value' "
                         "lines, then '---'");
                return TEND_EINVAL;
            }
            open = true;
            continue;
        }
        if (fence) {
            closed = true;
            break;
        }
        tend_status r = S_header_line(fm, s, n, line, allowed, report, ctx);
        if (r == TEND_ENOMEM) {
            tend_fm_free(fm);
            return r;
        }
        if (r != TEND_OK)
            st = TEND_EINVAL;
    }
    if (!closed) {
        S_report(report, ctx, 1, "unterminated header: no closing '---' line after the 'key: value' lines");
        return TEND_EINVAL;
    }
    fm->body = data + pos;
    fm->body_len = len - pos;
    fm->body_line = line + 1;
    return st;
}

const char *tend_fm_get(const tend_frontmatter *fm, const char *key)
{
    for (size_t i = 0; i < fm->nfields; i++)
        if (strcmp(fm->fields[i].key, key) == 0)
            return fm->fields[i].value;
    return NULL;
}

int tend_fm_line(const tend_frontmatter *fm, const char *key)
{
    for (size_t i = 0; i < fm->nfields; i++)
        if (strcmp(fm->fields[i].key, key) == 0)
            return fm->fields[i].line;
    return 0;
}

void tend_fm_free(tend_frontmatter *fm)
{
    for (size_t i = 0; i < fm->nfields; i++) {
        free((char *)fm->fields[i].key);
        free((char *)fm->fields[i].value);
    }
    free(fm->fields);
    memset(fm, 0, sizeof *fm);
}
