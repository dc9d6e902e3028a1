/*
 * core.h — the pieces every module shares: status codes and error messages,
 * growable byte buffers that wipe themselves, UTF-8 decoding and display
 * width, secure memory, and process start-up hardening.
 *
 * Conventions used across tend:
 * - A function that can fail returns tend_status and, when given a non-NULL
 *   tend_error *, fills it with a message a person can act on ("what
 *   happened. what to do."). Library code never prints and never exits.
 * - Ownership is stated in each function's comment. "Caller frees" means with
 *   the matching *_free function of the module named.
 */
#ifndef TEND_CORE_H
#define TEND_CORE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Status codes. The first five are also the program's exit codes. */
typedef enum {
    TEND_OK = 0,
    TEND_ERR = 1,       /* a failure that is not one of the below */
    TEND_EUSAGE = 2,    /* the command line was wrong */
    TEND_EPASS = 3,     /* wrong passphrase */
    TEND_EDAMAGED = 4,  /* damaged or tampered data found */
    TEND_ENOMEM,        /* out of memory */
    TEND_EIO,           /* the file system refused or failed */
    TEND_ENOTFOUND,     /* no such journal, record, page, ... */
    TEND_EBUSY,         /* the journal is open in another tend */
    TEND_EEXIST,        /* already exists */
    TEND_EINVAL,        /* bad input: a malformed file, an out-of-range value */
    TEND_ECANCEL        /* the person chose not to go on */
} tend_status;

/* Maps a status to the exit code documented in tend(1): 0 ok, 1 error,
 * 2 usage, 3 wrong passphrase, 4 damaged data found. */
int tend_exit_code(tend_status st);

/* A short, stable name for a status ("wrong passphrase"); never NULL. */
const char *tend_status_name(tend_status st);

#define TEND_ERROR_MAX 512

typedef struct {
    tend_status code;
    char msg[TEND_ERROR_MAX];
} tend_error;

/* Records a failure in *err (when err is not NULL) with a printf-style
 * message, truncated to fit. Returns code, so callers can write
 * `return tend_fail(err, TEND_EIO, "...")`. A message already in *err is
 * replaced. */
tend_status tend_fail(tend_error *err, tend_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Clears *err to TEND_OK with an empty message (NULL is allowed). */
void tend_error_clear(tend_error *err);

/* ---- growable buffer ---------------------------------------------------
 * A byte buffer that keeps a NUL after its contents, so data is always a
 * valid C string when the contents are text. Every reallocation copies into
 * fresh memory and wipes the old block, and tend_buf_free wipes before
 * freeing: journal plaintext may pass through any buffer. A zeroed struct
 * (TEND_BUF_INIT) is an empty buffer. */
typedef struct {
    char *data;  /* NULL until the first append */
    size_t len;
    size_t cap;
} tend_buf;

#define TEND_BUF_INIT { NULL, 0, 0 }

/* Ensures room for extra more bytes plus the NUL. TEND_ENOMEM on failure,
 * leaving the buffer as it was. */
tend_status tend_buf_reserve(tend_buf *b, size_t extra);
/* Appends n bytes. TEND_ENOMEM on failure, buffer unchanged. */
tend_status tend_buf_append(tend_buf *b, const void *p, size_t n);
/* Appends a C string. */
tend_status tend_buf_puts(tend_buf *b, const char *s);
/* Appends one byte. */
tend_status tend_buf_putc(tend_buf *b, char c);
/* Appends printf-style text. TEND_ENOMEM or TEND_EINVAL (bad format). */
tend_status tend_buf_printf(tend_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Empties the buffer (wiping what it held) but keeps its memory. */
void tend_buf_reset(tend_buf *b);
/* Like tend_buf_reset, but wipes only data[0..len], for a buffer reused in
 * a loop whose contents only ever went through the calls above (which
 * never leave bytes beyond len behind): wiping its whole room for every
 * use would cost a pass over the largest thing it ever held. */
void tend_buf_clear(tend_buf *b);
/* Wipes and frees the memory; the buffer is empty and reusable after. */
void tend_buf_free(tend_buf *b);
/* Hands the contents to the caller (NUL-terminated, never NULL: an empty
 * buffer yields a fresh ""), who frees with tend_wipe_free(p, len + 1).
 * The buffer is left empty. Returns NULL only when out of memory. */
char *tend_buf_take(tend_buf *b, size_t *len);

/* ---- memory ------------------------------------------------------------ */

/* Overwrites n bytes at p with zeros in a way the compiler cannot remove. */
void tend_wipe(void *p, size_t n);
/* tend_wipe(p, n) then free(p). NULL is allowed. */
void tend_wipe_free(void *p, size_t n);
/* Wipes and frees a NUL-terminated string. NULL is allowed. */
void tend_wipe_str(char *s);
/* strdup that returns NULL on out of memory (caller frees). */
char *tend_strdup(const char *s);
/* strndup likewise. */
char *tend_strndup(const char *s, size_t n);

/* Guarded, locked memory for keys and passphrases (sodium_malloc): guard
 * pages around it, never swapped where the system allows, wiped on free.
 * Returns NULL when out of memory. Free with tend_secure_free only. */
void *tend_secure_alloc(size_t n);
void tend_secure_free(void *p);

/* ---- process ----------------------------------------------------------- */

/* Start-up hardening, called once before anything else touches a secret:
 * initialises libsodium, sets umask 077, turns core dumps off (RLIMIT_CORE 0
 * and PR_SET_DUMPABLE 0). Returns TEND_ERR with a message when any step
 * fails; tend must not go on in that case. */
tend_status tend_process_init(tend_error *err);

/* Makes sure LC_CTYPE is a UTF-8 locale (the user's when it is one, else
 * C.UTF-8), so wide-character functions and ncursesw see UTF-8. Returns
 * false when no UTF-8 locale could be set. */
bool tend_locale_init(void);

/* ---- UTF-8 and display width ------------------------------------------ */

/* Decodes one code point from s[0..len). Returns the number of bytes used
 * (1..4; 0 only when len is 0). Malformed or overlong sequences, surrogates
 * and values above U+10FFFF decode as U+FFFD using one byte, so a caller
 * always makes progress. */
size_t tend_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encodes cp into out (at least 4 bytes). Returns the bytes written, or 0
 * when cp is not a valid scalar value. */
size_t tend_utf8_encode(uint32_t cp, char *out);
/* True when s[0..len) is valid UTF-8. */
bool tend_utf8_valid(const char *s, size_t len);
/* Columns a code point takes in a terminal: 0 for combining marks, joiners
 * and variation selectors, 2 for wide (CJK, most emoji), 1 otherwise.
 * Control characters count 1 (they are shown as a replacement). */
int tend_cp_width(uint32_t cp);
/* True when cp joins the previous character (combining mark, ZWJ, variation
 * selector, emoji modifier) rather than starting a new one. */
bool tend_cp_is_extend(uint32_t cp);
/* Byte offset of the start of the character cluster after the one starting
 * at pos (a base character plus its combining marks and ZWJ sequences).
 * Returns len at the end. pos must be a cluster boundary. */
size_t tend_utf8_next(const char *s, size_t len, size_t pos);
/* Byte offset of the start of the cluster before pos; 0 at the start. */
size_t tend_utf8_prev(const char *s, size_t len, size_t pos);
/* Display width of s[0..len) in columns. */
size_t tend_utf8_width(const char *s, size_t len);
/* Number of bytes of s[0..len) whose width fits in cols columns, cut only
 * at cluster boundaries. *used (may be NULL) receives the columns taken. */
size_t tend_utf8_fit(const char *s, size_t len, size_t cols, size_t *used);

#endif
