/*
 * render.h — CommonMark (a cmark AST) to lines of styled spans wrapped at a
 * given display width. No terminal is involved: the reader screen draws the
 * lines, tests compare them with golden files.
 *
 * What a document becomes:
 * - Every line's display width (tend_utf8_width) is at most the width asked
 *   for. Words wrap at spaces; a word wider than the line is cut at
 *   character-cluster boundaries (CJK, emoji, combining marks stay whole;
 *   only a single cluster wider than the whole line is cut between code
 *   points). Code block lines are cut, never re-flowed: a continuation line
 *   starts with the mark TEND_RENDER_CODE_CONT.
 * - Blocks are separated by one blank line (tight list items are not).
 *   Block quotes put "│ " in the margin, list items a bullet or number with
 *   a hanging indent, code blocks a two-column indent, thematic breaks a
 *   rule. When containers nest so deep that their margins leave less than
 *   half the width for text, the margin is cut.
 * - A link whose target is a relative "*.md" file (optionally with a
 *   #fragment) is a page link: its spans carry the index of an entry in
 *   doc->links, so a reader can move among links and open one. Any other
 *   link is an outside link: its URL is shown once after its text, as
 *   "text (https://...)", unless the text already is the URL; it has no
 *   index and is never meant to be opened.
 * - Each heading is recorded (level, plain text, first line) for a table of
 *   contents.
 *
 * Ownership: a tend_render_doc and everything it points to belongs to the
 * doc and is freed (every text wiped first, since a renderer may be given a
 * person's own writing) by tend_render_doc_free.
 */
#ifndef TEND_RENDER_H
#define TEND_RENDER_H

#include "tend/core.h"

#include <stdbool.h>
#include <stddef.h>

struct cmark_node;

/* Narrowest width the renderer lays text out at. */
#define TEND_RENDER_MIN_WIDTH 10

/* The mark at the start of a code line that continues a cut one. */
#define TEND_RENDER_CODE_CONT "\xe2\x86\xaa " /* "↪ " */

/* What a span is. The screen maps these to tend_style. Decoration (PAD,
 * MARKER, QUOTE, RULE) is put there by the layout; everything else is the
 * document's own text. */
typedef enum {
    TEND_RS_TEXT = 0,   /* plain text */
    TEND_RS_EMPH,       /* *emphasis* */
    TEND_RS_STRONG,     /* **strong** */
    TEND_RS_CODE,       /* `inline code` */
    TEND_RS_LINK,       /* text of a page link (selectable) */
    TEND_RS_URL,        /* "(https://...)" shown after an outside link */
    TEND_RS_H1, TEND_RS_H2, TEND_RS_H3, TEND_RS_H4, TEND_RS_H5, TEND_RS_H6,
    TEND_RS_CODE_BLOCK, /* a line of a code block */
    TEND_RS_PAD,        /* spaces of indentation (decoration) */
    TEND_RS_MARKER,     /* list bullet or number, code continuation mark */
    TEND_RS_QUOTE,      /* the block quote margin bar */
    TEND_RS_RULE,       /* a thematic break */
    TEND_RS_COUNT
} tend_render_style;

/* True for decoration styles (PAD, MARKER, QUOTE, RULE): text the layout
 * added, not text of the document. */
bool tend_render_style_is_decor(tend_render_style st);

/* A short lower-case name of a style ("h2", "code-block"); never NULL. */
const char *tend_render_style_name(tend_render_style st);

typedef struct {
    size_t off;               /* byte offset into the line's text */
    size_t len;               /* bytes */
    size_t col;               /* display column where the span starts */
    size_t width;             /* display columns it takes */
    tend_render_style style;
    int link;                 /* index into doc->links, or -1 */
} tend_render_span;

typedef struct {
    char *text;               /* the whole line, NUL-terminated, no newline */
    size_t len;               /* bytes of text */
    size_t width;             /* display columns, <= doc->width */
    tend_render_span *spans;  /* cover text from 0 to len, in order */
    size_t nspans;
    /* Reading position of the line's start, the same at every width: the
     * number of non-space bytes of document text laid out before it. */
    size_t anchor;
    int heading;              /* 1..6 on lines of a heading, else 0 */
} tend_render_line;

typedef struct {
    int level;                /* 1..6 */
    char *text;               /* plain text of the heading, on one line */
    size_t line;              /* index of its first line */
} tend_render_heading;

typedef struct {
    char *target;             /* the link target as written ("attachment.md#x") */
    size_t first_line;        /* first and last line its text is on */
    size_t last_line;
} tend_render_link;

typedef struct {
    size_t width;
    tend_render_line *lines;
    size_t nlines;
    tend_render_heading *headings;
    size_t nheadings;
    tend_render_link *links;  /* page links only, in reading order */
    size_t nlinks;
} tend_render_doc;

/* Lays out the document rooted at root (a CMARK_NODE_DOCUMENT, or any block
 * node) at width columns. root stays the caller's and is not changed.
 * On success *out is a new doc the caller frees with tend_render_doc_free.
 * Fails with TEND_EINVAL when width < TEND_RENDER_MIN_WIDTH or root is NULL,
 * TEND_ENOMEM when out of memory; *out is then NULL. */
tend_status tend_render_ast(struct cmark_node *root, size_t width,
                            tend_render_doc **out, tend_error *err);

/* Parses md[0..len) as CommonMark with cmark (invalid UTF-8 becomes U+FFFD;
 * no front matter: split it off first) and lays it out as tend_render_ast
 * does. md is not kept. */
tend_status tend_render_markdown(const char *md, size_t len, size_t width,
                                 tend_render_doc **out, tend_error *err);

/* Wipes and frees doc and everything it owns. NULL is allowed. */
void tend_render_doc_free(tend_render_doc *doc);

/* Index of the line holding the reading position anchor (see
 * tend_render_line.anchor): the last line whose anchor is <= anchor and
 * that starts text at it, so a position saved at one width finds the same
 * words at another. 0 for an empty doc. */
size_t tend_render_line_at(const tend_render_doc *doc, size_t anchor);

/* Finds needle (ASCII letters compared without case) in line->text at or
 * after byte from. Returns true and sets *off to the match's byte offset;
 * false when there is none or needle is empty. */
bool tend_render_line_find(const tend_render_line *line, const char *needle,
                           size_t from, size_t *off);

/* Finds the next line (forward) or previous line (!forward) holding
 * needle, starting after (before) line start and wrapping around the
 * document once; start itself is checked last. Returns true and sets
 * *line, or false when no line holds needle. */
bool tend_render_search(const tend_render_doc *doc, const char *needle,
                        size_t start, bool forward, size_t *line);

/* Index of the heading that line is under (the last heading starting at or
 * before it), or -1 when it comes before any heading. */
long tend_render_heading_at(const tend_render_doc *doc, size_t line);

/* Writes doc as text for golden files and eyes: per line its number, the
 * text between '|' bars padded to the width, and under it one style letter
 * per column (see tend_render_style_letter); then the headings and links.
 * Appends to out. TEND_ENOMEM on failure. */
tend_status tend_render_dump(const tend_render_doc *doc, tend_buf *out);

/* The letter used for st in tend_render_dump: T text, e emph, s strong,
 * c code, L link, u url, 1..6 headings, B code block, ' ' pad, M marker,
 * Q quote bar, R rule. */
char tend_render_style_letter(tend_render_style st);

#endif
