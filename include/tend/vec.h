/*
 * vec.h — a typed growable array, the one way tend grows an array.
 *
 *     TEND_VEC(tend_head) heads = TEND_VEC_INIT;
 *     if (tend_vec_push(&heads, h) != TEND_OK) ...
 *     for (size_t i = 0; i < heads.n; i++) use(&heads.v[i]);
 *     tend_vec_free(&heads);             (or tend_vec_free_wiped)
 *
 * Growth doubles the room (16 elements first), so n pushes cost O(n).
 * Two flavours of every call:
 * - plain (tend_vec_reserve, tend_vec_push, tend_vec_free): realloc, for
 *   arrays that never hold a person's words (indexes, row ids, pointers
 *   into content that is not journal text);
 * - wiped (tend_vec_reserve_wiped, tend_vec_push_wiped, tend_vec_free_wiped):
 *   a move copies into a fresh block and wipes the old one before freeing,
 *   and free wipes every allocated slot, for arrays of journal plaintext or
 *   of structs that hold it inline.
 * One array must keep to one flavour.
 *
 * Ownership: the array owns v (room for cap elements); n are in use. What
 * the elements point to is the caller's. On TEND_ENOMEM nothing changes.
 *
 * For a struct that keeps its array, count and room in separate members
 * (older code), tend_grow does the same work on the three of them.
 */
#ifndef TEND_VEC_H
#define TEND_VEC_H

#include "tend/core.h"

#include <stdbool.h>
#include <stddef.h>

/* A struct type holding an array of T: v (room for cap), n used. */
#define TEND_VEC(T)     \
    struct {            \
        T *v;           \
        size_t n;       \
        size_t cap;     \
    }

#define TEND_VEC_INIT { NULL, 0, 0 }

/* Makes *arr (an array of elem-byte elements with room for *cap) hold at
 * least need elements, doubling from 16. arr is the address of the
 * caller's pointer member, of any object pointer type (all object pointers
 * share one representation on the systems tend runs on, as POSIX
 * requires). With wipe, the old block is copied into a new one and wiped
 * before it is freed; without, realloc is used. Slots beyond the old room
 * are zeroed either way. TEND_OK, or TEND_ENOMEM (size overflow or no
 * memory) with *arr and *cap unchanged. */
tend_status tend_grow(void *arr, size_t *cap, size_t need, size_t elem, bool wipe);

/* Frees the array at *arr (room for cap elements of elem bytes), wiping
 * every slot first when wipe, and sets *arr to NULL. */
void tend_grow_free(void *arr, size_t cap, size_t elem, bool wipe);

/* Room for extra more elements beyond n. TEND_OK or TEND_ENOMEM. */
#define tend_vec_reserve(vec, extra) \
    tend_grow(&(vec)->v, &(vec)->cap, (vec)->n + (extra), sizeof *(vec)->v, false)
#define tend_vec_reserve_wiped(vec, extra) \
    tend_grow(&(vec)->v, &(vec)->cap, (vec)->n + (extra), sizeof *(vec)->v, true)

/* Appends val (an expression of the element type, evaluated once and only
 * when there is room). TEND_OK or TEND_ENOMEM (nothing appended). */
#define tend_vec_push(vec, val) \
    (tend_vec_reserve((vec), 1) == TEND_OK ? ((vec)->v[(vec)->n++] = (val), TEND_OK) : TEND_ENOMEM)
#define tend_vec_push_wiped(vec, val)                                                        \
    (tend_vec_reserve_wiped((vec), 1) == TEND_OK ? ((vec)->v[(vec)->n++] = (val), TEND_OK) \
                                                 : TEND_ENOMEM)

/* Frees the array (wiping it with the _wiped form); the vec is empty and
 * reusable after. What elements point to is not freed. */
#define tend_vec_free(vec)                                               \
    (tend_grow_free(&(vec)->v, (vec)->cap, sizeof *(vec)->v, false), \
     (vec)->n = 0, (vec)->cap = 0)
#define tend_vec_free_wiped(vec)                                        \
    (tend_grow_free(&(vec)->v, (vec)->cap, sizeof *(vec)->v, true), \
     (vec)->n = 0, (vec)->cap = 0)

#endif
