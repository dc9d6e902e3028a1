/*
 * frame.c — small helpers every screen of the frame shares (frame_int.h):
 * the title row, the region of the support lines, the passphrase hint and
 * a menu's owned labels.
 */
#include "frame_int.h"

#include "tend/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Contract in frame_int.h. */
void frame_title(tend_app *app, tend_session *s, const char *name)
{
    int rows, cols;
    tend_ui_size(app, &rows, &cols);
    char title[96];
    snprintf(title, sizeof title, "tend \xc2\xb7 %s", name);
    char date[TEND_DATE_MAX] = "";
    if (cols >= 60) {
        int64_t t = tend_app_time(app);
        tend_format_date(t, tend_local_offset(t), date);
    }
    (void)s;
    tend_ui_title(app, title, date);
}

/* Contract in frame_int.h. */
const tend_region *frame_region(tend_session *s)
{
    if (!s->content || tend_content_region_count(s->content) == 0)
        return NULL;
    const tend_region *r = NULL;
    if (s->region[0])
        r = tend_content_region_find(s->content, s->region);
    if (!r)
        r = tend_content_region_find(s->content, "intl");
    if (!r)
        r = tend_content_region(s->content, 0);
    return r;
}

/* Contract in frame_int.h. */
const char *frame_pass_hint(const char *p, size_t len)
{
    if (len == 0)
        return "";
    int words = 1;
    for (size_t i = 0; i < len; i++)
        if (p[i] == ' ' && i + 1 < len && p[i + 1] != ' ')
            words++;
    size_t chars = tend_utf8_width(p, len);
    if (chars < 8)
        return "Short. A few more characters make it much harder to guess.";
    if (chars < 14 && words < 3)
        return "Fair. Longer is stronger: several unrelated words work well.";
    return "Good length.";
}

/* Contract in frame_int.h. */
tend_status frame_labels_add(frame_labels *l, const char *a, const char *sep, const char *b)
{
    size_t la = strlen(a), ls = strlen(sep), lb = strlen(b);
    char *s = malloc(la + ls + lb + 1);
    if (!s)
        return TEND_ENOMEM;
    memcpy(s, a, la);
    memcpy(s + la, sep, ls);
    memcpy(s + la + ls, b, lb + 1);
    if (tend_vec_push(l, s) != TEND_OK) {
        tend_wipe_str(s);
        return TEND_ENOMEM;
    }
    return TEND_OK;
}

/* Contract in frame_int.h. */
void frame_labels_free(frame_labels *l)
{
    for (size_t i = 0; i < l->n; i++)
        tend_wipe_str(l->v[i]);
    tend_vec_free(l);
}

/* Contract in frame_int.h. */
tend_menu frame_labels_menu(const frame_labels *l, int sel)
{
    int n = (int)l->n;
    return (tend_menu){ (const char *const *)l->v, n, sel >= 0 && sel < n ? sel : 0, 0 };
}
