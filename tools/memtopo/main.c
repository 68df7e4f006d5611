/* memtopo: the dispatch table.  `memtopo CMD --help` (or -h) prints CMD's
 * usage and exits 0 for every subcommand, before the command sees its
 * arguments. */
#include <stdarg.h>
#include <string.h>

#include "cli.h"

static const struct mt_tool_cmd *const cmds[] = {
	&mt_cmd_run, &mt_cmd_decode, &mt_cmd_encode, &mt_cmd_repro,
	&mt_cmd_validate, &mt_cmd_host, &mt_cmd_import,
	&mt_cmd_mtree, &mt_cmd_map,
};
#define NCMDS (sizeof(cmds) / sizeof(cmds[0]))

static int usage(FILE *out)
{
	size_t i;

	fputs("usage: memtopo COMMAND [ARGS]   (memtopo COMMAND --help for one command)\n\n", out);
	for (i = 0; i < NCMDS; i++)
		fprintf(out, "  %-9s %s\n", cmds[i]->name, cmds[i]->summary);
	fputs("\nexit status: 0 ok, 1 a check failed, 2 usage or I/O error,\n"
	      "77 KVM unavailable (/dev/kvm missing or not permitted)\n",
	      out);
	return out == stdout ? MT_EXIT_OK : MT_EXIT_USAGE;
}

int mt_cli_usage_error(const struct mt_tool_cmd *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "memtopo %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s", cmd->usage);
	return MT_EXIT_USAGE;
}

static int wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2)
		return usage(stderr);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help"))
		return usage(stdout);
	for (i = 0; i < NCMDS; i++) {
		if (strcmp(argv[1], cmds[i]->name))
			continue;
		if (wants_help(argc - 1, argv + 1)) {
			fputs(cmds[i]->usage, stdout);
			return MT_EXIT_OK;
		}
		return cmds[i]->fn(argc - 1, argv + 1);
	}
	fprintf(stderr, "memtopo: unknown command '%s'\n", argv[1]);
	return usage(stderr);
}
