/*
 * history_int.h — shared by the files of the History screen (not public):
 * its state, and the views it is made of, one file each:
 *
 *   history.c           the screen: life, loading at enter, which view
 *                       draws and gets keys, opening and deleting a record
 *   history_list.c      the list by day (and loading it)
 *   history_calendar.c  the month calendar
 *   history_filter.c    the filter form, and what the filter lets through
 *   history_search.c    the search field and its results
 *
 * Speed: the list decrypts heads only (tend_journal_heads), so it opens fast
 * on a large journal; a body is decrypted only when a record is opened or a
 * search runs, and search works over decrypted memory only
 * (tend_search_journal), never an index. Lines are made at draw time for
 * the rows on screen only.
 *
 * Everything decrypted here (heads, search hits, typed filters and query)
 * is wiped when the screen is freed, which quick-hide and auto-lock do.
 */
#ifndef TEND_HISTORY_INT_H
#define TEND_HISTORY_INT_H

#include "looking_int.h"

#include "tend/search.h"

#define HISTORY_NO_HEAD ((size_t)-1)
#define HISTORY_FIELD_CAP 200
#define HISTORY_HIT_LINES 2 /* matching lines shown per record */

/* The views, each with its keys. */
enum {
    HISTORY_LIST, HISTORY_CALENDAR, HISTORY_FILTER, HISTORY_FIND, HISTORY_RESULTS,
    HISTORY_CONFIRM, HISTORY_VIEWS
};

/* The filter form's fields. */
enum { HISTORY_F_KIND, HISTORY_F_TAG, HISTORY_F_TRIGGER, HISTORY_F_SINCE, HISTORY_F_UNTIL,
       HISTORY_F_COUNT };

/* A row of the list: a day's heading, or one record of that day. */
typedef struct {
    int64_t day;
    size_t head; /* index in list.heads, or HISTORY_NO_HEAD for the day's heading */
} history_row;

typedef struct {
    tend_screen base;
    tend_session *s;
    int view, back;            /* back: the view the question returns to */
    bool searched;             /* res holds the results of the query */
    tend_head_list list;       /* heads passing the filter, newest first */
    history_row *rows;
    size_t nrows;
    size_t sel, top;           /* marked row (a record row) and first row shown */
    int page;
    tend_uuid mark;            /* the marked record, kept across reloads */
    bool have_mark;
    /* filter: the fields being typed, and what is applied */
    tend_input *in[HISTORY_F_COUNT]; /* in[HISTORY_F_KIND] unused */
    int kind_in, focus;
    int kind;                  /* 0 all, 1 entries, 2 check-ins */
    char tag[HISTORY_FIELD_CAP], trigger[HISTORY_FIELD_CAP];
    char since_txt[HISTORY_FIELD_CAP], until_txt[HISTORY_FIELD_CAP];
    int64_t since, until;
    /* calendar */
    int64_t cal_day;
    /* search */
    tend_input *query;
    tend_search_results res;
    size_t rsel, rtop;
    /* delete */
    tend_confirm confirm;
    tend_uuid del_id;
    char del_words[320];       /* the record the question is about (wiped) */
    char status[TEND_ERROR_MAX + 64];
} history_screen;

/* ---- history.c ------------------------------------------------------------ */

/* The keys of the text views (the filter form, the search field). */
extern const tend_action history_text_keys[];

/* Goes to view, with its keys. */
void history_go(history_screen *h, int view);

/* Opens a record (its head hd) in the record view; the list is read again
 * when History is back on top only if the journal changed. */
void history_open(history_screen *h, tend_app *app, const tend_head *hd);

/* Asks before deleting the record of head hd (the marked one); the answer
 * returns to the view shown now. */
void history_ask_delete(history_screen *h, const tend_head *hd);

/* One record's line: "HH:MM  kind      title or summary  #tags" (with the
 * date before the time when date is true), marked when sel. */
void history_draw_record(tend_app *app, int y, int x, int w, const tend_head *hd, bool sel,
                         bool date);

/* ---- history_list.c -------------------------------------------------------- */

extern const tend_action history_list_keys[];

/* Reads the heads passing the filter and groups them by day, keeping the
 * marked record marked (or the place, when it is gone). */
void history_list_load(history_screen *h);

/* Forgets the list (wiping the heads). */
void history_list_unload(history_screen *h);

/* Marks row (a record row), remembering its record. */
void history_list_set_sel(history_screen *h, size_t row);

/* The head of the marked row, or NULL. */
const tend_head *history_list_marked(const history_screen *h);

void history_list_draw(history_screen *h, tend_app *app, int rows, int cols);

/* The list's actions. Returns true when a was used. */
bool history_list_key(history_screen *h, tend_app *app, tend_action a);

/* ---- history_calendar.c ------------------------------------------------------ */

extern const tend_action history_calendar_keys[];

/* Opens the calendar at the marked record's day (or today). */
void history_calendar_open(history_screen *h, tend_app *app);

void history_calendar_draw(history_screen *h, tend_app *app, int rows, int cols);

/* Moves the day, the month; Enter goes to the list at that day. */
bool history_calendar_key(history_screen *h, tend_action a);

/* ---- history_filter.c ------------------------------------------------------- */

/* The journal filter of what is applied (kind, tag, dates). */
tend_filter history_filter_of(const history_screen *h);

/* True when hd passes the applied trigger ("triggers.conflict", or just
 * "conflict"); true when there is none. */
bool history_trigger_match(const history_screen *h, const tend_head *hd);

/* True when any filter is applied. */
bool history_filtered(const history_screen *h);

/* The applied filter in words ("Check-ins · tag walk · 3"), into out[cap]. */
void history_filter_words(const history_screen *h, char *out, size_t cap);

/* Opens the form with what is applied. */
void history_filter_open(history_screen *h);

void history_filter_draw(history_screen *h, tend_app *app, int rows, int cols);

/* The form's keys: Enter applies (asking for the list again), Esc keeps
 * what was applied. */
bool history_filter_key(history_screen *h, tend_app *app, tend_action a, const tend_key *k);

/* ---- history_search.c ------------------------------------------------------- */

extern const tend_action history_results_keys[];

/* Runs the typed query over the journal into h->res and shows the results;
 * announce draws "Searching…" first (never from an enter or a draw). */
void history_search_run(history_screen *h, tend_app *app, bool announce);

/* The search field (HISTORY_FIND) or the results (HISTORY_RESULTS). */
void history_search_draw(history_screen *h, tend_app *app, int rows, int cols);

bool history_find_key(history_screen *h, tend_app *app, tend_action a, const tend_key *k);
bool history_results_key(history_screen *h, tend_app *app, tend_action a);

#endif
