/*
 * store_int.h — what store.c needs from fault.c (private to src/store).
 */
#ifndef TEND_STORE_INT_H
#define TEND_STORE_INT_H

/* Name of the VFS every database of the store is opened with: NULL (the
 * default VFS) in a release build; in a test build the "tend-fault" shim,
 * registered on first use (store_test.h), or NULL if registering failed. */
const char *store_vfs_name(void);

#endif
