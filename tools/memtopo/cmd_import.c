/* memtopo import qemu-mtree FILE [--flat FLATFILE]: a trace from QEMU's
 * HMP `info mtree` text. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "qemu_import.h"

static int import_main(int argc, char **argv)
{
	const char *path = NULL, *flat_path = NULL;
	struct qm_tree tree;
	struct qm_flat flat;
	char *text = NULL, *ftext = NULL;
	size_t len, flen;
	int i, rc = MT_EXIT_USAGE;

	if (argc < 2 || strcmp(argv[1], "qemu-mtree"))
		return mt_cli_usage_error(&mt_cmd_import, "the only format is qemu-mtree");
	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--flat") && i + 1 < argc)
			flat_path = argv[++i];
		else if (!path && (argv[i][0] != '-' || !strcmp(argv[i], "-")))
			path = argv[i];
		else
			return mt_cli_usage_error(&mt_cmd_import, "unexpected argument '%s'", argv[i]);
	}
	if (!path)
		return mt_cli_usage_error(&mt_cmd_import, "missing FILE (use - for stdin)");
	text = mt_cli_slurp(path, &len);
	if (flat_path && text)
		ftext = mt_cli_slurp(flat_path, &flen);
	if (!text || (flat_path && !ftext))
		goto out;
	if (qm_parse_tree(text, len, path, &tree, stderr))
		goto out_tree;
	if (flat_path && qm_parse_flat(ftext, flen, flat_path, &flat, stderr))
		goto out_tree;
	if (!qi_import(&tree, flat_path ? &flat : NULL, path, flat_path, stdout, stderr))
		rc = fflush(stdout) ? MT_EXIT_USAGE : MT_EXIT_OK;
	if (flat_path)
		qm_flat_free(&flat);
out_tree:
	qm_tree_free(&tree);
out:
	free(text);
	free(ftext);
	return rc;
}

const struct mt_tool_cmd mt_cmd_import = {
	"import", "a trace from QEMU's `info mtree` text",
	"usage: memtopo import qemu-mtree FILE [--flat FLATFILE]\n"
	"  Print a trace built from FILE, the text of QEMU's HMP `info mtree`\n"
	"  (plain, -o or -D; - for stdin): one region per QEMU region, one space\n"
	"  per address space, then `dump`.  FLATFILE, the `info mtree -f` text of\n"
	"  the same VM, tells i/o regions from containers and, among regions that\n"
	"  share an alias target's name, the one QEMU shows through the alias.\n"
	"  What had to be guessed or cannot be expressed (romd, ram devices,\n"
	"  read-only aliases, unprinted disabled parents, alias targets chosen by\n"
	"  name) is noted on stderr with its line.  Exit 2 on bad input.\n",
	import_main,
};
