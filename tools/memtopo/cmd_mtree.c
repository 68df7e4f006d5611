/* memtopo mtree FILE.mt: the committed flat views in the layout of QEMU's
 * HMP `info mtree -f`, so that `diff` can compare memtopo with a QEMU. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mtree_model.h"

struct pr {
	const struct mm_model *m;
	FILE *out;
};

static int print_range(void *arg, const mt_flat_range *f)
{
	struct pr *p = arg;
	long i = mm_find(p->m, f->region);
	uint64_t last = (uint64_t)(f->end - 1);

	fprintf(p->out, "  %016" PRIx64 "-%016" PRIx64 " (prio %d, %s): %s", f->start, last,
		i >= 0 ? (int)p->m->r[i].prio : 0, i >= 0 ? mm_qkind(p->m, i) : "i/o",
		i >= 0 ? mm_qname(p->m, i) : f->region);
	if (f->offset)
		fprintf(p->out, " @%016" PRIx64, f->offset);
	fputc('\n', p->out);
	return 0;
}

static void print_view(const struct mm_model *m, mt_ctx *ctx, long key, size_t first,
		       unsigned no, FILE *out)
{
	struct pr p = { m, out };
	const mt_space *sp = mt_space_find(ctx, m->s[first].name);
	size_t j;

	fprintf(out, "FlatView #%u\n", no);
	for (j = first; j < m->ns; j++) {
		long root = m->s[j].root;

		if (mm_flatview_root(m, root) != key)
			continue;
		fprintf(out, " AS \"%s\", root: %s", m->s[j].qname ? m->s[j].qname : m->s[j].name,
			mm_qname(m, root));
		if (m->r[root].kind == MT_ALIAS)
			fprintf(out, ", alias %s", mm_qname(m, m->r[root].target));
		fputc('\n', out);
	}
	fprintf(out, " Root memory region: %s\n", key >= 0 ? mm_qname(m, key) : "(none)");
	if (!sp || !mt_space_range_count(sp) || key < 0) {
		fputs("  No rendered FlatView\n\n", out);
		return;
	}
	mt_space_foreach_range(sp, print_range, &p);
	fputc('\n', out);
}

int mt_mtree_print(const struct mm_model *m, mt_ctx *ctx, FILE *out)
{
	long *keys = calloc(m->ns + 1, sizeof(long));
	size_t i, j;
	unsigned no = 0;

	if (!keys)
		return -1;
	for (i = 0; i < m->ns; i++)
		keys[i] = m->s[i].root >= 0 ? mm_flatview_root(m, m->s[i].root) : -1;
	for (i = 0; i < m->ns; i++) {
		for (j = 0; j < i && keys[j] != keys[i]; j++)
			;
		if (j == i && m->s[i].root >= 0)
			print_view(m, ctx, keys[i], i, no++, out);
	}
	free(keys);
	return 0;
}

static int mtree_main(int argc, char **argv)
{
	struct mm_model m = { 0 };
	mt_runner *r;
	size_t len;
	char *text;
	int rc = MT_EXIT_USAGE;

	if (argc != 2 || (argv[1][0] == '-' && argv[1][1]))
		return mt_cli_usage_error(&mt_cmd_mtree, "needs exactly one FILE.mt");
	text = mt_cli_slurp(argv[1], &len);
	if (!text)
		return MT_EXIT_USAGE;
	r = tw_run(text, len, 0, mm_follow, &m);
	if (r && !m.oom && !mt_mtree_print(&m, mt_runner_ctx(r), stdout))
		rc = fflush(stdout) ? MT_EXIT_USAGE : MT_EXIT_OK;
	else
		fprintf(stderr, "memtopo mtree: out of memory\n");
	mt_runner_free(r);
	mm_free(&m);
	free(text);
	return rc;
}

const struct mt_tool_cmd mt_cmd_mtree = {
	"mtree", "print a trace's flat views in the layout of QEMU's `info mtree -f`",
	"usage: memtopo mtree FILE.mt\n"
	"  Run FILE.mt (- for stdin) and print every space's committed flat view\n"
	"  as QEMU's HMP `info mtree -f` does: FlatView headers grouped by QEMU's\n"
	"  FlatView root, `AS \"name\", root: ...`, ranges with priorities, kinds\n"
	"  and offsets.  QEMU names and kinds come from the #qemu comments that\n"
	"  `memtopo import qemu-mtree` writes.  Known differences: docs/semantics.md.\n",
	mtree_main,
};
