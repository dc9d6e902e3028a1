/*
 * screens.h — constructors of the screens in src/screens/. Each returns a
 * new screen owned by the caller (normally handed straight to
 * tend_app_push), or NULL when out of memory.
 */
#ifndef TEND_SCREENS_H
#define TEND_SCREENS_H

#include "tend/ui.h"

/* The welcome screen: what tend is, and how to leave. */
tend_screen *tend_screen_welcome(void);

#endif
