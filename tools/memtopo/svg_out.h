/* Small SVG writing helpers for `memtopo map`: XML-safe text, exact hex. */
#ifndef MT_SVG_OUT_H
#define MT_SVG_OUT_H

#include <stdio.h>

#include "memtopo.h"

/* Widths of the monospace font the map uses, per character, at size 1. */
#define SVG_CHAR_EM 0.61

/* s as XML character data or attribute text: & < > " ' as entities, and
 * any byte outside printable ASCII as '?' (names from #qemu comments or a
 * file path may hold anything, and the output must stay well-formed). */
void svg_esc(FILE *out, const char *s);

/* v as lowercase "0x..." (exact up to 2^64 and beyond); returns buf. */
const char *svg_hex(char buf[40], mt_u128 v);

/* <text> at (x, y) with attributes attrs (already XML-safe), escaped body. */
void svg_text(FILE *out, double x, double y, const char *attrs, const char *body);

#endif
