/*
 * content.h — the writing tend shows, loaded from content/ Markdown files:
 * library pages, exercises (tools), support lines per region, reflection
 * prompts, and (raw, for now) check-in definitions.
 *
 * Where the files come from: the built-in table compiled into the binary
 * (tend_embedded_files, include/tend/content_data.h) plus, optionally, one
 * folder of the person's own ($XDG_DATA_HOME/tend/content, or --content DIR)
 * whose files add to the built-in ones and replace any built-in file with the
 * same relative path ("pages/attachment.md"). Only *.md files directly inside
 * pages/ tools/ support/ prompts/ checkins/ are read; other files are ignored.
 *
 * Format (binding: content/README.md): a front-matter header of `key: value`
 * lines between two `---` lines, split off by hand, then a CommonMark body
 * parsed with cmark. Everything is validated at load; every problem found is
 * kept (not just the first) as `file:line: message`, and an item with a
 * problem is left out of the set, so the rest still loads and the app can
 * run. Nothing here prints, exits, or touches the terminal.
 *
 * Ownership: a tend_content owns every string and array reachable from it;
 * pointers stay valid until tend_content_free. All text is valid UTF-8 and
 * NUL-terminated. Content is not secret, so nothing here is wiped.
 */
#ifndef TEND_CONTENT_H
#define TEND_CONTENT_H

#include "tend/content_data.h"
#include "tend/core.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct tend_content tend_content;

/* Where an item came from, for messages. */
typedef struct {
    const char *path;    /* relative to the content root: "pages/attachment.md" */
    const char *origin;  /* as shown in messages: "content/pages/attachment.md"
                            for a folder, "<built-in>/pages/attachment.md" */
    bool builtin;        /* true when it came from the compiled-in table */
    int body_line;       /* file line (1-based) where the Markdown body starts */
} tend_content_src;

/* One entry of a list extracted from a body with cmark (a step, a prompt,
 * a support service). */
typedef struct {
    const char *markdown; /* the item as CommonMark (emphasis, links kept) */
    const char *text;     /* the same as plain text: inline markup removed,
                             line breaks turned into spaces */
    int line;             /* file line where the item starts */
} tend_content_item;

/* ---- pages ------------------------------------------------------------- */

/* Library sections, in the order the library shows them. */
typedef enum {
    TEND_SECTION_START = 0,     /* "Start here" */
    TEND_SECTION_UNDERSTANDING, /* "Understanding" */
    TEND_SECTION_SHOWS_UP,      /* "How it shows up" */
    TEND_SECTION_HEALING,       /* "Healing" */
    TEND_SECTION_HELP,          /* "Getting help" */
    TEND_SECTION_COUNT
} tend_section;

/* The section's name as written in front matter and shown ("Start here");
 * NULL for a value out of range. */
const char *tend_section_name(tend_section s);

typedef struct {
    tend_content_src src;
    const char *name;     /* file name without folder: "attachment.md" */
    const char *title;
    const char *summary;
    const char *note;     /* a neutral topic label shown before the page, or NULL */
    tend_section section;
    int order;            /* position within its section */
    const char *body;     /* CommonMark body (after the header) */
    size_t body_len;
} tend_page;

/* Pages, sorted by section, then order, then name. i < count. */
size_t tend_content_page_count(const tend_content *c);
const tend_page *tend_content_page(const tend_content *c, size_t i);

/* The page whose file name is name ("attachment.md" or "attachment"), or
 * NULL. */
const tend_page *tend_content_page_find(const tend_content *c, const char *name);

/* The page a link in from's body points to: href is a relative .md target
 * ("attachment.md", "./attachment.md", "attachment.md#styles"); the fragment
 * is ignored. NULL when href is not a relative .md link (e.g. an https://
 * URL, which is shown and never opened) or names no loaded page. */
const tend_page *tend_content_page_by_link(const tend_content *c, const tend_page *from,
                                           const char *href);

/* ---- tools (exercises) --------------------------------------------------- */

typedef enum { TEND_TOOL_STEPS = 0, TEND_TOOL_BREATHING } tend_tool_kind;

typedef struct {
    tend_content_src src;
    const char *name;     /* "box-breathing.md" */
    const char *title;
    const char *summary;
    const char *credit;   /* who the exercise comes from, one short line to
                             show with it ("Developed by Kristin Neff."), or
                             NULL when the file gives none */
    tend_tool_kind kind;
    int order;
    /* breathing only (0 for steps): whole seconds; 0 = no hold */
    int inhale, hold_in, exhale, hold_out;
    int duration;         /* whole seconds for the whole exercise */
    bool holds_optional;  /* the person may skip the holds */
    const char *body;     /* whole CommonMark body, References included */
    size_t body_len;
    /* steps only: the first ordered list, one item per step, and the
     * Markdown before it (introduction) and after it (closing words, up to
     * the References section); for breathing, intro is the body up to the
     * References section and closing is "". Never NULL. */
    const tend_content_item *steps;
    size_t nsteps;
    const char *intro;
    const char *closing;
    /* The list under "## References" (the sources the exercise rests on,
     * full titles); nreferences 0 when the file has none. Never NULL. */
    const tend_content_item *references;
    size_t nreferences;
} tend_tool;

/* Tools sorted by order, then name. */
size_t tend_content_tool_count(const tend_content *c);
const tend_tool *tend_content_tool(const tend_content *c, size_t i);
/* By file name ("box-breathing.md" or "box-breathing"), or NULL. */
const tend_tool *tend_content_tool_find(const tend_content *c, const char *name);

/* ---- support lines ------------------------------------------------------- */

/* A region's support lines. A region file (support/ID.md) gives its
 * emergency number in the `emergency` key and again as the first entry of
 * its list, so a screen can show the number first and alone (even at 20x6:
 * emergency_number, then services[1]).
 *
 * Retired ids: a journal keeps the region id the person chose. When a region
 * is split or renamed, the files that replace it say so (`replaces: uk-ie`),
 * and tend_content_region_find keeps resolving the old id:
 * - replaced by one region: that region;
 * - replaced by several (uk-ie by uk and ie): a combined region (not in the
 *   list of tend_content_region) with region = the old id, nchoices >= 2
 *   and choices = the regions that replaced it, in list order; its name
 *   joins theirs ("United Kingdom or Ireland"), its body shows each one's
 *   lines under its name, and its services are theirs one after another
 *   (the first is still an emergency number). A screen that finds
 *   nchoices > 0 asks the person once which of the choices is theirs and
 *   stores that id; until then the combined lines keep working. */
typedef struct tend_region tend_region;
struct tend_region {
    tend_content_src src;
    const char *region;   /* short id: "us", "uk", "intl" */
    const char *name;     /* shown: "United States" */
    const char *emergency; /* the `emergency` value: the number(s) first, then a
                              few words: "999 or 112, if you or someone else
                              is in danger now" */
    const char *emergency_number; /* its leading number(s): "999 or 112", "000",
                                     "9-1-1" */
    const char *verified; /* "YYYY-MM", the month the numbers were checked */
    int verified_year, verified_month;
    int order;
    const char *replaces; /* the retired region id this one takes over (the
                             `replaces` key), or NULL */
    const char *body;     /* CommonMark: the services (the first bullet list,
                             emergency number first) and a few calm words;
                             the References section is not part of it */
    size_t body_len;
    const tend_content_item *services; /* the body's first bullet list */
    size_t nservices;
    const tend_content_item *references; /* the list under "## References"
                                            (where each number was checked);
                                            never NULL */
    size_t nreferences;
    const tend_region *const *choices; /* a split, retired id: the regions
                                          that replaced it; NULL otherwise */
    size_t nchoices;      /* 0 for every region of the list */
};

/* Regions sorted by order, then region id (retired ids are not listed). */
size_t tend_content_region_count(const tend_content *c);
const tend_region *tend_content_region(const tend_content *c, size_t i);
/* By region id ("us"), or by a retired id ("uk-ie", see above), or NULL.
 * The result is owned by the set. */
const tend_region *tend_content_region_find(const tend_content *c, const char *region);

/* ---- reflection prompts -------------------------------------------------- */

typedef struct {
    tend_content_src src;
    const char *theme;    /* id: "trust", "small-wins" */
    const char *title;
    const char *const *matches; /* check-in item / trigger ids; nmatches entries */
    size_t nmatches;
    const tend_content_item *prompts; /* the body's bullet list, one per prompt */
    size_t nprompts;
} tend_prompt_theme;

/* Themes sorted by theme id. */
size_t tend_content_theme_count(const tend_content *c);
const tend_prompt_theme *tend_content_theme(const tend_content *c, size_t i);
/* By theme id, or NULL. */
const tend_prompt_theme *tend_content_theme_find(const tend_content *c, const char *theme);

/* ---- choosing a prompt (src/content/prompts.c) -----------------------------
 * Pure functions of the loaded set and their arguments: no clock, no
 * randomness, so the same date and check-in always give the same prompt. */

/* One prompt and the theme it belongs to (both owned by the set). */
typedef struct {
    const tend_prompt_theme *theme;
    const tend_content_item *prompt;
    size_t index;        /* position in the flat list of tend_prompt_at */
} tend_prompt_ref;

/* Number of prompts in every theme together. */
size_t tend_prompt_count(const tend_content *c);

/* The i-th prompt of the flat list (themes in id order, then prompts in
 * file order) into *out. False (and *out zeroed) when i >= the count. */
bool tend_prompt_at(const tend_content *c, size_t i, tend_prompt_ref *out);

/* Which of n prompts day number day (days since 1970-01-01, e.g.
 * tend_local_day) shows: a fixed, keyed permutation of 0..n-1 walked one
 * step a day, so any n consecutive days show n different prompts (no repeat
 * within 30 days when n >= 30) and neighbouring days come from different
 * parts of the list. Returns 0 when n is 0. */
size_t tend_prompt_day_index(size_t n, int64_t day);

/* The prompt of the day into *out. False when the set has no prompts. */
bool tend_prompt_of_day(const tend_content *c, int64_t day, tend_prompt_ref *out);

/* One check-in answer, as stored in a check-in record's fields: item is the
 * item id; value is a number for a scale ("3"), "yes"/"no", an option id for
 * a choose-any item (one answer per chosen option), or typed words. */
typedef struct {
    const char *item;
    const char *value;
} tend_prompt_answer;

/* The prompt that fits a check-in. Each answer scores: a number its value,
 * "yes" 1, a chosen option 1 (matched as "item.option" and as "item");
 * 0, "no" and typed words nothing. A theme scores the highest answer among
 * the ids in its `matches`; the theme with the highest score wins, ties
 * going to one of the tied themes chosen by day (the check-in's day number)
 * so the choice is deterministic yet varies; within the theme the prompt is
 * chosen by day as well. False (and *out zeroed) when no theme scores above
 * zero (nothing reported, or nothing matched). */
bool tend_prompt_for_checkin(const tend_content *c, const tend_prompt_answer *answers,
                             size_t n, int64_t day, tend_prompt_ref *out);

/* ---- check-in definitions (src/content/checkin.c) --------------------------
 * check-in files in content/checkins (format: content/README.md). A definition is a list
 * of sections shown one at a time; each section holds items. Ids are
 * lower-case [a-z0-9_]+ starting with a letter or digit (a leading '_' is
 * kept for the fields a check-in record stores about itself, e.g. "_def").
 * Item ids are unique in a definition, option ids within their item,
 * definition ids across the set. */

typedef enum {
    TEND_ITEM_SCALE10 = 0, /* [0-10] a whole number 0..10 */
    TEND_ITEM_SCALE4,      /* [0-4]  a whole number 0..4 */
    TEND_ITEM_YESNO,       /* [yes/no] */
    TEND_ITEM_CHOOSE,      /* [choose] any number of options */
    TEND_ITEM_TEXT         /* [text] a short typed note */
} tend_item_kind;

typedef struct {
    int value;            /* 0..the scale's top */
    const char *label;    /* "not at all" */
} tend_checkin_anchor;

typedef struct {
    const char *id;       /* "conflict" */
    const char *label;    /* "Conflict or criticism" */
    bool typed;           /* the line ended with [text]: the person may type
                             their own words ("something else") */
} tend_checkin_option;

typedef struct {
    const char *id;       /* "distress" */
    tend_item_kind kind;
    bool safety;          /* a safety item: above zero leads to support */
    int max;              /* top of a scale (10 or 4), 1 for yes/no, else 0 */
    const char *label;    /* the question, plain text */
    const tend_checkin_anchor *anchors; /* scales only, by value; may be 0 */
    size_t nanchors;
    const tend_checkin_option *options; /* choose only; at least one */
    size_t noptions;
    int line;             /* file line of the item */
} tend_checkin_item;

typedef struct {
    const char *title;    /* the "## " heading, plain text */
    const char *intro;    /* the paragraph(s) under it as plain text,
                             paragraphs joined by "\n"; "" when none */
    size_t first;         /* its items are def->items[first .. first+nitems) */
    size_t nitems;        /* at least one */
} tend_checkin_section;

typedef struct {
    tend_content_src src;
    const char *name;     /* file name: "daily.md" */
    const char *id;       /* "daily" */
    const char *title;    /* "Daily check-in" */
    int version;          /* >= 1; bumped when items change meaning */
    const char *window;   /* the time the questions ask about: "today" */
    int order;            /* 0 when not given */
    const char *intro;    /* the paragraph(s) before the first section, plain
                             text joined by "\n"; "" when none */
    const tend_checkin_section *sections;
    size_t nsections;     /* at least one */
    const tend_checkin_item *items; /* every item, in file order */
    size_t nitems;
} tend_checkin_def;

/* Definitions sorted by order, then id. */
size_t tend_content_checkin_count(const tend_content *c);
const tend_checkin_def *tend_content_checkin(const tend_content *c, size_t i);
/* By definition id ("daily"), or NULL. */
const tend_checkin_def *tend_content_checkin_find(const tend_content *c, const char *id);
/* The item of def with id, or NULL. */
const tend_checkin_item *tend_checkin_item_find(const tend_checkin_def *def, const char *id);
/* The option of item with id, or NULL. */
const tend_checkin_option *tend_checkin_option_find(const tend_checkin_item *item,
                                                    const char *id);
/* The anchor label of value on a scale item, or NULL when it has none. */
const char *tend_checkin_anchor_label(const tend_checkin_item *item, int value);

/* ---- raw files (every file of the set, as read) --------------------------- */

typedef struct {
    const char *path;    /* "checkins/daily.md" */
    const char *origin;
    bool builtin;
    const char *data;    /* the whole file, NUL-terminated */
    size_t len;
} tend_content_file;

/* Every file of the merged set (after overrides), sorted by path,
 * including ones that failed validation. */
size_t tend_content_file_count(const tend_content *c);
const tend_content_file *tend_content_file_at(const tend_content *c, size_t i);
/* By relative path ("checkins/daily.md"), or NULL. */
const tend_content_file *tend_content_file_find(const tend_content *c, const char *path);

/* ---- problems ------------------------------------------------------------ */

typedef struct {
    const char *file;  /* origin, as in tend_content_src */
    int line;          /* 1-based; 0 when the problem is about the whole file */
    const char *msg;   /* "unknown key 'tittle' (expected one of ...)" */
} tend_content_problem;

/* Problems found while loading, in file order then line order. Print each as
 * "%s:%d: %s" (or "%s: %s" when line is 0). */
size_t tend_content_problem_count(const tend_content *c);
const tend_content_problem *tend_content_problem_at(const tend_content *c, size_t i);

/* ---- loading ------------------------------------------------------------- */

typedef struct {
    bool builtin;          /* start from the compiled-in files */
    const char *dir;       /* a folder that adds and overrides; NULL = none */
    bool dir_required;     /* true: a missing dir is a problem (--content,
                              content-check); false: silently skipped
                              (the $XDG_DATA_HOME default) */
} tend_content_opts;

/* Loads and validates a content set. On return *out is a set (never NULL
 * unless TEND_ENOMEM) holding every item that passed, plus the list of
 * problems. Returns TEND_OK when there were no problems, TEND_EINVAL when
 * there were (err says how many and where the first is, and to run
 * `tend content-check`), TEND_ENOMEM when memory ran out (*out NULL). A
 * folder that cannot be read is a problem, not a crash. Caller frees *out
 * with tend_content_free. */
tend_status tend_content_load(const tend_content_opts *opts, tend_content **out,
                              tend_error *err);

/* Loads a set from in-memory files only (tests, fuzzing, tools): each
 * file's path is relative ("pages/a.md") and also its origin in messages;
 * data need not be NUL-terminated (it is copied). Same contract as
 * tend_content_load. */
tend_status tend_content_load_files(const tend_embedded_file *files, size_t n,
                                    tend_content **out, tend_error *err);

/* What the app loads at start: the built-in set plus content_dir when given
 * (--content DIR, required to exist), else the default user folder when it
 * exists. Same contract as tend_content_load. */
tend_status tend_content_load_default(const char *content_dir, tend_content **out,
                                      tend_error *err);

/* The default user folder: $XDG_DATA_HOME/tend/content, or
 * $HOME/.local/share/tend/content. Returns a new string (caller frees with
 * free), or NULL when neither variable is set or memory ran out. */
char *tend_content_user_dir(void);

/* Frees a set and everything in it. NULL is allowed. */
void tend_content_free(tend_content *c);

/* ---- front matter (shared with the check-in parser) ---------------------- */

typedef struct {
    const char *key;
    const char *value;   /* trimmed; may be "" */
    int line;
} tend_fm_field;

typedef struct {
    tend_fm_field *fields;
    size_t nfields, cap_fields;
    const char *body;    /* points into the data given to tend_fm_parse */
    size_t body_len;
    int body_line;       /* file line where the body starts */
} tend_frontmatter;

/* A sink for problems: tend_fm_parse calls report(ctx, line, msg) for each
 * one. */
typedef void (*tend_content_report_fn)(void *ctx, int line, const char *msg);

/* Splits data[0..len) into its front-matter header and body and checks the
 * header's syntax: the file must be valid UTF-8 without NUL bytes, start with
 * a `---` line, end the header with a `---` line, and hold `key: value`
 * lines (keys [a-z_]+, each once, lines at most 1000 bytes). CRLF line
 * endings are accepted. When allowed is not NULL (a NULL-terminated list),
 * other keys are reported as unknown, naming the expected ones. Each problem
 * goes to report; fm is filled as far as possible. Returns TEND_OK when no
 * problem was found, TEND_EINVAL when one was, TEND_ENOMEM. Free with
 * tend_fm_free. */
tend_status tend_fm_parse(const char *data, size_t len, const char *const *allowed,
                          tend_frontmatter *fm, tend_content_report_fn report, void *ctx);

/* The value of key in fm, or NULL. */
const char *tend_fm_get(const tend_frontmatter *fm, const char *key);
/* The line of key in fm, or 0. */
int tend_fm_line(const tend_frontmatter *fm, const char *key);

/* Frees what tend_fm_parse allocated; fm is left empty. */
void tend_fm_free(tend_frontmatter *fm);

#endif
