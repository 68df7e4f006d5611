/* The reference model: SPEC.md implemented a second time, as plainly as
 * possible, to be the oracle the fuzz targets compare the core against.
 *
 * It shares no rendering, set or diff code with src/: it uses only the
 * public headers' types and the parser's output (mt_cmd).  Flat views are
 * computed from byte ownership (one top-down walk per elementary interval),
 * sets are sorted arrays; everything is slow and obvious on purpose.
 *
 * All state lives in an mt_model; nothing aborts on any command sequence.
 */
#ifndef MT_MODEL_H
#define MT_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memtopo.h"
#include "memtopo_trace.h"

typedef struct mt_model mt_model;

/* NULL when out of memory. */
mt_model *mt_model_new(void);
void mt_model_free(mt_model *m);

/* Execute one parsed command, appending exactly the lines `memtopo run`
 * prints for it (SPEC section 6): its error line, the backend operations of
 * the commit it triggers, or its dump.  A parse error prints its error line;
 * MT_OP_NONE prints nothing. */
void mt_model_exec(mt_model *m, const mt_cmd *cmd);

/* End of input: commit the open transactions, if any. */
void mt_model_finish(mt_model *m);

/* Output appended since the last clear (not NUL-terminated as far as len
 * goes; an empty buffer gives "" and 0). */
const char *mt_model_output(const mt_model *m, size_t *len);
void mt_model_clear_output(mt_model *m);

/* Commits (outermost commit, auto-commit or end of input) run so far. */
unsigned mt_model_commits(const mt_model *m);

/* Append what `dump` (all spaces) would print, without being a command. */
void mt_model_dump_all(mt_model *m);

/* Byte ownership in space as of its last update: 1 and region name, kind and
 * offset in the region filled when addr is covered, 0 when it is not, -1
 * when there is no such space. */
int mt_model_lookup(const mt_model *m, const char *space, uint64_t addr,
		    char region[MT_NAME_MAX + 1], mt_kind *kind,
		    uint64_t *offset);

/* Pages of region `region` (by name, a live one) touched by [offset,
 * offset+len) become dirty (SPEC section 9): what a guest write through a
 * logged ram range does.  Ignored when there is no such region. */
void mt_model_mark_dirty(mt_model *m, const char *region, uint64_t offset,
			 mt_u128 len);

/* Sticky: the model gave up (alias DAG blowup past its work budget, or out
 * of memory).  Its output is then meaningless and the input is to be
 * discarded, not reported. */
bool mt_model_overflowed(const mt_model *m);

#endif
