/* A growable output buffer that never fails loudly: on out-of-memory it
 * stops growing and remembers it (mt_strbuf.oom). */
#ifndef MT_STRBUF_H
#define MT_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

#include "memtopo.h"

struct mt_strbuf {
	char *p;
	size_t len, cap;
	bool oom;
};

void mt_sb_printf(struct mt_strbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Append v as lowercase hex with 0x and no padding (128-bit). */
void mt_sb_hex(struct mt_strbuf *b, mt_u128 v);
void mt_sb_free(struct mt_strbuf *b);

#endif
