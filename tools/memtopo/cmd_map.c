/* memtopo map FILE.mt -o OUT.svg: every space's committed flat view as a
 * picture, at the end of the trace and optionally after a given line. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "map_doc.h"

/* One run of the trace, up to a line or to its end. */
struct run {
	mt_runner *r;
	struct mm_model m;
	unsigned errors;
	struct map_section sec;
};

struct args {
	const char *in, *out;
	unsigned long after; /* 0: none */
};

static void follow(void *arg, const mt_cmd *cmd, const char *raw, size_t rawlen, bool ok)
{
	struct run *run = arg;

	mm_follow(&run->m, cmd, raw, rawlen, ok);
	run->errors += !ok;
}

static int do_run(struct run *run, const char *text, size_t len, unsigned last)
{
	mt_ctx *ctx;

	memset(run, 0, sizeof(*run));
	run->r = tw_run(text, len, last, follow, run);
	if (!run->r || run->m.oom)
		return -1;
	ctx = mt_runner_ctx(run->r);
	if (last)
		snprintf(run->sec.title, sizeof(run->sec.title),
			 "after line %u: %u error%s up to there%s", last, run->errors,
			 run->errors == 1 ? "" : "s",
			 mt_transaction_depth(ctx) ? "; a transaction is open: its changes "
						     "are not committed, not shown" : "");
	else
		snprintf(run->sec.title, sizeof(run->sec.title), "at the end: %u error%s%s",
			 run->errors, run->errors == 1 ? "" : "s",
			 run->errors ? " (memtopo run shows them)" : "");
	return map_section_collect(&run->sec, ctx, &run->m, MAP_X0, MAP_WIDTH);
}

static void run_free(struct run *run)
{
	map_section_free(&run->sec);
	mt_runner_free(run->r);
	mm_free(&run->m);
}

static unsigned long count_lines(const char *text, size_t len)
{
	unsigned long n = 0;
	size_t i;

	for (i = 0; i < len; i++)
		n += text[i] == '\n';
	return n + (len && text[len - 1] != '\n');
}

static int parse_args(int argc, char **argv, struct args *a)
{
	int i;

	memset(a, 0, sizeof(*a));
	for (i = 1; i < argc; i++) {
		char *end;

		if (!strcmp(argv[i], "-o") && i + 1 < argc) {
			a->out = argv[++i];
		} else if (!strcmp(argv[i], "--after") && i + 1 < argc) {
			errno = 0;
			a->after = strtoul(argv[++i], &end, 10);
			if (*end || end == argv[i] || !a->after || errno || a->after > 4000000000UL ||
			    argv[i][0] == '-')
				return mt_cli_usage_error(&mt_cmd_map,
							  "--after wants a line number >= 1, not '%s'",
							  argv[i]);
		} else if (!a->in && (argv[i][0] != '-' || !strcmp(argv[i], "-"))) {
			a->in = argv[i];
		} else {
			return mt_cli_usage_error(&mt_cmd_map, "unexpected argument '%s'", argv[i]);
		}
	}
	if (!a->in)
		return mt_cli_usage_error(&mt_cmd_map, "missing FILE.mt (use - for stdin)");
	if (!a->out)
		return mt_cli_usage_error(&mt_cmd_map, "missing -o OUT.svg (use -o - for stdout)");
	return 0;
}

/* Run the trace (twice with --after) and write the picture to out. */
static int draw(const struct args *a, const char *text, size_t len, FILE *out)
{
	struct run runs[2];
	size_t n = 0, i;
	int rc = 0;

	if (a->after)
		rc = do_run(&runs[n++], text, len, (unsigned)a->after);
	if (!rc)
		rc = do_run(&runs[n++], text, len, 0);
	if (!rc) {
		struct map_section sec[2];

		for (i = 0; i < n; i++)
			sec[i] = runs[i].sec;
		map_doc_write(out, a->in, sec, n);
	} else {
		fprintf(stderr, "memtopo map: out of memory\n");
	}
	for (i = 0; i < n; i++)
		run_free(&runs[i]);
	return rc;
}

/* Close out; a half-written regular file is removed (never a device such
 * as /dev/full, and never stdout). */
static int finish(const struct args *a, FILE *out, int failed)
{
	struct stat st;
	bool std = out == stdout;
	bool regular = !std && !fstat(fileno(out), &st) && S_ISREG(st.st_mode);

	if (!failed && (std ? fflush(out) : fclose(out)) != 0) {
		fprintf(stderr, "memtopo map: %s: write error: %s\n", a->out, strerror(errno));
		failed = 1;
	} else if (failed && !std) {
		fclose(out);
	}
	if (failed && regular)
		remove(a->out);
	return failed ? MT_EXIT_USAGE : MT_EXIT_OK;
}

static int map_main(int argc, char **argv)
{
	struct args a;
	size_t len;
	unsigned long lines;
	char *text;
	FILE *out;
	int rc = parse_args(argc, argv, &a);

	if (rc)
		return rc;
	text = mt_cli_slurp(a.in, &len);
	if (!text)
		return MT_EXIT_USAGE;
	lines = count_lines(text, len);
	if (a.after > lines) {
		fprintf(stderr, "memtopo map: --after %lu: %s has %lu line%s\n", a.after, a.in,
			lines, lines == 1 ? "" : "s");
		free(text);
		return MT_EXIT_USAGE;
	}
	out = strcmp(a.out, "-") ? fopen(a.out, "w") : stdout;
	if (!out) {
		fprintf(stderr, "memtopo map: %s: %s\n", a.out, strerror(errno));
		free(text);
		return MT_EXIT_USAGE;
	}
	rc = finish(&a, out, draw(&a, text, len, out));
	free(text);
	return rc;
}

const struct mt_tool_cmd mt_cmd_map = {
	"map", "draw every space's committed flat view as an SVG picture",
	"usage: memtopo map [--after LINE] FILE.mt -o OUT.svg\n"
	"  Run FILE.mt (- for stdin) and draw every address space's committed flat\n"
	"  view into OUT.svg (- for stdout): one band per space, labelled with its\n"
	"  name and pio/mem; spaces whose views and ioeventfds are identical share a\n"
	"  band.  ram, rom, mmio and unassigned space have their own colours (legend\n"
	"  at the top); installed ioeventfds are red marks at their addresses.  The\n"
	"  axis is piecewise: every flat range and every gap is as wide as log2 of\n"
	"  its size (with a minimum), so a 1-byte port shows next to a 2^64 hole;\n"
	"  ticks mark every boundary, hex labels where they do not overlap.\n"
	"  Region names show inside the ranges they fit in; hover over a range or\n"
	"  a mark for the details (start, end, kind, region, offset; the tuples).\n"
	"  --after LINE  also draw the state committed after line LINE, as a\n"
	"                section \"after line LINE\" above the section \"at the\n"
	"                end\", in the same OUT.svg (changes of a transaction still\n"
	"                open at LINE are not committed yet, so not shown)\n"
	"  View it in a browser, or: rsvg-convert OUT.svg -o OUT.png\n"
	"  Exit 0 when drawn (trace errors are counted in the picture, as memtopo\n"
	"  run counts none), 2 on usage errors, unreadable input, unwritable output.\n",
	map_main,
};
