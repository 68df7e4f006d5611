/* memtopo run: a trace through the core, SPEC section 6 output. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "memtopo_kvm.h"
#include "memtopo_trace.h"

/* --reach: reference backends that report accesses beyond it unreachable */
static void *reach_make(void *arg, const char *space, bool pio, const mt_backend_ops **ops,
			int *code, char *err, size_t errlen)
{
	void *b = mt_ref_backend_new();

	(void)space, (void)pio, (void)err, (void)errlen;
	*code = MT_ENOSPACE;
	*ops = mt_ref_backend_ops();
	if (b)
		mt_ref_backend_set_reach(b, *(const mt_u128 *)arg);
	return b;
}

struct run_opts {
	const char *path;
	bool kvm, verbose, has_reach, has_dirty;
	mt_kvm_dirty_mode dirty;
	mt_u128 reach;
};

/* 0, or the exit code of a usage error (after its message). */
static int parse_args(int argc, char **argv, struct run_opts *o)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--backend") && i + 1 < argc) {
			const char *b = argv[++i];

			if (!strcmp(b, "kvm"))
				o->kvm = true;
			else if (strcmp(b, "ref")) {
				return mt_cli_usage_error(&mt_cmd_run, "unknown backend '%s' (ref or kvm)", b);
			}
		} else if (!strcmp(argv[i], "--reach") && i + 1 < argc) {
			char *end;
			unsigned long long v = strtoull(argv[++i], &end, 0);

			if (!*argv[i] || *end)
				return mt_cli_usage_error(&mt_cmd_run, "bad --reach '%s'", argv[i]);
			o->reach = v;
			o->has_reach = true;
		} else if (!strcmp(argv[i], "--dirty") && i + 1 < argc) {
			if (!mt_kvm_dirty_mode_parse(argv[++i], &o->dirty))
				return mt_cli_usage_error(&mt_cmd_run, "unknown dirty mode '%s' "
							  "(bitmap, ring or clear)", argv[i]);
			o->has_dirty = true;
		} else if (!strcmp(argv[i], "-v")) {
			o->verbose = true;
		} else if (!o->path && (argv[i][0] != '-' || !strcmp(argv[i], "-"))) {
			o->path = argv[i];
		} else {
			return mt_cli_usage_error(&mt_cmd_run, "unexpected argument '%s'", argv[i]);
		}
	}
	if (!o->path)
		return mt_cli_usage_error(&mt_cmd_run, "missing FILE (use - for stdin)");
	if (o->has_dirty && !o->kvm)
		return mt_cli_usage_error(&mt_cmd_run, "--dirty needs --backend kvm");
	return 0;
}

static int run_main(int argc, char **argv)
{
	struct run_opts o = { NULL, false, false, false, false, MT_KVM_DIRTY_BITMAP, MT_2_64 };
	mt_backend_factory kvm_factory, reach_factory = { reach_make, NULL };
	struct mt_cli_kvm *watch = NULL;
	const char *path;
	bool kvm, lost;
	mt_runner *r;
	size_t len;
	char *text;
	int rc = parse_args(argc, argv, &o);

	if (rc)
		return rc;
	path = o.path;
	kvm = o.kvm;
	if (kvm) {
		watch = mt_cli_kvm_factory(&kvm_factory, (int)o.dirty, &rc);
		if (!watch)
			return rc;
	}
	text = mt_cli_slurp(path, &len);
	if (!text) {
		mt_cli_kvm_free(watch);
		return MT_EXIT_USAGE;
	}
	reach_factory.arg = &o.reach;
	r = mt_runner_new(kvm ? &kvm_factory : o.has_reach ? &reach_factory : NULL);
	if (!r) {
		free(text);
		mt_cli_kvm_free(watch);
		fprintf(stderr, "memtopo: out of memory\n");
		return MT_EXIT_USAGE;
	}
	if (o.verbose)
		mt_runner_set_log(r, stderr);
	mt_runner_set_output(r, stdout);
	mt_runner_run_text(r, text, len);
	lost = mt_runner_output_lost(r);
	mt_cli_kvm_report(watch);
	mt_runner_free(r);
	mt_cli_kvm_free(watch);
	free(text);
	if (lost) {
		fprintf(stderr, "memtopo: out of memory: output incomplete\n");
		return MT_EXIT_USAGE;
	}
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "memtopo: write error\n");
		return MT_EXIT_USAGE;
	}
	return MT_EXIT_OK;
}

const struct mt_tool_cmd mt_cmd_run = {
	"run", "run a trace (FILE or - for stdin); prints SPEC section 6 output",
	"usage: memtopo run [--backend ref|kvm] [--dirty bitmap|ring|clear] [--reach ADDR]\n"
	"                   [-v] FILE\n"
	"  Run the trace FILE (- for stdin) and print SPEC section 6 output.\n"
	"  --backend ref   the reference backend (default)\n"
	"  --backend kvm   real KVM: memslots and ioeventfds on /dev/kvm (exit 77 without it)\n"
	"  --dirty MODE    how KVM reports dirty pages: bitmap (KVM_GET_DIRTY_LOG, the\n"
	"                  default), ring (per-vCPU dirty rings) or clear (KVM_GET_DIRTY_LOG\n"
	"                  + KVM_CLEAR_DIRTY_LOG); exit 77 where KVM lacks the mode\n"
	"  --reach ADDR    reference backend: a memory access ending above ADDR prints\n"
	"                  `unreachable`, as on a KVM guest reaching that far (memtopo host)\n"
	"  -v              explain each error line on stderr\n"
	"  Exit 0 when the trace ran to its end, whatever errors it printed.\n",
	run_main,
};
