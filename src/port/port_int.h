/*
 * port_int.h — what the files of the port module share and nobody else
 * sees: jansson's wiping allocator, base64 for the kept unknown bytes, the
 * summary of a run of heads, and the text comparison used for duplicates.
 *
 *   port.c       record sets, summaries, days, duplicates' "same text"
 *   file.c       files read whole and written in full or not at all
 *   json.c       jansson's wiping allocator, base64
 *   export.c     tend-json, jrnl JSON and Markdown out, streamed or whole
 *   import.c     tend-json and jrnl JSON in, all or nothing
 *   listing.c    tend list --format json
 *   encrypted.c  the encrypted bundle around a tend-json export
 */
#ifndef TEND_PORT_INT_H
#define TEND_PORT_INT_H

#include "tend/port.h"

#include <stdbool.h>
#include <stddef.h>

/* Installs the wiping allocator for jansson, once (a constructor calls it
 * before main; the port functions that use jansson call it again, which
 * does nothing). */
void port_json_init(void);

/* Appends the base64 (RFC 4648, with padding) of p[0..n) to out.
 * TEND_ENOMEM. */
tend_status port_b64_encode(const unsigned char *p, size_t n, tend_buf *out);

/* Decodes strict base64 s[0..n) (length a multiple of 4, padding only at
 * the end) into a fresh malloc'd *out of *outlen bytes (NULL when 0).
 * false on malformed input or out of memory (*oom tells which). */
bool port_b64_decode(const char *s, size_t n, unsigned char **out, size_t *outlen, bool *oom);

/* The summary of heads[0..n) (leaving out TEND_FLAG_PRIVATE ones when
 * skip_private), as tend_port_summarize gives for a set of those records. */
void port_summarize_heads(const tend_head *heads, size_t n, bool skip_private,
                          tend_port_summary *out);

/* True when a and b have the same created time, kind, title, body (a NULL
 * body counts as empty) and fields (check-in answers, in order): the
 * "same time and same text" of a duplicate. Tags and flags are not text. */
bool port_same_text(const tend_record *a, const tend_record *b);

#endif
