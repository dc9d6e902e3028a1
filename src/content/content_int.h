/*
 * content_int.h — what the files of src/content share and nobody else sees:
 * the layout of a content set, its string arena, and the per-kind parsers.
 */
#ifndef TEND_CONTENT_INT_H
#define TEND_CONTENT_INT_H

#include "tend/content.h"

/* Every string and item array a set hands out lives in its arena, freed in
 * one go with the set. */
typedef struct tend_ci_chunk tend_ci_chunk;

typedef struct {
    tend_content_problem pub;
    size_t file_idx;  /* for sorting: problems come in file order */
    size_t seq;       /* then line, then the order they were found */
} tend_ci_problem;

/* A link from a page to a .md target, checked once every file is known. */
typedef struct {
    size_t file_idx;
    const char *href;
    int line;
} tend_ci_link;

struct tend_content {
    tend_ci_chunk *arena;
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
    tend_ci_problem *problems;
    size_t nproblems, cap_problems;
    tend_ci_link *links;
    size_t nlinks, cap_links;
    bool oom;         /* memory ran out while reporting a problem */
};

/* n bytes from the set's arena, aligned for any type; NULL on ENOMEM. */
void *tend_ci_alloc(tend_content *c, size_t n);
/* Copies of s[0..n) / s into the arena; NULL on ENOMEM. */
char *tend_ci_strndup(tend_content *c, const char *s, size_t n);
char *tend_ci_strdup(tend_content *c, const char *s);

/* Makes room for one more element in *arr (a malloc'd array of size-byte
 * elements holding n, with capacity *cap). TEND_ENOMEM on failure. */
tend_status tend_ci_grow(void **arr, size_t *cap, size_t n, size_t size);

/* Records a problem in file file_idx (line 0 = the whole file). Sets c->oom
 * when memory runs out. */
void tend_ci_problem_add(tend_content *c, size_t file_idx, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Parses and validates files[file_idx] by its folder, adding the item it
 * defines (when valid) and its problems to c. Returns TEND_ENOMEM or
 * TEND_OK (problems are not a failure here). */
tend_status tend_ci_parse_file(tend_content *c, size_t file_idx);

/* Parses and validates the check-in definition files[file_idx] (checkin.c),
 * adding it to c when valid. TEND_ENOMEM or TEND_OK, as tend_ci_parse_file. */
tend_status tend_ci_parse_checkin(tend_content *c, size_t file_idx);

/* Sorts the check-in definitions by order, then id (checkin.c). */
void tend_ci_sort_checkins(tend_content *c);

/* What a link target is. */
typedef enum {
    TEND_CI_LINK_PAGE,      /* "attachment.md", "./attachment.md#x": name gets "attachment.md" */
    TEND_CI_LINK_URL,       /* https://... : shown, never opened */
    TEND_CI_LINK_ANCHOR,    /* "#section" within the page */
    TEND_CI_LINK_INSECURE,  /* another scheme: http:, mailto:, ... */
    TEND_CI_LINK_OTHER      /* anything else: a path into another folder, a non-.md file */
} tend_ci_link_kind_t;

/* Classifies href; for a page link writes its file name to name (cap
 * bytes; a name that does not fit makes it TEND_CI_LINK_OTHER). */
tend_ci_link_kind_t tend_ci_link_kind(const char *href, char *name, size_t cap);

/* Checks the pending page links against the files of the set. */
void tend_ci_check_links(tend_content *c);

#endif
