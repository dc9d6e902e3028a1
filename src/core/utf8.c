/*
 * utf8.c — UTF-8 decoding, character clusters and terminal display width.
 *
 * Width comes from the C library's wcwidth (tend_locale_init makes sure the
 * locale is UTF-8); clusters are a base character followed by combining
 * marks, variation selectors, emoji modifiers and ZWJ-joined characters. That
 * is what a terminal draws as one glyph in practice, and it is the unit that
 * cursor moves, wrapping and cutting never split.
 */
#include "tend/core.h"

#include <string.h>
#include <wchar.h>

size_t tend_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (len == 0) {
        *cp = 0;
        return 0;
    }
    unsigned char c = u[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    uint32_t v, min;
    if ((c & 0xE0) == 0xC0) {
        n = 2; v = c & 0x1F; min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3; v = c & 0x0F; min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4; v = c & 0x07; min = 0x10000;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if (len < n) {
        *cp = 0xFFFD;
        return 1;
    }
    for (size_t i = 1; i < n; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (u[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = v;
    return n;
}

size_t tend_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return 0;
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp <= 0x10FFFF) {
        o[0] = (unsigned char)(0xF0 | (cp >> 18));
        o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[3] = (unsigned char)(0x80 | (cp & 0x3F));
        return 4;
    }
    return 0;
}

bool tend_utf8_valid(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        /* ASCII, the common case, eight bytes at a time. */
        if (len - i >= 8) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (!(w & UINT64_C(0x8080808080808080))) {
                i += 8;
                continue;
            }
        }
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = tend_utf8_decode(s + i, len - i, &cp);
        if (cp == 0xFFFD && n == 1 && (unsigned char)s[i] >= 0x80)
            return false;
        i += n;
    }
    return true;
}

#define ZWJ 0x200D

bool tend_cp_is_extend(uint32_t cp)
{
    if (cp == ZWJ || cp == 0x200C)
        return true;
    if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF))
        return true; /* variation selectors */
    if (cp >= 0x1F3FB && cp <= 0x1F3FF)
        return true; /* emoji skin-tone modifiers */
    if (cp >= 0xE0020 && cp <= 0xE007F)
        return true; /* tag characters (flag sequences) */
    if (cp < 0x300)
        return false;
    return wcwidth((wchar_t)cp) == 0;
}

int tend_cp_width(uint32_t cp)
{
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
        return 1;
    if (tend_cp_is_extend(cp))
        return 0;
    int w = wcwidth((wchar_t)cp);
    if (w < 0)
        return 1;
    return w > 2 ? 2 : w;
}

size_t tend_utf8_next(const char *s, size_t len, size_t pos)
{
    if (pos >= len)
        return len;
    uint32_t cp;
    size_t i = pos + tend_utf8_decode(s + pos, len - pos, &cp);
    bool joined = (cp == ZWJ);
    while (i < len) {
        uint32_t next;
        size_t n = tend_utf8_decode(s + i, len - i, &next);
        if (!joined && !tend_cp_is_extend(next))
            break;
        joined = (next == ZWJ);
        i += n;
    }
    return i;
}

/* Start of the code point that ends at pos (pos > 0). */
static size_t S_prev_cp(const char *s, size_t pos)
{
    size_t p = pos - 1;
    int back = 0;
    while (p > 0 && back < 3 && ((unsigned char)s[p] & 0xC0) == 0x80) {
        p--;
        back++;
    }
    uint32_t cp;
    if (tend_utf8_decode(s + p, pos - p, &cp) == pos - p)
        return p;
    return pos - 1;
}

size_t tend_utf8_prev(const char *s, size_t len, size_t pos)
{
    if (pos > len)
        pos = len;
    if (pos == 0)
        return 0;
    size_t p = S_prev_cp(s, pos);
    while (p > 0) {
        uint32_t cp, before;
        tend_utf8_decode(s + p, len - p, &cp);
        size_t q = S_prev_cp(s, p);
        tend_utf8_decode(s + q, len - q, &before);
        if (!tend_cp_is_extend(cp) && before != ZWJ)
            break;
        p = q;
    }
    return p;
}

size_t tend_utf8_width(const char *s, size_t len)
{
    size_t w = 0, i = 0;
    while (i < len) {
        uint32_t cp;
        i += tend_utf8_decode(s + i, len - i, &cp);
        w += (size_t)tend_cp_width(cp);
    }
    return w;
}

size_t tend_utf8_fit(const char *s, size_t len, size_t cols, size_t *used)
{
    size_t i = 0, w = 0;
    while (i < len) {
        size_t j = tend_utf8_next(s, len, i);
        size_t cw = tend_utf8_width(s + i, j - i);
        if (w + cw > cols)
            break;
        w += cw;
        i = j;
    }
    if (used)
        *used = w;
    return i;
}
