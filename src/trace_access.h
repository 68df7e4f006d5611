/* The runner's `write` and `read` commands (SPEC section 8). */
#ifndef MT_TRACE_ACCESS_H
#define MT_TRACE_ACCESS_H

#include "memtopo_trace.h"
#include "strbuf.h"

/* Run a parsed write/read on ctx, printing its lines to out (the device
 * model of `memtopo run`: it prints what reaches it, reads of mmio and
 * unassigned bytes return 0).  Returns the command's error code. */
/* The device model that prints section 6's lines into a struct mt_strbuf
 * (also for coalesced writes delivered at commits). */
const mt_device_ops *mt_trace_printer(void);
int mt_trace_access(mt_ctx *ctx, struct mt_strbuf *out, const mt_cmd *c);

#endif
