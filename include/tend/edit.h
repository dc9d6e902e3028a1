/*
 * edit.h — the text buffer behind tend's editor, with no terminal in sight.
 *
 * A tend_edit holds one UTF-8 text (an entry body, a title), a cursor, an
 * undo/redo history and a soft-wrapped layout at a chosen display width.
 * The editor screen turns keys into the calls below and draws the layout;
 * everything here runs and is tested without curses.
 *
 * Units. Positions are byte offsets into the text. The cursor is always on a
 * character-cluster boundary: a base character with its combining marks,
 * variation selectors, emoji modifiers and ZWJ-joined characters is one
 * cluster (tend_utf8_next/prev in core.h), and a '\n' is always a cluster of
 * its own. No call here ever splits a cluster or leaves the cursor inside one.
 *
 * Text. The buffer always holds valid UTF-8 with '\n' line ends and no NUL:
 * inserted text has invalid bytes replaced by U+FFFD, "\r\n" and lone "\r"
 * turned into "\n", and other control characters (all C0 but tab and newline,
 * DEL, C1) replaced by U+FFFD so nothing can reach a terminal as an escape.
 * A combining mark or joiner with nothing to join (at the start of the text
 * or of a line) is given a U+25CC DOTTED CIRCLE base, the usual way to show
 * a lone mark, so every cluster is at least one column wide and every cursor
 * position has a distinct place on screen.
 *
 * Privacy and ownership. Everything a tend_edit holds — the text, the gap of
 * its gap buffer, every undo and redo step — is plaintext journal content.
 * Memory that ever held text is wiped before it is freed or replaced (no
 * realloc of text), and bytes vacated inside the buffer are zeroed as soon as
 * they are vacated. tend_edit_free wipes everything. Text handed out by
 * tend_edit_text belongs to the caller, who wipes it (tend_wipe_free).
 * Pointers returned by tend_edit_view and tend_edit_layout are borrowed and
 * valid only until the next call that changes the text, the cursor or the
 * width.
 *
 * Cost. The text is a gap buffer with amortised (doubling) growth: inserting
 * n bytes at the cursor costs O(n), whether they come in one call or one
 * byte per call. Reading the text as one string (view, layout, word moves)
 * closes the gap at the end, O(distance of the gap from the end). The layout
 * is cached and, after an edit, re-wrapped only around the edited lines; the
 * word count is kept up to date by each edit.
 */
#ifndef TEND_EDIT_H
#define TEND_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "tend/core.h"

/* ---- soft wrap (usable on any text) ------------------------------------
 *
 * Rules, applied greedily from the start of each hard line ('\n'):
 * - a line holds as many clusters as fit in the width; a wide character
 *   (CJK, emoji) never straddles the edge;
 * - when the next cluster does not fit, the line breaks after the last space
 *   or tab that fits; a word longer than the width is cut at a cluster
 *   boundary;
 * - when the cluster that does not fit is itself a space or tab, that one
 *   space stays at the end of the line without being drawn (so a line of
 *   exactly `width` columns followed by a space does not start the next line
 *   with a space);
 * - a '\n' ends its visual line and is not drawn.
 * Guarantees: the visual lines partition the text (concatenating
 * [start, next) of every line gives back the text exactly); the drawn part
 * [start, end) of a line is at most `width` columns wide (only when width is
 * smaller than one cluster — width 1 and a wide character — is a single
 * cluster put on a line of its own anyway); every cursor position has a
 * unique (row, column) with column <= width. The column can equal width (the
 * cursor just after a full line before its '\n'), so a screen should wrap at
 * one less than its window width to always have a cell for the cursor. An
 * empty text, and a text ending in '\n', ends with an empty visual line. */
typedef struct {
    size_t start;  /* first byte of the visual line */
    size_t end;    /* end of the drawn part: before the '\n' or the hung space */
    size_t next;   /* first byte of the next visual line (text length for the last) */
    size_t cols;   /* display width of [start, end) */
} tend_wrap_line;

typedef struct {
    tend_wrap_line *lines; /* count entries; owned by the tend_wrap */
    size_t count;          /* at least 1 once computed */
    size_t cap;
    size_t width;          /* the width it was computed for */
} tend_wrap;

#define TEND_WRAP_INIT { NULL, 0, 0, 0 }

/* Wraps s[0..len) (valid UTF-8, as the buffer holds) at width columns
 * (0 means no soft wrap: only '\n' breaks) into *w, replacing what *w held.
 * O(len). Returns TEND_OK, or TEND_ENOMEM (with err filled) leaving *w
 * empty. The lines are byte offsets only: *w holds no text and does not
 * point into s. Free with tend_wrap_free. */
tend_status tend_wrap_text(const char *s, size_t len, size_t width, tend_wrap *w,
                           tend_error *err);

/* Repairs *w (computed for the text before an edit) for s[0..len), the text
 * after it, where the edit replaced old bytes [lo, old_hi) with new bytes
 * [lo, new_hi) (several edits can be merged into one such range). Re-wraps
 * only from a few lines before lo until the layout is in step with the old
 * one again, so a keypress in a long text costs about a line's work plus
 * shifting the offsets of the lines after it. The result is identical to
 * tend_wrap_text(s, len, w->width). An empty *w is computed in full.
 * TEND_ENOMEM (err filled) leaves *w as it was. */
tend_status tend_wrap_update(tend_wrap *w, const char *s, size_t len, size_t lo,
                             size_t old_hi, size_t new_hi, tend_error *err);

/* Frees the lines of *w; *w is empty (TEND_WRAP_INIT) and reusable after. */
void tend_wrap_free(tend_wrap *w);

/* The visual row holding byte offset pos of the text *w was computed for:
 * the line with start <= pos < next, or the last line for pos == length.
 * O(log rows). */
size_t tend_wrap_row(const tend_wrap *w, size_t pos);

/* Maps a cursor position pos (a cluster boundary of s[0..len), the text *w
 * was computed for) to its visual row and column (display columns from the
 * start of the row). row and col may not be NULL. O(log rows + row length). */
void tend_wrap_to_rc(const tend_wrap *w, const char *s, size_t len, size_t pos,
                     size_t *row, size_t *col);

/* The cursor position on visual row `row` (clamped to the last row) whose
 * column is the largest that is <= col: a goal column inside a wide
 * character lands before it, a goal past the end of the row lands at the
 * row's last cursor position. Inverse of tend_wrap_to_rc for every cursor
 * position of a text with no zero-width cluster (which the edit buffer
 * guarantees; elsewhere a lone combining mark shares its cell with the
 * position after it). O(log rows + row length). */
size_t tend_wrap_from_rc(const tend_wrap *w, const char *s, size_t len, size_t row,
                         size_t col);

/* ---- the editing buffer ------------------------------------------------ */

typedef struct tend_edit tend_edit;

/* Cursor motions for tend_edit_move. "Visual" lines are the soft-wrapped
 * rows of the layout at the buffer's width. */
typedef enum {
    TEND_MOVE_LEFT,       /* one cluster back */
    TEND_MOVE_RIGHT,      /* one cluster on */
    TEND_MOVE_UP,         /* one visual row up, keeping the goal column; from the first row to the start */
    TEND_MOVE_DOWN,       /* one visual row down, keeping the goal column; from the last row to the end */
    TEND_MOVE_HOME,       /* start of the visual row */
    TEND_MOVE_END,        /* last cursor position of the visual row */
    TEND_MOVE_WORD_LEFT,  /* back over spaces, then to the start of the word */
    TEND_MOVE_WORD_RIGHT, /* on over spaces, then to the end of the word */
    TEND_MOVE_PAGE_UP,    /* `count` visual rows up, keeping the goal column */
    TEND_MOVE_PAGE_DOWN,  /* `count` visual rows down, keeping the goal column */
    TEND_MOVE_START,      /* start of the text */
    TEND_MOVE_FINISH      /* end of the text */
} tend_edit_motion;

/* A new, empty buffer with soft wrap at 80 columns. Returns TEND_OK and sets
 * *out (the caller frees with tend_edit_free), or TEND_ENOMEM with err
 * filled and *out NULL. */
tend_status tend_edit_new(tend_edit **out, tend_error *err);

/* Wipes the text, the gap and the whole history, and frees the buffer.
 * NULL is allowed. */
void tend_edit_free(tend_edit *ed);

/* Replaces the text with a copy of s[0..len) (sanitised as described at the
 * top), puts the cursor at the end and empties the undo history (loading an
 * entry is not an edit to undo). The old text and history are wiped.
 * TEND_ENOMEM (err filled) leaves the buffer as it was. */
tend_status tend_edit_set_text(tend_edit *ed, const char *s, size_t len, tend_error *err);

/* Wipes the text and the history: the buffer is empty with the cursor at 0
 * and nothing to undo. Keeps its memory (zeroed) and its width. Never fails. */
void tend_edit_clear(tend_edit *ed);

/* A copy of the whole text, NUL-terminated, length in *len (len may be
 * NULL). The caller owns it and frees it with tend_wipe_free(p, len + 1) (or
 * tend_wipe_str). Returns NULL only when out of memory (err filled). */
char *tend_edit_text(tend_edit *ed, size_t *len, tend_error *err);

/* The whole text as one NUL-terminated string, without copying (the gap is
 * moved to the end). Borrowed: valid until the next call that changes the
 * text. *len (may be NULL) receives its length. Never NULL. */
const char *tend_edit_view(tend_edit *ed, size_t *len);

/* Length of the text in bytes. */
size_t tend_edit_len(const tend_edit *ed);

/* The cursor's byte offset (always a cluster boundary). */
size_t tend_edit_cursor(const tend_edit *ed);

/* Number of words: runs of characters that are not white space (ASCII white
 * space and the Unicode space separators). Kept up to date by every edit:
 * O(1) to read. */
size_t tend_edit_words(const tend_edit *ed);

/* Sets the soft-wrap width in display columns (0: no soft wrap). Changing
 * it drops the cached layout and the goal column. */
void tend_edit_set_width(tend_edit *ed, size_t width);

/* The current soft-wrap width. */
size_t tend_edit_width(const tend_edit *ed);

/* The layout of the current text at the current width, brought up to date
 * (re-wrapping only around what changed since the last call). Borrowed:
 * valid until the next call that changes the text or the width; the text it
 * describes is tend_edit_view's. Returns NULL only when out of memory (err
 * filled). */
const tend_wrap *tend_edit_layout(tend_edit *ed, tend_error *err);

/* The cursor's visual row and column in the layout. TEND_ENOMEM (err
 * filled) when the layout could not be computed; row and col are then 0. */
tend_status tend_edit_cursor_rc(tend_edit *ed, size_t *row, size_t *col, tend_error *err);

/* Moves the cursor to pos, clamped to the text and moved back to the start
 * of the cluster it falls in. Closes the current undo group; forgets the
 * goal column. */
void tend_edit_set_cursor(tend_edit *ed, size_t pos);

/* Moves the cursor (see tend_edit_motion); count is the number of visual
 * rows for PAGE_UP/PAGE_DOWN (0 is treated as 1) and ignored otherwise.
 * Closes the current undo group. UP/DOWN/PAGE moves keep a goal column
 * across consecutive vertical moves (a row too short puts the cursor at its
 * end; the next longer row returns to the goal); any other move or edit sets
 * a new goal. Returns TEND_OK, or TEND_ENOMEM (err filled, cursor unchanged)
 * when a vertical move needed a layout that could not be computed. */
tend_status tend_edit_move(tend_edit *ed, tend_edit_motion m, size_t count, tend_error *err);

/* Inserts typed text at the cursor (sanitised; see the top) and moves the
 * cursor after it. Consecutive inserts at the moving cursor form one undo
 * step; any cursor move, delete, paste or undo ends it. Inserting before a
 * combining mark or after a ZWJ can merge clusters; the cursor then moves to
 * the end of the merged cluster. Clears the redo history. Returns TEND_OK,
 * or TEND_ENOMEM (err filled) with the buffer unchanged. */
tend_status tend_edit_insert(tend_edit *ed, const char *s, size_t len, tend_error *err);

/* Like tend_edit_insert, but the text is one undo step of its own (a
 * paste). O(len) whatever the size. */
tend_status tend_edit_paste(tend_edit *ed, const char *s, size_t len, tend_error *err);

/* Deletes the cluster before the cursor (backspace). Consecutive
 * backspaces and word deletes form one undo step. Sets *did (may be NULL)
 * to whether anything was deleted (false at the start of the text).
 * TEND_ENOMEM (err filled) leaves the buffer unchanged. */
tend_status tend_edit_delete_back(tend_edit *ed, bool *did, tend_error *err);

/* Deletes the cluster after the cursor (delete key). Consecutive forward
 * deletes form one undo step. *did as above (false at the end). */
tend_status tend_edit_delete_forward(tend_edit *ed, bool *did, tend_error *err);

/* Deletes from the start of the word before the cursor (as WORD_LEFT finds
 * it) to the cursor. Groups with backspaces. *did as above. */
tend_status tend_edit_delete_word_back(tend_edit *ed, bool *did, tend_error *err);

/* True when there is a step to undo / to redo. */
bool tend_edit_can_undo(const tend_edit *ed);
bool tend_edit_can_redo(const tend_edit *ed);

/* Undoes the last step, putting the cursor where it was before the step.
 * *did (may be NULL) says whether there was one. The step moves to the redo
 * history, which any new edit clears. TEND_ENOMEM (err filled) leaves the
 * buffer unchanged. */
tend_status tend_edit_undo(tend_edit *ed, bool *did, tend_error *err);

/* Redoes the step last undone, putting the cursor where the step left it.
 * *did as above. */
tend_status tend_edit_redo(tend_edit *ed, bool *did, tend_error *err);

#endif
