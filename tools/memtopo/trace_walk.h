/* Run a trace line by line through the runner, telling a callback about
 * each command and whether it succeeded (mtree and map follow the tree). */
#ifndef MT_TRACE_WALK_H
#define MT_TRACE_WALK_H

#include <stdbool.h>

#include "memtopo_trace.h"

typedef void (*tw_fn)(void *arg, const mt_cmd *cmd, const char *raw,
		      size_t rawlen, bool ok);

/* Runs text; stops after line `last` when nonzero (views as committed by
 * then: a transaction open there stays open, even at the last line), else
 * runs to the end and commits open transactions.  Returns the runner
 * (caller frees) or NULL when out of memory. */
mt_runner *tw_run(const char *text, size_t len, unsigned last, tw_fn fn, void *arg);

/* The "#qemu WORD REST" comment of a raw line: WORD into word (16 bytes),
 * REST malloc'd; NULL when there is none. */
char *tw_qemu_note(const char *raw, size_t rawlen, char word[16]);

#endif
