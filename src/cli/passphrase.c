/*
 * passphrase.c — reading a passphrase for the commands: from the terminal
 * (/dev/tty, echo off) or, with --passphrase-fd N, one line from fd N.
 * Never from argv or the environment.
 *
 * The passphrase goes straight into secure memory (tend_secure_alloc) one
 * byte at a time, so no stdio buffer ever holds it, and reading from fd N
 * takes exactly one line: what follows (the next passphrase, or an entry's
 * text on standard input) is left unread.
 *
 * Echo is turned off with termios and restored on every path: normal
 * return, error, and the signals that would end the process (the handler
 * restores the terminal, then lets the signal do what it would have done).
 */
#include "tend/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define S_MAX TEND_PASSPHRASE_MAX

/* The terminal to restore from a signal handler. */
static volatile sig_atomic_t S_tty_fd = -1;
static struct termios S_saved;

static const int S_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
#define S_NSIG (sizeof S_signals / sizeof S_signals[0])

/* Signal handler while echo is off: restores the terminal, then lets the
 * signal do what it would have done. */
static void S_on_signal(int sig)
{
    int saved_errno = errno;
    if (S_tty_fd >= 0) {
        tcsetattr(S_tty_fd, TCSAFLUSH, &S_saved);
        (void)!write(S_tty_fd, "\n", 1);
    }
    signal(sig, SIG_DFL);
    raise(sig);
    errno = saved_errno;
}

void tend_passphrase_free(tend_passphrase *p)
{
    if (!p)
        return;
    tend_secure_free(p->s); /* sodium_free wipes */
    p->s = NULL;
    p->len = 0;
}

/* Reads bytes from fd into a fresh secure buffer until '\n' or end of
 * input. A trailing '\r' is dropped. *got_any tells whether anything (even
 * a bare newline) was read. */
static tend_status S_read_line(int fd, tend_passphrase *out, bool *got_any, tend_error *err)
{
    out->s = tend_secure_alloc(S_MAX + 1);
    out->len = 0;
    *got_any = false;
    if (!out->s)
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    bool too_long = false;
    for (;;) {
        char c;
        ssize_t n = read(fd, &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            tend_passphrase_free(out);
            return tend_fail(err, TEND_EIO, "could not read the passphrase: %s", strerror(e));
        }
        if (n == 0)
            break;
        *got_any = true;
        if (c == '\n')
            break;
        if (out->len < S_MAX)
            out->s[out->len++] = c;
        else
            too_long = true;
    }
    if (out->len && out->s[out->len - 1] == '\r')
        out->len--;
    out->s[out->len] = '\0';
    if (too_long) {
        tend_passphrase_free(out);
        return tend_fail(err, TEND_EINVAL, "the passphrase is longer than %d bytes", S_MAX);
    }
    return TEND_OK;
}

/* Asks on the open terminal tty with echo off. */
static tend_status S_ask_tty(int tty, const char *prompt, tend_passphrase *out, tend_error *err)
{
    struct termios t;
    if (tcgetattr(tty, &t) != 0)
        return tend_fail(err, TEND_ERR, "could not set up the terminal to ask for the passphrase");
    struct sigaction sa, old[S_NSIG];
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = S_on_signal;
    sigemptyset(&sa.sa_mask);
    S_saved = t;
    S_tty_fd = tty;
    for (size_t i = 0; i < S_NSIG; i++) {
        sigaction(S_signals[i], NULL, &old[i]);
        if (old[i].sa_handler != SIG_IGN) /* an ignored signal stays ignored */
            sigaction(S_signals[i], &sa, NULL);
    }
    struct termios quiet = t;
    quiet.c_lflag &= (tcflag_t) ~(ECHO | ECHOE | ECHOK);
    quiet.c_lflag |= ECHONL | ICANON;
    tend_status st = TEND_OK;
    if (tcsetattr(tty, TCSAFLUSH, &quiet) != 0) {
        st = tend_fail(err, TEND_ERR, "could not turn the terminal's echo off");
    } else {
        size_t pl = strlen(prompt);
        if (write(tty, prompt, pl) != (ssize_t)pl)
            st = tend_fail(err, TEND_EIO, "could not write to the terminal");
        bool got_any = false;
        if (st == TEND_OK)
            st = S_read_line(tty, out, &got_any, err);
        if (st == TEND_OK && !got_any) {
            tend_passphrase_free(out);
            st = tend_fail(err, TEND_ECANCEL, "no passphrase given");
        }
    }
    tcsetattr(tty, TCSAFLUSH, &t);
    S_tty_fd = -1;
    for (size_t i = 0; i < S_NSIG; i++)
        sigaction(S_signals[i], &old[i], NULL);
    return st;
}

tend_status tend_passphrase_read(const tend_globals *g, const char *prompt, const char *again,
                                 tend_passphrase *out, tend_error *err)
{
    out->s = NULL;
    out->len = 0;
    if (g->passphrase_fd >= 0) {
        bool got_any = false;
        tend_status st = S_read_line(g->passphrase_fd, out, &got_any, err);
        if (st == TEND_OK && !got_any) {
            tend_passphrase_free(out);
            st = tend_fail(err, TEND_ERR, "no passphrase on file descriptor %d (one line each)",
                           g->passphrase_fd);
        }
        return st;
    }
    int tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (tty < 0)
        return tend_fail(err, TEND_ERR,
                         "no terminal to ask for the passphrase on; use --passphrase-fd N");
    tend_status st = S_ask_tty(tty, prompt, out, err);
    if (st == TEND_OK && again) {
        tend_passphrase second = { NULL, 0 };
        st = S_ask_tty(tty, again, &second, err);
        if (st == TEND_OK && (second.len != out->len || memcmp(second.s, out->s, out->len) != 0))
            st = tend_fail(err, TEND_EINVAL, "the two passphrases differ; nothing was changed");
        tend_passphrase_free(&second);
        if (st != TEND_OK)
            tend_passphrase_free(out);
    }
    close(tty);
    return st;
}
