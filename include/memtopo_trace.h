/* memtopo trace language (SPEC section 5) and its runner (section 6).
 *
 * The parser turns one line into an mt_cmd; it reports only the errors that
 * belong to the line itself (`syntax`, then `invalid` for out-of-range
 * numbers).  Everything else is the command's own checks, made by whoever
 * executes it (the core through mt_trace_exec, or the reference model).
 */
#ifndef MEMTOPO_TRACE_H
#define MEMTOPO_TRACE_H

#include <stdio.h>

#include "memtopo.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MT_NAME_MAX 64

typedef enum mt_op {
	MT_OP_NONE = 0, /* blank or comment line */
	MT_OP_REGION,	/* container|ram|rom|mmio NAME SIZE   (kind, name, size) */
	MT_OP_ALIAS,	/* alias NAME TARGET OFFSET SIZE (name, name2, num, size) */
	MT_OP_MAP,	/* map P C ADDR [PRIO]  (name=P, name2=C, num, prio, has_prio) */
	MT_OP_UNMAP,	/* unmap P C            (name, name2) */
	MT_OP_MOVE,	/* move C ADDR          (name, num) */
	MT_OP_ENABLE,	/* enable N             (name) */
	MT_OP_DISABLE,	/* disable N            (name) */
	MT_OP_DESTROY,	/* destroy N            (name) */
	MT_OP_EFD_ADD,	/* eventfd-add R OFFSET SIZE DATA FD (name, efd) */
	MT_OP_EFD_DEL,	/* eventfd-del R OFFSET SIZE DATA FD (name, efd) */
	MT_OP_SPACE,	/* space S ROOT [pio]   (name, name2, pio) */
	MT_OP_BEGIN,
	MT_OP_COMMIT,
	MT_OP_DUMP,	/* dump [S]             (has_name, name) */
	MT_OP_WRITE,	/* write S ADDR SIZE DATA (name, num, size, data) */
	MT_OP_READ,	/* read S ADDR SIZE     (name, num, size) */
	MT_OP_LOG,	/* log R on|off         (name, on) */
	MT_OP_COALESCE,	/* coalesce R OFFSET SIZE   (name, num, size) */
	MT_OP_UNCOALESCE, /* uncoalesce R OFFSET SIZE (name, num, size) */
	MT_OP_SYNC,	/* sync (not a mutation) */
} mt_op;

typedef struct mt_cmd {
	mt_op op;
	unsigned line;	/* 1-based line number */
	int parse_err;	/* MT_OK, MT_ESYNTAX or MT_EINVAL: then nothing else is set */
	mt_kind kind;
	char name[MT_NAME_MAX + 1];
	char name2[MT_NAME_MAX + 1];
	uint64_t num;	/* ADDR or alias OFFSET */
	mt_u128 size;	/* region or alias SIZE (<= 2^64) */
	int32_t prio;
	bool has_prio;
	bool has_name;	/* dump S */
	bool pio;
	/* eventfd-add/del: efd_size is the SIZE token as written (<= 2^64), so
	 * that an out-of-set size is the command's `invalid`, not a parse error. */
	mt_u128 efd_size;
	mt_eventfd_spec efd; /* offset, match, data, fd (size set when valid) */
	uint64_t data;	/* write DATA */
	bool on;	/* log R on */
} mt_cmd;

/* Parse one line (no newline needed; len bytes, may contain NULs). */
MT_API void mt_parse_line(const char *line, size_t len, unsigned lineno, mt_cmd *out);

/* Whether a parsed op is a mutating command (committed alone outside a
 * transaction). */
MT_API bool mt_op_is_mutation(mt_op op);

/* ---- runner ------------------------------------------------------------ */

/* Makes the backend of each new space: returns the opaque (owned by the
 * space from then on) and sets *ops, or returns NULL with a message in err
 * (the `space` command then fails with *code).  NULL factory: the reference
 * backend of SPEC section 4. */
typedef struct mt_backend_factory {
	void *(*make)(void *arg, const char *space, bool pio,
		      const mt_backend_ops **ops, int *code, char *err,
		      size_t errlen);
	void *arg;
} mt_backend_factory;

typedef struct mt_runner mt_runner;

/* Output goes to a growable buffer; fetch it with mt_runner_output, or
 * stream it with mt_runner_set_output. */
MT_API mt_runner *mt_runner_new(const mt_backend_factory *factory);
MT_API void mt_runner_free(mt_runner *r);
MT_API mt_ctx *mt_runner_ctx(mt_runner *r);
/* Called after every commit that ran (outermost commit or auto-commit), with
 * the line of the command that caused it (the last line at end of input). */
MT_API void mt_runner_on_commit(mt_runner *r, void (*cb)(void *arg, unsigned line),
			 void *arg);
/* Called just before every command that commits when it succeeds (the
 * outermost commit, a mutation outside a transaction, the end of input with
 * transactions open), with its line; when the command then fails, failed
 * (may be NULL) is called instead of on_commit's callback.  So a caller can
 * act on the topology a commit changes (memtopo validate: guest writes to
 * logged ram that the commit must not lose). */
MT_API void mt_runner_before_commit(mt_runner *r, void (*before)(void *arg, unsigned line),
				    void (*failed)(void *arg, unsigned line), void *arg);
/* Where to explain errors (one line each, after the SPEC's error line);
 * NULL (the default) to stay quiet. */
MT_API void mt_runner_set_log(mt_runner *r, FILE *log);
/* Stream the output to out (NULL: back to buffering): whatever is buffered
 * is written at once, then the buffer is written and emptied after every
 * command (and within one once it holds 64 KiB), so memory stays bounded
 * whatever the trace's length.  Check ferror(out) for write errors.
 * mt_runner_output then shows only what is not yet written (nothing,
 * between commands). */
MT_API void mt_runner_set_output(mt_runner *r, FILE *out);
/* True once an output line could not be stored (out of memory): the output
 * is incomplete, and a caller must say so. */
MT_API bool mt_runner_output_lost(const mt_runner *r);
/* Execute one parsed command, appending its output lines. */
MT_API void mt_runner_exec(mt_runner *r, const mt_cmd *cmd);
/* Run a whole trace text (any bytes) and commit open transactions at its end. */
MT_API void mt_runner_run_text(mt_runner *r, const char *text, size_t len);
/* End of input: commit open transactions. */
MT_API void mt_runner_finish(mt_runner *r);
MT_API const char *mt_runner_output(const mt_runner *r, size_t *len);
MT_API void mt_runner_clear_output(mt_runner *r);

#ifdef __cplusplus
}
#endif

#endif
