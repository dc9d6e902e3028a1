/*
 * port.c — the ground export and import stand on: record sets gathered
 * from the journal, summaries for a preview, files written in full or not
 * at all, jansson's wiping allocator and base64.
 */
#include "port_int.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- jansson's allocator ----------------------------------------------------
 * Every block carries its size in a 16-byte prefix so it can be wiped on
 * free: JSON trees hold journal plaintext. */

#define S_PREFIX 16

static void *S_json_malloc(size_t n)
{
    if (n > SIZE_MAX - S_PREFIX)
        return NULL;
    unsigned char *p = malloc(n + S_PREFIX);
    if (!p)
        return NULL;
    memcpy(p, &n, sizeof n);
    return p + S_PREFIX;
}

static void S_json_free(void *q)
{
    if (!q)
        return;
    unsigned char *p = (unsigned char *)q - S_PREFIX;
    size_t n;
    memcpy(&n, p, sizeof n);
    tend_wipe_free(p, n + S_PREFIX);
}

void tend_port_json_init(void)
{
    static bool done;
    if (!done) {
        json_set_alloc_funcs(S_json_malloc, S_json_free);
        done = true;
    }
}

/* Runs before main, so every jansson value in the process — whichever
 * module makes it (list --format json uses jansson too) — comes from the
 * wiping allocator, and no block is ever freed by the other allocator. */
__attribute__((constructor)) static void S_json_at_start(void)
{
    tend_port_json_init();
}

/* ---- base64 ------------------------------------------------------------------ */

static const char S_b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

tend_status tend_port_b64_encode(const unsigned char *p, size_t n, tend_buf *out)
{
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)p[i + 1] << 8;
        if (i + 2 < n)
            v |= p[i + 2];
        char q[4] = { S_b64[v >> 18 & 63], S_b64[v >> 12 & 63],
                      i + 1 < n ? S_b64[v >> 6 & 63] : '=', i + 2 < n ? S_b64[v & 63] : '=' };
        if (tend_buf_append(out, q, 4) != TEND_OK)
            return TEND_ENOMEM;
    }
    return TEND_OK;
}

static int S_b64_value(char c)
{
    const char *p = c ? strchr(S_b64, c) : NULL;
    return p ? (int)(p - S_b64) : -1;
}

bool tend_port_b64_decode(const char *s, size_t n, unsigned char **out, size_t *outlen,
                          bool *oom)
{
    *out = NULL;
    *outlen = 0;
    *oom = false;
    if (n % 4)
        return false;
    if (n == 0)
        return true;
    size_t pad = s[n - 1] == '=' ? (s[n - 2] == '=' ? 2 : 1) : 0;
    size_t len = n / 4 * 3 - pad;
    unsigned char *b = malloc(len ? len : 1);
    if (!b) {
        *oom = true;
        return false;
    }
    size_t o = 0;
    for (size_t i = 0; i < n; i += 4) {
        unsigned v = 0;
        for (size_t k = 0; k < 4; k++) {
            int x = S_b64_value(s[i + k]);
            bool padded = i + 4 == n && k >= 4 - pad;
            if (padded ? s[i + k] != '=' : x < 0) {
                tend_wipe_free(b, len ? len : 1);
                return false;
            }
            v = v << 6 | (unsigned)(padded ? 0 : x);
        }
        unsigned char t[3] = { (unsigned char)(v >> 16), (unsigned char)(v >> 8),
                               (unsigned char)v };
        for (size_t k = 0; k < 3 && o < len; k++)
            b[o++] = t[k];
        /* Bits under the padding must be zero (the canonical form). */
        if (i + 4 == n && ((pad == 1 && (v & 0xff)) || (pad == 2 && (v & 0xffff)))) {
            tend_wipe_free(b, len ? len : 1);
            return false;
        }
    }
    *out = b;
    *outlen = len;
    return true;
}

/* ---- record sets ---------------------------------------------------------------- */

void tend_record_set_free(tend_record_set *s)
{
    for (size_t i = 0; i < s->n; i++)
        tend_record_clear(&s->v[i]);
    free(s->v);
    s->v = NULL;
    s->n = s->cap = s->ndamaged = 0;
}

tend_status tend_record_set_push(tend_record_set *s, tend_record *r)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        if (cap > SIZE_MAX / sizeof *s->v)
            return TEND_ENOMEM;
        tend_record *v = realloc(s->v, cap * sizeof *v);
        if (!v)
            return TEND_ENOMEM;
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n++] = *r;
    tend_record z = TEND_RECORD_INIT;
    *r = z;
    return TEND_OK;
}

static int S_oldest_first(const void *a, const void *b)
{
    const tend_head *x = &((const tend_record *)a)->head, *y = &((const tend_record *)b)->head;
    if (x->created != y->created)
        return x->created < y->created ? -1 : 1;
    return memcmp(x->uuid.b, y->uuid.b, sizeof x->uuid.b);
}

void tend_record_set_sort(tend_record_set *s)
{
    if (s->n > 1)
        qsort(s->v, s->n, sizeof *s->v, S_oldest_first);
}

/* Deep copy of a record into *dst (TEND_RECORD_INIT on failure). */
static tend_status S_record_copy(tend_record *dst, const tend_record *src)
{
    tend_record z = TEND_RECORD_INIT;
    *dst = z;
    if (tend_head_copy(&dst->head, &src->head) != TEND_OK)
        return TEND_ENOMEM;
    if ((src->body && tend_record_set_body(dst, src->body, src->body_len) != TEND_OK) ||
        (src->body_extra_len &&
         !(dst->body_extra = malloc(src->body_extra_len)))) {
        tend_record_clear(dst);
        return TEND_ENOMEM;
    }
    if (src->body_extra_len) {
        memcpy(dst->body_extra, src->body_extra, src->body_extra_len);
        dst->body_extra_len = src->body_extra_len;
    }
    return TEND_OK;
}

typedef struct {
    tend_record_set *set;
    bool skip_private;
} S_collect_ctx;

static tend_status S_collect_one(void *ctx, const tend_record *rec, int64_t added)
{
    (void)added; /* the set is sorted after (tend_record_set_sort) */
    S_collect_ctx *c = ctx;
    if (c->skip_private && (rec->head.flags & TEND_FLAG_PRIVATE))
        return TEND_OK;
    tend_record r;
    if (S_record_copy(&r, rec) != TEND_OK)
        return TEND_ENOMEM;
    if (tend_record_set_push(c->set, &r) != TEND_OK) {
        tend_record_clear(&r);
        return TEND_ENOMEM;
    }
    return TEND_OK;
}

tend_status tend_port_collect(tend_journal *j, const tend_filter *f, bool skip_private,
                              tend_record_set *out, tend_error *err)
{
    tend_record_set_free(out);
    S_collect_ctx c = { out, skip_private };
    size_t damaged = 0;
    tend_error e2;
    tend_error_clear(&e2);
    /* One pass over the file in stored order: the set is sorted after. */
    tend_status st = tend_journal_scan(j, f, S_collect_one, &c, &damaged, &e2);
    if (st != TEND_OK) {
        tend_record_set_free(out);
        if (e2.code != TEND_OK && err)
            *err = e2;
        else
            tend_fail(err, st, "out of memory while gathering the records");
        return st;
    }
    out->ndamaged = damaged;
    tend_record_set_sort(out);
    return TEND_OK;
}

/* Adds h to the summary out; *first says whether it is the first. */
static void S_sum_one(tend_port_summary *out, const tend_head *h, bool *first, int64_t *lo,
                      int64_t *hi)
{
    if (h->kind == TEND_KIND_ENTRY)
        out->entries++;
    else if (h->kind == TEND_KIND_CHECKIN)
        out->checkins++;
    else
        out->others++;
    int64_t day = tend_local_day(h->created, h->utc_offset);
    if (*first || day < *lo) {
        *lo = day;
        tend_format_date(h->created, h->utc_offset, out->first);
    }
    if (*first || day > *hi) {
        *hi = day;
        tend_format_date(h->created, h->utc_offset, out->last);
    }
    *first = false;
}

void tend_port_summarize(const tend_record_set *s, tend_port_summary *out)
{
    memset(out, 0, sizeof *out);
    int64_t lo = 0, hi = 0;
    bool first = true;
    for (size_t i = 0; i < s->n; i++)
        S_sum_one(out, &s->v[i].head, &first, &lo, &hi);
}

void tend_port_summarize_heads(const tend_head *heads, size_t n, bool skip_private,
                               tend_port_summary *out)
{
    memset(out, 0, sizeof *out);
    int64_t lo = 0, hi = 0;
    bool first = true;
    for (size_t i = 0; i < n; i++)
        if (!skip_private || !(heads[i].flags & TEND_FLAG_PRIVATE))
            S_sum_one(out, &heads[i], &first, &lo, &hi);
}

tend_status tend_port_days(const tend_record_set *s, char (**days)[TEND_DATE_MAX], size_t *n,
                           tend_error *err)
{
    *days = NULL;
    *n = 0;
    if (s->n == 0)
        return TEND_OK;
    char (*d)[TEND_DATE_MAX] = calloc(s->n, sizeof *d);
    if (!d)
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    size_t k = 0;
    for (size_t i = 0; i < s->n; i++) {
        char day[TEND_DATE_MAX];
        tend_format_date(s->v[i].head.created, s->v[i].head.utc_offset, day);
        size_t m = 0;
        while (m < k && strcmp(d[m], day) != 0)
            m++;
        if (m == k)
            memcpy(d[k++], day, sizeof day);
    }
    *days = d;
    *n = k;
    return TEND_OK;
}

bool tend_port_same_text(const tend_record *a, const tend_record *b)
{
    const tend_head *x = &a->head, *y = &b->head;
    const char *ta = x->title ? x->title : "", *tb = y->title ? y->title : "";
    size_t la = a->body ? a->body_len : 0, lb = b->body ? b->body_len : 0;
    if (x->created != y->created || x->kind != y->kind || strcmp(ta, tb) != 0 || la != lb ||
        (la && memcmp(a->body, b->body, la) != 0) || x->nfields != y->nfields)
        return false;
    for (size_t i = 0; i < x->nfields; i++)
        if (strcmp(x->fields[i].key, y->fields[i].key) != 0 ||
            strcmp(x->fields[i].value, y->fields[i].value) != 0)
            return false;
    return true;
}

/* ---- files ------------------------------------------------------------------------ */

tend_status tend_port_read_file(const char *path, size_t max, tend_buf *out, tend_error *err)
{
    tend_buf_reset(out);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        return tend_fail(err, e == ENOENT ? TEND_ENOTFOUND : TEND_EIO, "cannot open %s: %s",
                         path, strerror(e));
    }
    struct stat sb;
    tend_status st = TEND_OK;
    if (fstat(fd, &sb) != 0)
        st = tend_fail(err, TEND_EIO, "cannot read %s: %s", path, strerror(errno));
    else if (S_ISDIR(sb.st_mode))
        st = tend_fail(err, TEND_EINVAL, "%s is a folder, not a file", path);
    else if (S_ISREG(sb.st_mode) && (uint64_t)sb.st_size > max)
        st = tend_fail(err, TEND_EINVAL, "%s is larger than %zu bytes; tend will not read it",
                       path, max);
    char chunk[65536];
    while (st == TEND_OK) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            st = tend_fail(err, TEND_EIO, "cannot read %s: %s", path, strerror(errno));
            break;
        }
        if (n == 0)
            break;
        if (out->len + (size_t)n > max)
            st = tend_fail(err, TEND_EINVAL, "%s is larger than %zu bytes; tend will not read it",
                           path, max);
        else if (tend_buf_append(out, chunk, (size_t)n) != TEND_OK)
            st = tend_fail(err, TEND_ENOMEM, "out of memory reading %s", path);
    }
    tend_wipe(chunk, sizeof chunk);
    close(fd);
    if (st != TEND_OK)
        tend_buf_free(out);
    return st;
}

/* The folder part of path ("." when there is none); caller frees. */
static char *S_dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return tend_strdup(".");
    if (slash == path)
        return tend_strdup("/");
    return tend_strndup(path, (size_t)(slash - path));
}

static tend_status S_write_all(int fd, const unsigned char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return TEND_EIO;
        p += w;
        n -= (size_t)w;
    }
    return TEND_OK;
}

#define S_FILE_CHUNK 65536

struct tend_port_file {
    char *path;      /* where it goes */
    char *dir;       /* its folder */
    tend_buf tmp;    /* the temporary file's name */
    int fd;          /* the temporary file */
    int e;           /* first errno of a failed write, 0 when none */
    tend_buf pend;   /* bytes not yet written (plaintext: wiped) */
};

static void S_file_free(tend_port_file *f)
{
    if (f->fd >= 0)
        close(f->fd);
    if (f->tmp.data)
        unlink(f->tmp.data);
    free(f->path);
    free(f->dir);
    tend_buf_free(&f->tmp);
    tend_buf_free(&f->pend);
    free(f);
}

tend_status tend_port_file_begin(const char *path, tend_port_file **out, tend_error *err)
{
    struct stat sb;
    *out = NULL;
    if (!path || !*path)
        return tend_fail(err, TEND_EUSAGE, "no file name given");
    if (lstat(path, &sb) == 0)
        return tend_fail(err, TEND_EEXIST, "%s already exists; tend will not overwrite it; "
                         "choose a new name", path);
    tend_port_file *f = calloc(1, sizeof *f);
    if (!f)
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    f->fd = -1;
    f->path = tend_strdup(path);
    f->dir = S_dir_of(path);
    if (!f->path || !f->dir || tend_buf_printf(&f->tmp, "%s/.tend-export-XXXXXX", f->dir) != TEND_OK) {
        tend_buf_free(&f->tmp); /* no file was made: nothing to unlink */
        S_file_free(f);
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    }
    f->fd = mkstemp(f->tmp.data);
    if (f->fd < 0) {
        tend_status st = tend_fail(err, TEND_EIO, "cannot create a file in %s: %s", f->dir,
                                   strerror(errno));
        tend_buf_free(&f->tmp);
        S_file_free(f);
        return st;
    }
    if (fchmod(f->fd, 0600) != 0)
        f->e = errno ? errno : EIO;
    *out = f;
    return TEND_OK;
}

/* Writes out what f->pend holds and wipes it. */
static void S_file_flush(tend_port_file *f)
{
    if (!f->e && f->pend.len &&
        S_write_all(f->fd, (const unsigned char *)f->pend.data, f->pend.len) != TEND_OK)
        f->e = errno ? errno : EIO;
    tend_buf_clear(&f->pend);
}

static tend_status S_file_failed(tend_port_file *f, tend_error *err)
{
    return tend_fail(err, TEND_EIO, "could not write %s: %s; nothing was left behind", f->path,
                     strerror(f->e));
}

tend_status tend_port_file_write(void *file, const void *data, size_t len, tend_error *err)
{
    tend_port_file *f = file;
    if (f->e)
        return S_file_failed(f, err);
    if (len >= S_FILE_CHUNK) {
        S_file_flush(f);
        if (!f->e && S_write_all(f->fd, data, len) != TEND_OK)
            f->e = errno ? errno : EIO;
    } else {
        if (f->pend.len + len > S_FILE_CHUNK)
            S_file_flush(f);
        if (!f->e && tend_buf_append(&f->pend, data, len) != TEND_OK)
            return tend_fail(err, TEND_ENOMEM, "out of memory");
    }
    return f->e ? S_file_failed(f, err) : TEND_OK;
}

void tend_port_file_abort(tend_port_file *f)
{
    if (f)
        S_file_free(f);
}

tend_status tend_port_file_commit(tend_port_file *f, tend_error *err)
{
    struct stat sb;
    S_file_flush(f);
    int e = f->e;
    if (!e && fsync(f->fd) != 0)
        e = errno ? errno : EIO;
    if (close(f->fd) != 0 && !e)
        e = errno;
    f->fd = -1;
    if (!e && link(f->tmp.data, f->path) != 0) {
        e = errno;
        /* Folders that cannot hold hard links: rename, after one more look. */
        if ((e == EPERM || e == EXDEV || e == ENOSYS || e == EOPNOTSUPP) &&
            lstat(f->path, &sb) != 0 && rename(f->tmp.data, f->path) == 0)
            e = 0;
    }
    tend_status st = TEND_OK;
    if (e == EEXIST)
        st = tend_fail(err, TEND_EEXIST, "%s already exists; tend will not overwrite it; "
                       "choose a new name", f->path);
    else if (e)
        st = tend_fail(err, TEND_EIO, "could not write %s: %s; nothing was left behind",
                       f->path, strerror(e));
    unlink(f->tmp.data); /* gone after a rename too: then this fails harmlessly */
    tend_buf_free(&f->tmp);
    if (st == TEND_OK) {
        int dfd = open(f->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd < 0 || fsync(dfd) != 0) {
            e = errno;
            unlink(f->path);
            st = tend_fail(err, TEND_EIO, "could not write %s: %s; nothing was left behind",
                           f->path, strerror(e));
        }
        if (dfd >= 0)
            close(dfd);
    }
    S_file_free(f);
    return st;
}

tend_status tend_port_write_file(const char *path, const void *data, size_t len,
                                 tend_error *err)
{
    tend_port_file *f = NULL;
    tend_status st = tend_port_file_begin(path, &f, err);
    if (st != TEND_OK)
        return st;
    /* Straight to the file: no copy through the buffer. */
    if (len && S_write_all(f->fd, data, len) != TEND_OK)
        f->e = errno ? errno : EIO;
    return tend_port_file_commit(f, err);
}
