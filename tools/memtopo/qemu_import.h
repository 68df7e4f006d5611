/* QEMU `info mtree` -> a memtopo trace (memtopo import qemu-mtree). */
#ifndef MT_QEMU_IMPORT_H
#define MT_QEMU_IMPORT_H

#include <stdio.h>

#include "qemu_mtree.h"

#define MT_NAME_MAX_LEN 64

/* Write the trace of tree t to out; flat (may be NULL) decides container vs
 * i/o.  Every guess or inexpressible feature goes to err as
 * "FILE:LINE: note: ...".  Returns 0, or -1 on a hard error (reported). */
int qi_import(struct qm_tree *t, const struct qm_flat *flat, const char *file,
	      const char *flat_file, FILE *out, FILE *err);

/* Print a size or address as the trace language wants it (0x..). */
void qi_put_hex(FILE *out, mt_u128 v);

/* A name of [A-Za-z0-9_.-]{1,64} from any QEMU name, unique within used[]
 * (n entries); malloc'd. */
char *qi_sanitize(const char *name, char *const *used, size_t n);

#endif
