/* Small helpers the library writes once (not exported). */
#ifndef MT_UTIL_H
#define MT_UTIL_H

#include <stdbool.h>
#include <stddef.h>

/* Make room for `need` elements of `elem` bytes in *p (capacity *cap,
 * doubled, at least 8): false when out of memory or when the size would
 * overflow, *p and *cap unchanged then. */
bool mt_grow(void *p, size_t *cap, size_t need, size_t elem);

/* ioctl(2) again while a signal interrupts it: the result, errno set. */
int mt_ioctl(int fd, unsigned long req, void *arg);

#endif
