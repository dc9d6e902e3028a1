/*
 * record_int.h — what the record model (record.c) and the codec (codec.c)
 * share and nobody else sees: the layout of a one-block head.
 *
 * A decoded or copied head keeps its tag pointers, its fields, the kept
 * unknown bytes and every string (each with its NUL) in one allocation
 * (tend_head.block), laid out in that order, so that a list of thousands
 * of heads costs one allocation per head rather than one per string.
 */
#ifndef TEND_RECORD_INT_H
#define TEND_RECORD_INT_H

#include "tend/record.h"

#include <stddef.h>

/* How much a one-block head holds. */
typedef struct {
    size_t ntags, nfields;
    size_t text;  /* bytes of every string, NULs included */
    size_t extra; /* kept unknown bytes */
} record_block_shape;

/* The block size for sh, or 0 when it would overflow. */
size_t record_block_size(const record_block_shape *sh);

/* Points h's tags, fields and extra into block (laid out for sh; room 0,
 * as a one-block head has) and returns where its strings begin, after the
 * extra bytes. */
unsigned char *record_block_lay(tend_head *h, void *block, const record_block_shape *sh);

/* Copies s[0..n) and a NUL to *at, advancing it; returns the copy. */
char *record_put_text(unsigned char **at, const void *s, size_t n);

#endif
