/*
 * vec.c — growing and freeing the arrays of vec.h.
 *
 * The caller's pointer member is read and written through memcpy, so one
 * function serves arrays of every element type without a cast that would
 * break aliasing rules.
 */
#include "tend/vec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The first room an array gets; doubled from there. */
#define VEC_FIRST_ROOM 16

tend_status tend_grow(void *arr, size_t *cap, size_t need, size_t elem, bool wipe)
{
    if (need <= *cap)
        return TEND_OK;
    size_t ncap = *cap ? *cap : VEC_FIRST_ROOM;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return TEND_ENOMEM;
        ncap *= 2;
    }
    if (elem == 0 || ncap > SIZE_MAX / elem)
        return TEND_ENOMEM;
    void *old;
    memcpy(&old, arr, sizeof old);
    void *p;
    if (wipe) {
        p = malloc(ncap * elem);
        if (!p)
            return TEND_ENOMEM;
        if (old) {
            memcpy(p, old, *cap * elem);
            tend_wipe_free(old, *cap * elem);
        }
    } else {
        p = realloc(old, ncap * elem);
        if (!p)
            return TEND_ENOMEM;
    }
    memset((char *)p + *cap * elem, 0, (ncap - *cap) * elem);
    memcpy(arr, &p, sizeof p);
    *cap = ncap;
    return TEND_OK;
}

void tend_grow_free(void *arr, size_t cap, size_t elem, bool wipe)
{
    void *old;
    memcpy(&old, arr, sizeof old);
    if (wipe)
        tend_wipe_free(old, cap * elem);
    else
        free(old);
    old = NULL;
    memcpy(arr, &old, sizeof old);
}
