/*
 * content_int.h — what the files of src/content share and nobody else sees:
 * the layout of a content set with its string arena and problem list
 * (load.c), the parsing toolkit every file parser uses (toolkit.c), and the
 * parsers of each kind of file (parse.c, support.c, checkin.c).
 */
#ifndef TEND_CONTENT_INT_H
#define TEND_CONTENT_INT_H

#include "tend/content.h"

#include <cmark.h>
#include <stdarg.h>

/* Every string and item array a set hands out lives in its arena, freed in
 * one go with the set. */
typedef struct content_chunk content_chunk;

/* A problem as kept by the set: the public part plus its sort keys. */
typedef struct {
    tend_content_problem pub;
    size_t file_idx;  /* for sorting: problems come in file order */
    size_t seq;       /* then line, then the order they were found */
} content_problem_entry;

/* A link from a page to a .md target, checked once every file is known. */
typedef struct {
    size_t file_idx;
    const char *href;
    int line;
} content_link;

/* A retired region id (one a journal may still hold, e.g. "uk-ie") and the
 * region it resolves to now: the one region that replaced it, or a combined
 * region in the arena whose choices are the regions that replaced it. */
typedef struct {
    const char *id;
    const tend_region *target;
} content_region_alias;

struct tend_content {
    content_chunk *arena;
    tend_content_file *files;
    size_t nfiles, cap_files;
    tend_page *pages;
    size_t npages, cap_pages;
    tend_tool *tools;
    size_t ntools, cap_tools;
    tend_region *regions;
    size_t nregions, cap_regions;
    tend_prompt_theme *themes;
    size_t nthemes, cap_themes;
    tend_checkin_def *checkins;    /* check-in definitions (checkin.c) */
    size_t ncheckins, cap_checkins;
    content_problem_entry *problems;
    size_t nproblems, cap_problems;
    content_link *links;
    size_t nlinks, cap_links;
    content_region_alias *aliases; /* retired region ids (support.c) */
    size_t naliases, cap_aliases;
    bool oom;         /* memory ran out while reporting a problem */
};

/* ---- the set (load.c) ------------------------------------------------------ */

/* n bytes from the set's arena, aligned for any type; NULL on ENOMEM. */
void *content_alloc(tend_content *c, size_t n);
/* Copies of s[0..n) / s into the arena; NULL on ENOMEM. */
char *content_strndup(tend_content *c, const char *s, size_t n);
char *content_strdup(tend_content *c, const char *s);

/* Records a problem in file file_idx (line 0 = the whole file). Sets c->oom
 * when memory runs out. */
void content_add_problem(tend_content *c, size_t file_idx, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void content_add_problem_v(tend_content *c, size_t file_idx, int line, const char *fmt,
                           va_list ap) __attribute__((format(printf, 4, 0)));

/* ---- the parsing toolkit (toolkit.c) ----------------------------------------
 * One file is parsed with one content_parser: its problems are recorded
 * against the file with the file's line numbers, and the parser remembers
 * whether any was found (bad) and whether memory ran out (oom). */

typedef struct {
    tend_content *c;
    size_t idx;       /* the file being parsed: c->files[idx] */
    int offset;       /* file line of body line 1, minus 1 */
    bool bad;         /* a problem was found in this file */
    bool oom;         /* memory ran out */
} content_parser;

/* A parser for c->files[idx], with nothing found yet. */
content_parser content_parser_for(tend_content *c, size_t idx);

/* Records a problem at line (0 = the whole file) and marks the file bad. */
void content_problem(content_parser *p, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Reads the file's header with tend_fm_parse (keys: the allowed keys, NULL-
 * terminated; NULL allows any), recording its problems, and, when the header
 * was found and closed, parses the body with cmark into *doc (NULL when not)
 * and sets p->offset. TEND_ENOMEM (nothing to free) or TEND_OK; the caller
 * then frees *doc with cmark_node_free and fm with tend_fm_free. */
tend_status content_begin(content_parser *p, const char *const *keys, tend_frontmatter *fm,
                          cmark_node **doc);

/* The file's name without its folder: "box-breathing.md". */
const char *content_file_name(const content_parser *p);

/* Checks the file's name is lower-case words joined by hyphens ending .md,
 * recording "file name ... e.g. '<example>'" at line 0 otherwise. */
void content_check_file_name(content_parser *p, const char *example);

/* Where the item being parsed came from (strings already in the arena). */
void content_src(const content_parser *p, const tend_frontmatter *fm, tend_content_src *src);

/* A required header key, and words added to "missing required key 'k'"
 * (e.g. " (a whole number, ...)"; "" for none). */
typedef struct {
    const char *key;
    const char *hint;
} content_required;

/* Records each key of req (ended by a NULL key) missing from fm (at line 1)
 * or present but empty (at its line). */
void content_require(content_parser *p, const tend_frontmatter *fm, const content_required *req);

/* Reads key as a whole number in [min, max] into *out. False when the key
 * is missing or empty (left to content_require) or bad (recorded). */
bool content_int(content_parser *p, const tend_frontmatter *fm, const char *key, int min,
                 int max, int *out);

/* Ids. A name id is lower-case letters and digits, words joined by single
 * '-' ("box-breathing", "uk"): file names, regions, themes. A match id also
 * joins words with '_' and '.' (matches entries: "triggers.conflict"). An
 * item id is [a-z0-9_]+ starting with a letter or digit (check-ins). */
bool content_is_name_id(const char *s, size_t n);
bool content_is_match_id(const char *s, size_t n);
bool content_is_item_id(const char *s);

/* The file line of node, looking at its parents when cmark gave it none;
 * 0 when none has one. */
int content_line(const content_parser *p, cmark_node *node);

/* The plain text of node's subtree (text and code as they are, breaks and
 * block ends as spaces), white space squeezed and trimmed, in the arena.
 * NULL (and p->oom) when memory runs out. */
char *content_text(content_parser *p, cmark_node *node);
/* The same for node and every sibling after it ("" when node is NULL). */
char *content_text_from(content_parser *p, cmark_node *node);

/* The first top-level list of the given type in doc, or NULL. */
cmark_node *content_first_list(cmark_node *doc, cmark_list_type type);

/* The items of list in the arena (markdown, plain text, line), at least one
 * slot allocated; an empty item is recorded as a problem. TEND_ENOMEM or
 * TEND_OK. */
tend_status content_items(content_parser *p, cmark_node *list, const tend_content_item **out,
                          size_t *n);

/* Body lines [from, to] (1-based, body-relative; to < 1 means to the end),
 * trimmed of surrounding blank lines, in the arena; NULL on ENOMEM. */
char *content_lines(tend_content *c, const char *body, size_t len, int from, int to);

/* The "## References" section of doc: it must be the last "## " section and
 * hold a list (each mistake recorded), and when required it must be there
 * (recorded as "no '## References' section ..."). *out gets the items of its
 * list (none when there is no section or list; never NULL on TEND_OK), and
 * *heading_line the heading's body line (1-based; 0 when there is none).
 * TEND_ENOMEM or TEND_OK. */
tend_status content_references(content_parser *p, cmark_node *doc, bool required,
                               const tend_content_item **out, size_t *n, int *heading_line);

/* ---- the kinds of file -------------------------------------------------------- */

/* Parses and validates files[file_idx] by its folder, adding the item it
 * defines (when valid) and its problems to c. Returns TEND_ENOMEM or
 * TEND_OK (problems are not a failure here). (parse.c) */
tend_status content_parse_file(tend_content *c, size_t file_idx);

/* A region from a support file (support.c), as content_parse_file. */
tend_status content_parse_region(content_parser *p, const tend_frontmatter *fm, cmark_node *doc);

/* Once every file is parsed and the regions sorted: resolves each retired
 * region id named by `replaces` to what replaced it (support.c). Problems
 * go to c; TEND_ENOMEM or TEND_OK. */
tend_status content_resolve_regions(tend_content *c);

/* Parses and validates the check-in definition files[file_idx] (checkin.c),
 * adding it to c when valid. TEND_ENOMEM or TEND_OK, as content_parse_file. */
tend_status content_parse_checkin(tend_content *c, size_t file_idx);

/* Sorts the check-in definitions by order, then id (checkin.c). */
void content_sort_checkins(tend_content *c);

/* What a link target is. */
typedef enum {
    CONTENT_LINK_PAGE,      /* "attachment.md", "./attachment.md#x": name gets "attachment.md" */
    CONTENT_LINK_URL,       /* https://... : shown, never opened */
    CONTENT_LINK_ANCHOR,    /* "#section" within the page */
    CONTENT_LINK_INSECURE,  /* another scheme: http:, mailto:, ... */
    CONTENT_LINK_OTHER      /* anything else: a path into another folder, a non-.md file */
} content_link_target;

/* Classifies href; for a page link writes its file name to name (cap
 * bytes; a name that does not fit makes it CONTENT_LINK_OTHER). (parse.c) */
content_link_target content_link_kind(const char *href, char *name, size_t cap);

/* Checks the pending page links against the files of the set. (parse.c) */
void content_check_links(tend_content *c);

#endif
