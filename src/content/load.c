/*
 * load.c — builds a content set: gathers the built-in files and a folder's
 * files (the folder's replace built-in ones with the same relative path),
 * hands each to its parser (parse.c, which passes regions to support.c and
 * check-ins to checkin.c), checks links between pages, sorts what came out
 * and resolves retired region ids. Also the set's accessors, its arena, and
 * its problem list.
 *
 * A set is always returned, even when files are broken: broken items are
 * left out and their problems listed, so the app still starts and
 * `tend content-check` can print every problem at once.
 */
#include "content_int.h"

#include "tend/content_data.h"
#include "tend/vec.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define S_MAX_FILE (1024 * 1024)

static const char *const S_kinds[] = { "pages", "tools", "support", "prompts", "checkins", NULL };

/* ---- arena ---------------------------------------------------------------- */

struct content_chunk {
    content_chunk *next;
    size_t used, cap;
    max_align_t data[];
};

void *content_alloc(tend_content *c, size_t n)
{
    size_t align = sizeof(max_align_t);
    n = (n + align - 1) / align * align;
    if (n == 0)
        n = align;
    content_chunk *k = c->arena;
    if (!k || k->cap - k->used < n) {
        size_t cap = n > 16384 ? n : 16384;
        k = malloc(sizeof *k + cap);
        if (!k)
            return NULL;
        k->used = 0;
        k->cap = cap;
        k->next = c->arena;
        c->arena = k;
    }
    void *p = (char *)k->data + k->used;
    k->used += n;
    return p;
}

char *content_strndup(tend_content *c, const char *s, size_t n)
{
    char *p = content_alloc(c, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *content_strdup(tend_content *c, const char *s)
{
    return content_strndup(c, s, strlen(s));
}

/* ---- problems ------------------------------------------------------------- */

/* order: 0 for problems about the set or a folder, file index + 1 for files. */
static void S_problem_v(tend_content *c, const char *origin, size_t order, int line,
                        const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

static void S_problem_v(tend_content *c, const char *origin, size_t order, int line,
                        const char *fmt, va_list ap)
{
    char msg[TEND_ERROR_MAX];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (tend_grow(&c->problems, &c->cap_problems, c->nproblems + 1, sizeof *c->problems,
                  false) != TEND_OK) {
        c->oom = true;
        return;
    }
    content_problem_entry *p = &c->problems[c->nproblems];
    p->pub.file = content_strdup(c, origin);
    p->pub.msg = content_strdup(c, msg);
    if (!p->pub.file || !p->pub.msg) {
        c->oom = true;
        return;
    }
    p->pub.line = line;
    p->file_idx = order;
    p->seq = c->nproblems;
    c->nproblems++;
}

/* Records a problem about the set or a folder (not one file), which sorts
 * before every file's; sets c->oom when memory runs out. */
static void S_problem(tend_content *c, const char *origin, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void S_problem(tend_content *c, const char *origin, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    S_problem_v(c, origin, 0, line, fmt, ap);
    va_end(ap);
}

void content_add_problem_v(tend_content *c, size_t file_idx, int line, const char *fmt,
                           va_list ap)
{
    S_problem_v(c, c->files[file_idx].origin, file_idx + 1, line, fmt, ap);
}

void content_add_problem(tend_content *c, size_t file_idx, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    content_add_problem_v(c, file_idx, line, fmt, ap);
    va_end(ap);
}

/* qsort order of problems: by file, then line, then the order found. */
static int S_cmp_problem(const void *a, const void *b)
{
    const content_problem_entry *x = a, *y = b;
    if (x->file_idx != y->file_idx)
        return x->file_idx < y->file_idx ? -1 : 1;
    if (x->pub.line != y->pub.line)
        return x->pub.line < y->pub.line ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* ---- gathering files ------------------------------------------------------ */

/* Adds a file, replacing one with the same path (a folder's file overrides a
 * built-in one). The strings must already live in the arena. */
static tend_status S_add_file(tend_content *c, const tend_content_file *f)
{
    for (size_t i = 0; i < c->nfiles; i++) {
        if (strcmp(c->files[i].path, f->path) == 0) {
            c->files[i] = *f;
            return TEND_OK;
        }
    }
    if (tend_grow(&c->files, &c->cap_files, c->nfiles + 1, sizeof *c->files, false) != TEND_OK)
        return TEND_ENOMEM;
    c->files[c->nfiles++] = *f;
    return TEND_OK;
}

/* True when path is "<kind>/<name>.md" with a known kind and no deeper
 * folder. */
static bool S_known_place(const char *path)
{
    const char *slash = strchr(path, '/');
    if (!slash || strchr(slash + 1, '/'))
        return false;
    for (size_t i = 0; S_kinds[i]; i++)
        if (strlen(S_kinds[i]) == (size_t)(slash - path) &&
            memcmp(S_kinds[i], path, (size_t)(slash - path)) == 0)
            return true;
    return false;
}

/* Adds in-memory files: the built-in table (builtin true: origins say
 * "<built-in>/") or files given by a caller (origin = path). */
static tend_status S_add_builtin(tend_content *c, const tend_embedded_file *files, size_t n,
                                 bool builtin)
{
    for (size_t i = 0; i < n; i++) {
        const tend_embedded_file *e = &files[i];
        char origin[1100];
        snprintf(origin, sizeof origin, "%s%s", builtin ? "<built-in>/" : "", e->path);
        if (!S_known_place(e->path)) {
            S_problem(c, origin, 0,
                      "not in a content folder (expected pages/, tools/, support/, prompts/ "
                      "or checkins/)");
            continue;
        }
        /* A caller's data is copied, so it is NUL-terminated as promised. */
        const char *data = builtin ? e->data : content_strndup(c, e->data, e->len);
        tend_content_file f = { content_strdup(c, e->path), content_strdup(c, origin), builtin,
                                data, e->len };
        if (!f.path || !f.origin || !f.data || S_add_file(c, &f) != TEND_OK)
            return TEND_ENOMEM;
    }
    return TEND_OK;
}

/* True when s ends with suffix. */
static bool S_ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Reads one file into the arena. Problems (unreadable, too large) are
 * recorded and the file skipped; only ENOMEM is returned as failure. */
static tend_status S_read_file(tend_content *c, const char *full, const char *rel)
{
    FILE *fp = fopen(full, "rb");
    if (!fp) {
        S_problem(c, full, 0, "cannot open the file: %s", strerror(errno));
        return TEND_OK;
    }
    struct stat sb;
    if (fstat(fileno(fp), &sb) != 0 || !S_ISREG(sb.st_mode)) {
        fclose(fp);
        return TEND_OK; /* a folder or device named *.md: not content */
    }
    if (sb.st_size > S_MAX_FILE) {
        fclose(fp);
        S_problem(c, full, 0, "the file is too large (%lld bytes; at most %d)",
                  (long long)sb.st_size, S_MAX_FILE);
        return TEND_OK;
    }
    size_t cap = (size_t)sb.st_size;
    char *data = content_alloc(c, cap + 2);
    if (!data) {
        fclose(fp);
        return TEND_ENOMEM;
    }
    /* Read one byte more than stat said, to notice a file that grew. */
    size_t n = fread(data, 1, cap + 1, fp);
    bool bad = ferror(fp) != 0;
    fclose(fp);
    if (bad || n > cap) {
        S_problem(c, full, 0, "cannot read the file%s", bad ? "" : ": it changed while being read");
        return TEND_OK;
    }
    data[n] = '\0';
    tend_content_file f = { content_strdup(c, rel), content_strdup(c, full), false, data, n };
    if (!f.path || !f.origin)
        return TEND_ENOMEM;
    return S_add_file(c, &f);
}

/* Adds the *.md files directly inside dir's content folders (pages/,
 * tools/, ...), replacing built-in files of the same path. A missing or
 * unreadable folder is a problem when required, else skipped. Only
 * TEND_ENOMEM is a failure. */
static tend_status S_add_dir(tend_content *c, const char *dir, bool required)
{
    struct stat sb;
    if (stat(dir, &sb) != 0) {
        if (required)
            S_problem(c, dir, 0, "cannot open the folder: %s", strerror(errno));
        return TEND_OK;
    }
    if (!S_ISDIR(sb.st_mode)) {
        if (required)
            S_problem(c, dir, 0, "not a folder; give the folder that holds pages/, tools/, ...");
        return TEND_OK;
    }
    size_t dlen = strlen(dir);
    while (dlen > 1 && dir[dlen - 1] == '/')
        dlen--;
    int found = 0;
    for (size_t k = 0; S_kinds[k]; k++) {
        char sub[4096];
        if (snprintf(sub, sizeof sub, "%.*s/%s", (int)dlen, dir, S_kinds[k]) >= (int)sizeof sub) {
            S_problem(c, dir, 0, "the folder's path is too long");
            return TEND_OK;
        }
        DIR *d = opendir(sub);
        if (!d) {
            if (errno != ENOENT && errno != ENOTDIR)
                S_problem(c, sub, 0, "cannot read the folder: %s", strerror(errno));
            continue;
        }
        found++;
        struct dirent *de;
        tend_status st = TEND_OK;
        errno = 0;
        while (st == TEND_OK && (de = readdir(d)) != NULL) {
            if (de->d_name[0] == '.' || !S_ends_with(de->d_name, ".md"))
                continue;
            char full[4096], rel[1024];
            if (snprintf(full, sizeof full, "%s/%s", sub, de->d_name) >= (int)sizeof full ||
                snprintf(rel, sizeof rel, "%s/%s", S_kinds[k], de->d_name) >= (int)sizeof rel) {
                S_problem(c, sub, 0, "a file name is too long: %.80s...", de->d_name);
                continue;
            }
            st = S_read_file(c, full, rel);
            errno = 0;
        }
        if (st == TEND_OK && errno != 0)
            S_problem(c, sub, 0, "cannot read the folder: %s", strerror(errno));
        closedir(d);
        if (st != TEND_OK)
            return st;
    }
    if (found == 0 && required)
        S_problem(c, dir, 0,
                  "no content here: expected folders pages/, tools/, support/, prompts/ or checkins/");
    return TEND_OK;
}

/* ---- sorting -------------------------------------------------------------- */

/* qsort order of files: by relative path. */
static int S_cmp_file(const void *a, const void *b)
{
    return strcmp(((const tend_content_file *)a)->path, ((const tend_content_file *)b)->path);
}

/* -1, 0 or 1 as a is less than, equal to or more than b. */
static int S_cmp_int(int a, int b)
{
    return a < b ? -1 : a > b;
}

/* qsort order of pages: by section, then order, then file name. */
static int S_cmp_page(const void *a, const void *b)
{
    const tend_page *x = a, *y = b;
    if (x->section != y->section)
        return S_cmp_int((int)x->section, (int)y->section);
    if (x->order != y->order)
        return S_cmp_int(x->order, y->order);
    return strcmp(x->name, y->name);
}

/* qsort order of tools: by order, then file name. */
static int S_cmp_tool(const void *a, const void *b)
{
    const tend_tool *x = a, *y = b;
    if (x->order != y->order)
        return S_cmp_int(x->order, y->order);
    return strcmp(x->name, y->name);
}

/* qsort order of regions: by order, then region id. */
static int S_cmp_region(const void *a, const void *b)
{
    const tend_region *x = a, *y = b;
    if (x->order != y->order)
        return S_cmp_int(x->order, y->order);
    return strcmp(x->region, y->region);
}

/* qsort order of prompt themes: by theme id. */
static int S_cmp_theme(const void *a, const void *b)
{
    return strcmp(((const tend_prompt_theme *)a)->theme, ((const tend_prompt_theme *)b)->theme);
}

/* ---- loading -------------------------------------------------------------- */

/* Parses the gathered files of c, checks links, sorts, and hands c to *out
 * (or frees it on ENOMEM). st is the status of the gathering. */
static tend_status S_finish(tend_content *c, tend_status st, tend_content **out, tend_error *err)
{
    if (st == TEND_OK && c->nfiles > 1)
        qsort(c->files, c->nfiles, sizeof *c->files, S_cmp_file);
    for (size_t i = 0; st == TEND_OK && i < c->nfiles; i++)
        st = content_parse_file(c, i);
    if (st == TEND_OK)
        content_check_links(c);
    if (st != TEND_OK || c->oom) {
        tend_content_free(c);
        return tend_fail(err, TEND_ENOMEM, "out of memory while loading the library");
    }
    if (c->npages > 1)
        qsort(c->pages, c->npages, sizeof *c->pages, S_cmp_page);
    if (c->ntools > 1)
        qsort(c->tools, c->ntools, sizeof *c->tools, S_cmp_tool);
    if (c->nregions > 1)
        qsort(c->regions, c->nregions, sizeof *c->regions, S_cmp_region);
    if (content_resolve_regions(c) != TEND_OK || c->oom) {
        tend_content_free(c);
        return tend_fail(err, TEND_ENOMEM, "out of memory while loading the library");
    }
    if (c->nthemes > 1)
        qsort(c->themes, c->nthemes, sizeof *c->themes, S_cmp_theme);
    content_sort_checkins(c);
    if (c->nproblems > 1)
        qsort(c->problems, c->nproblems, sizeof *c->problems, S_cmp_problem);
    *out = c;
    if (c->nproblems == 0)
        return TEND_OK;
    const tend_content_problem *p = &c->problems[0].pub;
    char where[300];
    if (p->line > 0)
        snprintf(where, sizeof where, "%s:%d", p->file, p->line);
    else
        snprintf(where, sizeof where, "%s", p->file);
    return tend_fail(err, TEND_EINVAL,
                     "%zu problem%s in the library content, the first at %s: %s; run "
                     "'tend content-check' to see them all",
                     c->nproblems, c->nproblems == 1 ? "" : "s", where, p->msg);
}

tend_status tend_content_load(const tend_content_opts *opts, tend_content **out, tend_error *err)
{
    *out = NULL;
    tend_content *c = calloc(1, sizeof *c);
    if (!c)
        return tend_fail(err, TEND_ENOMEM, "out of memory while loading the library");
    tend_status st = TEND_OK;
    if (opts->builtin)
        st = S_add_builtin(c, tend_embedded_files, tend_embedded_count, true);
    if (st == TEND_OK && opts->dir)
        st = S_add_dir(c, opts->dir, opts->dir_required);
    return S_finish(c, st, out, err);
}

tend_status tend_content_load_files(const tend_embedded_file *files, size_t n,
                                    tend_content **out, tend_error *err)
{
    *out = NULL;
    tend_content *c = calloc(1, sizeof *c);
    if (!c)
        return tend_fail(err, TEND_ENOMEM, "out of memory while loading the library");
    return S_finish(c, S_add_builtin(c, files, n, false), out, err);
}

char *tend_content_user_dir(void)
{
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    char buf[4096];
    int n;
    if (xdg && xdg[0] == '/')
        n = snprintf(buf, sizeof buf, "%s/tend/content", xdg);
    else if (home && home[0])
        n = snprintf(buf, sizeof buf, "%s/.local/share/tend/content", home);
    else
        return NULL;
    if (n < 0 || n >= (int)sizeof buf)
        return NULL;
    return tend_strdup(buf);
}

tend_status tend_content_load_default(const char *content_dir, tend_content **out,
                                      tend_error *err)
{
    tend_content_opts o = { true, content_dir, true };
    char *user = NULL;
    if (!content_dir) {
        user = tend_content_user_dir();
        o.dir = user;
        o.dir_required = false;
    }
    tend_status st = tend_content_load(&o, out, err);
    free(user);
    return st;
}

void tend_content_free(tend_content *c)
{
    if (!c)
        return;
    content_chunk *k = c->arena;
    while (k) {
        content_chunk *next = k->next;
        free(k);
        k = next;
    }
    free(c->files);
    free(c->pages);
    free(c->tools);
    free(c->regions);
    free(c->themes);
    free(c->checkins);
    free(c->problems);
    free(c->links);
    free(c->aliases);
    free(c);
}

/* ---- accessors ------------------------------------------------------------ */

const char *tend_section_name(tend_section s)
{
    static const char *const names[TEND_SECTION_COUNT] = {
        "Start here", "Understanding", "How it shows up", "Healing", "Getting help",
    };
    return (unsigned)s < TEND_SECTION_COUNT ? names[s] : NULL;
}

size_t tend_content_page_count(const tend_content *c) { return c->npages; }
const tend_page *tend_content_page(const tend_content *c, size_t i) { return &c->pages[i]; }
size_t tend_content_tool_count(const tend_content *c) { return c->ntools; }
const tend_tool *tend_content_tool(const tend_content *c, size_t i) { return &c->tools[i]; }
size_t tend_content_region_count(const tend_content *c) { return c->nregions; }
const tend_region *tend_content_region(const tend_content *c, size_t i) { return &c->regions[i]; }
size_t tend_content_theme_count(const tend_content *c) { return c->nthemes; }
const tend_prompt_theme *tend_content_theme(const tend_content *c, size_t i) { return &c->themes[i]; }
size_t tend_content_file_count(const tend_content *c) { return c->nfiles; }
const tend_content_file *tend_content_file_at(const tend_content *c, size_t i) { return &c->files[i]; }
size_t tend_content_problem_count(const tend_content *c) { return c->nproblems; }

const tend_content_problem *tend_content_problem_at(const tend_content *c, size_t i)
{
    return &c->problems[i].pub;
}

/* True when name equals want, or want plus ".md". */
static bool S_name_is(const char *name, const char *want)
{
    size_t n = strlen(want);
    if (strncmp(name, want, n) != 0)
        return false;
    return name[n] == '\0' || strcmp(name + n, ".md") == 0;
}

const tend_page *tend_content_page_find(const tend_content *c, const char *name)
{
    for (size_t i = 0; i < c->npages; i++)
        if (S_name_is(c->pages[i].name, name))
            return &c->pages[i];
    return NULL;
}

const tend_tool *tend_content_tool_find(const tend_content *c, const char *name)
{
    for (size_t i = 0; i < c->ntools; i++)
        if (S_name_is(c->tools[i].name, name))
            return &c->tools[i];
    return NULL;
}

const tend_prompt_theme *tend_content_theme_find(const tend_content *c, const char *theme)
{
    for (size_t i = 0; i < c->nthemes; i++)
        if (strcmp(c->themes[i].theme, theme) == 0)
            return &c->themes[i];
    return NULL;
}

const tend_content_file *tend_content_file_find(const tend_content *c, const char *path)
{
    for (size_t i = 0; i < c->nfiles; i++)
        if (strcmp(c->files[i].path, path) == 0)
            return &c->files[i];
    return NULL;
}

const tend_page *tend_content_page_by_link(const tend_content *c, const tend_page *from,
                                           const char *href)
{
    (void)from; /* pages link by file name within pages/ */
    char name[256];
    if (content_link_kind(href, name, sizeof name) != CONTENT_LINK_PAGE)
        return NULL;
    return tend_content_page_find(c, name);
}
