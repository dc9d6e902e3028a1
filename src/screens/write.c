/*
 * write.c — the editor: a title line, a tags line (comma-separated) and the
 * text, with the prompt (when there is one) above them and a live word
 * count below. The text is a tend_edit (src/edit): cluster-safe moves, soft
 * wrap, undo/redo, and a bracketed paste inserted as one undo step.
 *
 * Nothing is ever lost and nothing reaches the disk in plaintext: every few
 * seconds of the ui clock after a change, and on quick-hide, auto-lock,
 * SIGTERM and SIGHUP (ops->lock), the work goes into the journal's one
 * encrypted draft (TEND_KIND_DRAFT with the field draft=entry); saving the
 * entry or discarding it removes the draft. Leaving asks: save, keep as a
 * draft, or discard. A timed session shows the minutes left and, at the
 * end, offers to keep writing, save, or take a moment with the Tools.
 */
#include "write_int.h"

#include "tend/date.h"
#include "tend/draft.h"
#include "tend/edit.h"
#include "tend/entry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TITLE_MAX 200
#define TAGS_MAX 400
#define AUTOSAVE_SECONDS 5

enum { F_TITLE, F_TAGS, F_BODY };
enum { E_EDIT, E_LEAVE, E_TIMEUP };

typedef struct {
    tend_screen base;
    tend_session *s;
    tend_input *title, *tags;   /* secure memory */
    tend_edit *body;
    char *prompt;               /* owned copy, or NULL */
    bool editing;               /* an existing entry: orig holds it */
    tend_record orig;
    int focus;
    int state;
    bool unsaved;               /* changed since opened or last saved as an entry */
    bool dirty;                 /* changed since the draft was last written */
    int64_t changed_at;         /* ui clock of the first change not yet in the draft */
    bool timed;
    int64_t timer_end;          /* ui clock; 0 = no timer */
    size_t top;                 /* first visual row of the text shown */
    int page;                   /* rows of text shown (PgUp/PgDn) */
    char status[TEND_ERROR_MAX + 32]; /* a short message under the text */
    tend_confirm ask;           /* leaving, or the time is up */
} editor;

/* What S_new passes to init. */
typedef struct {
    tend_session *s;
    const char *prompt;         /* copied; NULL = none */
} editor_args;

static const tend_action S_keys_edit[] = {
    TA_SAVE, TA_FIELD, TA_UNDO, TA_REDO, TA_WORD_LEFT, TA_WORD_RIGHT, TA_PGUP, TA_PGDN, TA_NONE,
};
#define S_FLAGS_EDIT (TEND_SCREEN_TEXT | TEND_SCREEN_PASTE)

static const char *const S_leave_items[] = {
    "Save the entry", "Keep it as a draft for later", "Discard it", "Go back to writing",
};
enum { L_SAVE, L_DRAFT, L_DISCARD, L_BACK };
static const char *const S_timeup_items[] = {
    "Keep writing", "Save the entry", "Take a moment with the Tools",
};
enum { T_KEEP, T_SAVE, T_TOOLS };

/* Goes to state: writing, or one of the two questions (leaving: Esc goes
 * back to writing; the time is up: Esc keeps writing). */
static void S_state(editor *e, int state)
{
    e->state = state;
    if (state == E_EDIT) {
        e->ask.open = false;
        tend_screen_set_keys(&e->base, S_keys_edit, S_FLAGS_EDIT);
        return;
    }
    if (state == E_LEAVE)
        tend_confirm_open(&e->ask, "Before you go: what should happen to this entry?",
                          "A draft stays encrypted in your journal until you come back to it.",
                          S_leave_items, 4, L_BACK);
    else
        tend_confirm_open(&e->ask, "Fifteen minutes are up. Well done for giving this time to "
                          "yourself. You can keep going, save, or take a moment to steady "
                          "yourself.", NULL, S_timeup_items, 3, T_KEEP);
    tend_screen_set_keys(&e->base, tend_confirm_keys, 0);
}

/* Notes a change: unsaved, and due for the draft. */
static void S_changed(editor *e, tend_app *app)
{
    if (!e->dirty)
        e->changed_at = tend_app_now(app);
    e->dirty = true;
    e->unsaved = true;
    e->status[0] = '\0';
}

/* True when nothing is typed anywhere. */
static bool S_empty(editor *e)
{
    return tend_input_len(e->title) == 0 && tend_input_len(e->tags) == 0
           && tend_edit_len(e->body) == 0;
}

/* ---- records ---------------------------------------------------------------------- */

/* Puts the editor's words into *w (overwritten): title, tags line,
 * prompt and text. TEND_ENOMEM (w then cleared). Caller clears w. */
static tend_status S_fill(editor *e, tend_entry *w)
{
    size_t len;
    const char *text = tend_edit_view(e->body, &len);
    tend_status st = tend_entry_init(w);
    if (st == TEND_OK)
        st = tend_entry_set_title(w, tend_input_text(e->title));
    if (st == TEND_OK)
        st = tend_entry_set_tags_line(w, tend_input_text(e->tags));
    if (st == TEND_OK)
        st = tend_entry_set_prompt(w, e->prompt);
    if (st == TEND_OK)
        st = tend_entry_set_text(w, text, len);
    if (st != TEND_OK)
        tend_entry_clear(w);
    return st;
}

/* Writes the work into the journal's draft. Quiet: a failure leaves dirty
 * set so the next tick tries again. */
static void S_save_draft(editor *e)
{
    tend_journal *j = e->s->journal;
    if (!j || !e->dirty)
        return;
    tend_draft d;
    memset(&d, 0, sizeof d);
    tend_status st = S_fill(e, &d.entry);
    d.edits = e->editing;
    if (e->editing)
        d.edited = e->orig.head.uuid;
    d.timed = e->timed;
    if (st == TEND_OK)
        st = tend_draft_store(j, &d, NULL);
    if (st == TEND_OK)
        e->dirty = false;
    tend_draft_clear(&d);
}

/* Removes the journal's entry draft (quiet) and marks the work as kept. */
static void S_drop_draft(editor *e)
{
    if (e->s->journal)
        tend_draft_discard(e->s->journal, NULL);
    e->dirty = false;
}

/* Saves the entry (new or edited). Returns true on success; on failure
 * the reason is in the status line and nothing is lost (the draft stays). */
static bool S_save(editor *e, tend_app *app)
{
    tend_journal *j = e->s->journal;
    if (!j)
        return false;
    tend_error err;
    tend_error_clear(&err);
    tend_entry w;
    tend_status st = S_fill(e, &w);
    if (st == TEND_OK)
        st = tend_entry_save(j, &w, &e->orig, e->editing ? 0 : tend_app_time(app), &err);
    tend_entry_clear(&w);
    if (st == TEND_OK)
        e->editing = true; /* from now on this editor edits the entry it made */
    if (st != TEND_OK) {
        snprintf(e->status, sizeof e->status, "Not saved: %s",
                 err.msg[0] ? err.msg : "out of memory");
        e->dirty = true;
        S_save_draft(e);
        return false;
    }
    S_drop_draft(e);
    e->unsaved = false;
    snprintf(e->status, sizeof e->status, "Saved.");
    return true;
}

/* ---- drawing ------------------------------------------------------------------------ */

/* Draws visual row [start, end) of the text at y, x (tabs as spaces). */
static void S_draw_row(tend_app *app, int y, int x, const char *text, size_t start, size_t end)
{
    char line[1024];
    size_t n = end - start;
    if (n >= sizeof line)
        n = sizeof line - 1;
    memcpy(line, text + start, n);
    line[n] = '\0';
    for (size_t i = 0; i < n; i++)
        if (line[i] == '\t')
            line[i] = ' ';
    tend_ui_text(app, y, x, ST_NORMAL, line, 0);
    tend_wipe(line, sizeof line);
}

/* Draws the text in the box at y, x (w by h), scrolled so the cursor
 * shows. */
static void S_draw_body(editor *e, tend_app *app, int y, int x, int w, int h)
{
    if (w < 2 || h < 1)
        return;
    if (tend_edit_width(e->body) != (size_t)(w - 1))
        tend_edit_set_width(e->body, (size_t)(w - 1));
    e->page = h;
    const tend_wrap *lay = tend_edit_layout(e->body, NULL);
    size_t row = 0, col = 0;
    if (!lay || tend_edit_cursor_rc(e->body, &row, &col, NULL) != TEND_OK) {
        tend_ui_text(app, y, x, ST_DIM, "Out of memory showing the text; it is kept.", w);
        return;
    }
    if (row < e->top)
        e->top = row;
    if (row >= e->top + (size_t)h)
        e->top = row - (size_t)h + 1;
    const char *text = tend_edit_view(e->body, NULL);
    for (int i = 0; i < h && e->top + (size_t)i < lay->count; i++) {
        const tend_wrap_line *l = &lay->lines[e->top + (size_t)i];
        S_draw_row(app, y + i, x, text, l->start, l->end);
    }
    if (tend_edit_len(e->body) == 0 && e->focus != F_BODY)
        tend_ui_text(app, y, x, ST_DIM, "Write whatever comes. Nothing here is required.", w);
    if (e->focus == F_BODY && e->state == E_EDIT)
        tend_ui_cursor(app, y + (int)(row - e->top), x + (int)col);
}

/* The editor (prompt, title, tags, text, the line under it), or the
 * question on screen. */
static void S_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    editor *e = FRAME_OF(editor, sc);
    frame_title(app, e->s, e->editing ? "Edit entry" : "Write");
    int w = cols - 4, y = rows >= 16 ? 2 : 1, bottom = rows - 1;
    if (e->state != E_EDIT) {
        tend_confirm_draw(&e->ask, app, 2, 2, w, bottom);
        return;
    }
    if (e->prompt) {
        int max = rows >= 20 ? 3 : 1;
        int need = tend_ui_wrap(app, y, 2, w, max, ST_NOTE, e->prompt);
        y += (need < max ? need : max) + (rows >= 20 ? 1 : 0);
    }
    int labw = 7;
    tend_ui_text(app, y, 2, e->focus == F_TITLE ? ST_BOLD : ST_DIM, "Title", labw);
    tend_input_draw(e->title, app, y, 2 + labw, w - labw, e->focus == F_TITLE);
    y++;
    tend_ui_text(app, y, 2, e->focus == F_TAGS ? ST_BOLD : ST_DIM, "Tags", labw);
    tend_input_draw(e->tags, app, y, 2 + labw, w - labw, e->focus == F_TAGS);
    y += 2;
    int body_rows = bottom - 1 - y;
    S_draw_body(e, app, y, 2, w, body_rows);
    /* The line under the text: words, time left, the save key. */
    char info[200];
    size_t words = tend_edit_words(e->body);
    int n = snprintf(info, sizeof info, "%zu word%s", words, words == 1 ? "" : "s");
    if (e->timer_end) {
        int64_t left = e->timer_end - tend_app_now(app);
        if (left > 0)
            n += snprintf(info + n, sizeof info - (size_t)n, " \xc2\xb7 %lld min left",
                          (long long)((left + 59) / 60));
        else
            n += snprintf(info + n, sizeof info - (size_t)n, " \xc2\xb7 time is up");
    }
    snprintf(info + n, sizeof info - (size_t)n, " \xc2\xb7 Ctrl-S saves \xc2\xb7 Esc leaves");
    if (e->status[0])
        tend_ui_text(app, bottom - 1, 2, ST_DIM, e->status, w);
    else
        tend_ui_text(app, bottom - 1, 2, ST_DIM, info, w);
}

/* ---- keys --------------------------------------------------------------------------- */

/* Does the choice made on leaving (how: L_*): save, keep a draft or
 * discard, then go; or back to writing. */
static void S_leave(editor *e, tend_app *app, int how)
{
    switch (how) {
    case L_SAVE:
        if (!S_save(e, app)) {
            S_state(e, E_EDIT);
            return;
        }
        break;
    case L_DRAFT:
        e->dirty = true;
        S_save_draft(e);
        break;
    case L_DISCARD:
        S_drop_draft(e);
        break;
    default:
        S_state(e, E_EDIT);
        return;
    }
    e->unsaved = false;
    tend_app_pop(app);
}

/* A paste into the title or tags line: its first line, as typed. */
static void S_paste_field(tend_input *f, const char *p, size_t len)
{
    size_t i = 0;
    while (i < len && p[i] != '\n') {
        uint32_t cp;
        size_t n = tend_utf8_decode(p + i, len - i, &cp);
        if (n == 0)
            break;
        i += n;
        if (cp < 0x20 || cp == 0x7f)
            cp = ' ';
        tend_key k = { TK_CHAR, cp };
        tend_input_key(f, &k);
    }
}

/* Keys in the text: typing, pasting, deleting, moving, undo and redo. */
static bool S_body_key(editor *e, tend_app *app, const tend_key *k, tend_action a)
{
    tend_edit *b = e->body;
    bool did = false;
    tend_edit_motion m;
    switch (a) {
    case TA_UNDO:
        tend_edit_undo(b, &did, NULL);
        if (did)
            S_changed(e, app);
        return true;
    case TA_REDO:
        tend_edit_redo(b, &did, NULL);
        if (did)
            S_changed(e, app);
        return true;
    case TA_WORD_LEFT: tend_edit_move(b, TEND_MOVE_WORD_LEFT, 0, NULL); return true;
    case TA_WORD_RIGHT: tend_edit_move(b, TEND_MOVE_WORD_RIGHT, 0, NULL); return true;
    case TA_PGUP:
        tend_edit_move(b, TEND_MOVE_PAGE_UP, (size_t)(e->page > 1 ? e->page - 1 : 1), NULL);
        return true;
    case TA_PGDN:
        tend_edit_move(b, TEND_MOVE_PAGE_DOWN, (size_t)(e->page > 1 ? e->page - 1 : 1), NULL);
        return true;
    default: break;
    }
    switch (k->kind) {
    case TK_CHAR: {
        char enc[4];
        size_t n = tend_utf8_encode(k->ch, enc);
        if (n && tend_edit_insert(b, enc, n, NULL) == TEND_OK)
            S_changed(e, app);
        return true;
    }
    case TK_ENTER:
        if (tend_edit_insert(b, "\n", 1, NULL) == TEND_OK)
            S_changed(e, app);
        return true;
    case TK_PASTE: {
        size_t len;
        const char *p = tend_app_paste(app, &len);
        if (len && tend_edit_paste(b, p, len, NULL) == TEND_OK)
            S_changed(e, app);
        else if (len)
            snprintf(e->status, sizeof e->status, "That paste was too large to hold in memory.");
        return true;
    }
    case TK_BACKSPACE:
        tend_edit_delete_back(b, &did, NULL);
        break;
    case TK_DELETE:
        tend_edit_delete_forward(b, &did, NULL);
        break;
    case TK_CTRL:
        if (k->ch == 'w')
            tend_edit_delete_word_back(b, &did, NULL);
        break;
    case TK_LEFT: m = TEND_MOVE_LEFT; goto move;
    case TK_RIGHT: m = TEND_MOVE_RIGHT; goto move;
    case TK_HOME: m = TEND_MOVE_HOME; goto move;
    case TK_END: m = TEND_MOVE_END; goto move;
    case TK_DOWN: m = TEND_MOVE_DOWN; goto move;
    case TK_UP: {
        size_t row = 0, col = 0;
        if (tend_edit_cursor_rc(b, &row, &col, NULL) == TEND_OK && row == 0) {
            e->focus = F_TAGS;
            return true;
        }
        m = TEND_MOVE_UP;
        goto move;
    }
    default:
        return false;
    }
    if (did)
        S_changed(e, app);
    return true;
move:
    tend_edit_move(b, m, 0, NULL);
    return true;
}

/* Keys in the title or tags line. */
static bool S_field_key(editor *e, tend_app *app, const tend_key *k)
{
    tend_input *f = e->focus == F_TITLE ? e->title : e->tags;
    switch (k->kind) {
    case TK_ENTER: case TK_DOWN:
        e->focus++;
        return true;
    case TK_UP:
        if (e->focus > F_TITLE)
            e->focus--;
        return true;
    case TK_PASTE: {
        size_t len;
        const char *p = tend_app_paste(app, &len);
        S_paste_field(f, p, len);
        S_changed(e, app);
        return true;
    }
    case TK_CHAR: case TK_BACKSPACE: case TK_DELETE: case TK_CTRL: {
        size_t before = tend_input_len(f);
        bool used = tend_input_key(f, k);
        if (used && (k->kind == TK_CHAR || tend_input_len(f) != before))
            S_changed(e, app);
        return used;
    }
    default:
        return tend_input_key(f, k);
    }
}

/* A second of quiet: the draft is written after a few, and the timed
 * session may end. */
static void S_tick(editor *e, tend_app *app)
{
    int64_t now = tend_app_now(app);
    if (e->dirty && now - e->changed_at >= AUTOSAVE_SECONDS)
        S_save_draft(e);
    if (e->timer_end && now >= e->timer_end && e->state == E_EDIT && e->timed) {
        e->timed = false; /* once */
        S_state(e, E_TIMEUP);
    }
}

/* Writing, or answering the question on screen. */
static bool S_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    editor *e = FRAME_OF(editor, sc);
    if (k->kind == TK_RESIZE)
        return true;
    if (k->kind == TK_TIMEOUT) {
        S_tick(e, app);
        return true;
    }
    tend_action a = tend_screen_action(sc, k);
    if (e->state == E_LEAVE) {
        int answer = tend_confirm_key(&e->ask, a, k);
        if (answer != TEND_CONFIRM_ASKING)
            S_leave(e, app, answer);
        return true;
    }
    if (e->state == E_TIMEUP) {
        int answer = tend_confirm_key(&e->ask, a, k);
        if (answer == TEND_CONFIRM_ASKING)
            return true;
        S_state(e, E_EDIT);
        if (answer == T_SAVE) {
            S_save(e, app);
        } else if (answer == T_TOOLS) {
            S_save_draft(e);
            tend_app_push(app, tend_screen_tools(e->s));
        }
        return true;
    }
    /* Writing. */
    if (a == TA_BACK) {
        if (!e->unsaved || S_empty(e)) {
            if (S_empty(e) && !e->editing)
                S_drop_draft(e);
            tend_app_pop(app);
        } else {
            S_state(e, E_LEAVE);
        }
        return true;
    }
    if (a == TA_SAVE) {
        S_save(e, app);
        return true;
    }
    if (a == TA_FIELD || k->kind == TK_BTAB) {
        e->focus = k->kind == TK_BTAB ? (e->focus + 2) % 3 : (e->focus + 1) % 3;
        return true;
    }
    if (e->focus == F_BODY)
        return S_body_key(e, app, k, a);
    return S_field_key(e, app, k);
}

/* ---- life ----------------------------------------------------------------------------- */

/* Locking: keeps the work as the encrypted draft. */
static void S_lock(tend_screen *sc, tend_app *app)
{
    editor *e = FRAME_OF(editor, sc);
    (void)app;
    /* Quick-hide, auto-lock, leaving: keep the work as the encrypted draft;
     * destroy (right after) wipes the buffer. */
    if (e->unsaved && !S_empty(e)) {
        e->dirty = true;
        S_save_draft(e);
    }
}

/* Wipes and frees the fields, the text, the prompt and the entry. */
static void S_fini(tend_screen *sc)
{
    editor *e = FRAME_OF(editor, sc);
    tend_input_free(e->title);
    tend_input_free(e->tags);
    tend_edit_free(e->body);
    tend_wipe_str(e->prompt);
    tend_record_clear(&e->orig);
}

/* An empty editor (editor_args): the fields, the text, the prompt. */
static tend_status S_init(tend_screen *sc, void *arg)
{
    editor *e = FRAME_OF(editor, sc);
    const editor_args *a = arg;
    e->s = a->s;
    e->orig = (tend_record)TEND_RECORD_INIT;
    e->title = tend_input_new(TITLE_MAX, false);
    e->tags = tend_input_new(TAGS_MAX, false);
    bool ok = e->title && e->tags && tend_edit_new(&e->body, NULL) == TEND_OK;
    if (ok && a->prompt && *a->prompt)
        ok = (e->prompt = tend_strdup(a->prompt)) != NULL;
    e->focus = F_BODY;
    return ok ? TEND_OK : TEND_ENOMEM;
}

FRAME_SCREEN_OPS(S_ops, editor, "write", .init = S_init, .fini = S_fini, .draw = S_draw,
                 .key = S_key, .lock = S_lock, .keys = S_keys_edit, .flags = S_FLAGS_EDIT);

/* A new empty editor with prompt (copied; NULL = none), or NULL when out of
 * memory. */
static editor *S_new(tend_session *s, const char *prompt)
{
    editor_args a = { s, prompt };
    tend_screen *sc = tend_screen_new(&S_ops, &a);
    return sc ? FRAME_OF(editor, sc) : NULL;
}

/* Frees an editor never pushed. */
static void S_destroy(tend_screen *sc)
{
    tend_screen_free(sc);
}

/* Puts the words w (title, tags, text) into the editor. False when out
 * of memory. */
static bool S_load(editor *e, const tend_entry *w)
{
    tend_input_set(e->title, w->title ? w->title : "");
    tend_buf tags = TEND_BUF_INIT;
    tend_status st = tend_entry_tags_line(w, &tags);
    if (st == TEND_OK)
        tend_input_set(e->tags, tags.data ? tags.data : "");
    tend_buf_free(&tags);
    if (st == TEND_OK && w->text)
        st = tend_edit_set_text(e->body, w->text, w->text_len, NULL);
    return st == TEND_OK;
}

/* Contract in write_int.h. */
tend_screen *write_editor_new(tend_session *s, const char *prompt, const tend_uuid *entry,
                              bool timed, const char **why)
{
    *why = "Out of memory opening the editor.";
    if (!s->journal) {
        *why = "The journal is locked.";
        return NULL;
    }
    editor *e = S_new(s, prompt);
    if (!e)
        return NULL;
    if (entry) {
        tend_entry w;
        bool ok = tend_journal_get(s->journal, entry, &e->orig, NULL) == TEND_OK
                  && tend_entry_decode(&e->orig, &w, NULL) == TEND_OK;
        if (!ok || !S_load(e, &w)) {
            if (ok)
                tend_entry_clear(&w);
            *why = "This entry could not be opened.";
            S_destroy(&e->base);
            return NULL;
        }
        ok = !w.prompt || e->prompt || (e->prompt = tend_strdup(w.prompt)) != NULL;
        tend_entry_clear(&w);
        if (!ok) {
            S_destroy(&e->base);
            return NULL;
        }
        e->editing = true;
    }
    if (timed) {
        e->timed = true;
        e->timer_end = tend_app_now(s->app) + WRITE_TIMED_MINUTES * 60;
    }
    return &e->base;
}

/* The entry draft into *d; false (d cleared) when there is none or it
 * cannot be read. */
static bool S_get_draft(tend_session *s, tend_draft *d)
{
    memset(d, 0, sizeof *d);
    return s->journal && tend_draft_load(s->journal, d, NULL) == TEND_OK;
}

bool write_draft_exists(tend_session *s)
{
    tend_draft d;
    bool yes = S_get_draft(s, &d);
    tend_draft_clear(&d);
    return yes;
}

tend_screen *write_editor_from_draft(tend_session *s)
{
    tend_draft d;
    if (!S_get_draft(s, &d))
        return NULL;
    editor *e = S_new(s, d.entry.prompt);
    bool ok = e && S_load(e, &d.entry);
    if (ok && d.edits) {
        /* The draft was an edit of an entry: edit that entry again (if it
         * is gone, the draft becomes a new entry). */
        if (tend_journal_get(s->journal, &d.edited, &e->orig, NULL) == TEND_OK)
            e->editing = true;
    }
    tend_draft_clear(&d);
    if (!ok) {
        if (e)
            S_destroy(&e->base);
        return NULL;
    }
    e->unsaved = true; /* leaving asks again */
    return &e->base;
}

/* Contract in screens.h. */
tend_screen *tend_screen_write_prompt(tend_session *s, const char *prompt)
{
    const char *why;
    return write_editor_new(s, prompt, NULL, false, &why);
}

/* Contract in screens.h. */
tend_screen *tend_screen_entry_edit(tend_session *s, const unsigned char uuid[16])
{
    tend_uuid id;
    memcpy(id.b, uuid, sizeof id.b);
    const char *why = NULL;
    return write_editor_new(s, NULL, &id, false, &why);
}

/* Contract in write_int.h. */
void write_open_editor(tend_session *s, tend_app *app, const char *prompt, const tend_uuid *entry,
                       bool timed, bool replace, char *status, size_t cap)
{
    const char *why = NULL;
    tend_screen *ed = write_editor_new(s, prompt, entry, timed, &why);
    if (!ed) {
        if (status)
            snprintf(status, cap, "%s", why);
        return;
    }
    if (replace)
        tend_app_replace(app, ed);
    else
        tend_app_push(app, ed);
}
