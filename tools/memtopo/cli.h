/* The memtopo command-line tool: one file per subcommand, each exporting one
 * mt_tool_cmd; main.c holds the dispatch table and the help handling. */
#ifndef MT_CLI_H
#define MT_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Exit codes: 0 success, 1 a check failed (repro/validate), 2 usage or I/O
 * error, 77 the environment lacks what is needed (no /dev/kvm). */
enum { MT_EXIT_OK = 0, MT_EXIT_FAIL = 1, MT_EXIT_USAGE = 2, MT_EXIT_SKIP = 77 };

/* A subcommand.  `usage` is the full text `memtopo NAME --help` prints (first
 * line "usage: memtopo NAME ..."); `summary` is its line in `memtopo --help`.
 * fn gets argv[0] = NAME. */
struct mt_tool_cmd {
	const char *name;
	const char *summary;
	const char *usage;
	int (*fn)(int argc, char **argv);
};

extern const struct mt_tool_cmd mt_cmd_run, mt_cmd_decode, mt_cmd_encode,
	mt_cmd_repro, mt_cmd_validate, mt_cmd_host, mt_cmd_import,
	mt_cmd_mtree, mt_cmd_map;

/* Read a whole file ("-" is stdin).  Returns malloc'd bytes (NUL-terminated
 * for convenience) or NULL with a message on stderr. */
char *mt_cli_slurp(const char *path, size_t *len);

/* Sorted regular files of dir whose names end in suffix (NULL: all; names
 * starting with '.' never), as malloc'd paths; NULL with a message on
 * stderr.  Free with mt_cli_free_list. */
char **mt_cli_list_dir(const char *dir, const char *suffix, size_t *n);
void mt_cli_free_list(char **v, size_t n);

/* Print "memtopo NAME: MSG" and the command's usage on stderr; returns
 * MT_EXIT_USAGE. */
int mt_cli_usage_error(const struct mt_tool_cmd *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

struct mt_backend_factory;
struct mt_cli_kvm;
/* The KVM backend factory for `run --backend kvm [--dirty MODE]` (into
 * *out; dirty_mode an mt_kvm_dirty_mode), keeping the backends it makes;
 * NULL with *rc an exit code (MT_EXIT_SKIP when /dev/kvm cannot be opened
 * or its KVM lacks the dirty mode) after a message. */
struct mt_cli_kvm *mt_cli_kvm_factory(struct mt_backend_factory *out, int dirty_mode,
				      int *rc);
/* Print the deviations from SPEC section 10 its backends saw, on stderr
 * (call before the runner is freed); their count. */
unsigned long mt_cli_kvm_report(const struct mt_cli_kvm *k);
void mt_cli_kvm_free(struct mt_cli_kvm *k);

#endif
