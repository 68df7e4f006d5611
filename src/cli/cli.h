/* memtopo command-line tool: one file per subcommand. */
#ifndef MT_CLI_H
#define MT_CLI_H

#include <stddef.h>
#include <stdio.h>

/* Exit codes: 0 success, 1 a check failed (repro/validate), 2 usage or I/O
 * error, 77 the environment lacks what is needed (no /dev/kvm). */
enum { MT_EXIT_OK = 0, MT_EXIT_FAIL = 1, MT_EXIT_USAGE = 2, MT_EXIT_SKIP = 77 };

/* Read a whole file ("-" is stdin).  Returns malloc'd bytes (NUL-terminated
 * for convenience) or NULL with a message on stderr. */
char *mt_cli_slurp(const char *path, size_t *len);
int mt_cli_usage(FILE *out);

struct mt_backend_factory;
/* The KVM backend factory for `run --backend kvm`: 0, or an exit code
 * (MT_EXIT_SKIP when /dev/kvm cannot be opened) after a message. */
int mt_cli_kvm_factory(struct mt_backend_factory *out);

int mt_cmd_run(int argc, char **argv);
int mt_cmd_decode(int argc, char **argv);
int mt_cmd_encode(int argc, char **argv);
int mt_cmd_repro(int argc, char **argv);
int mt_cmd_host(int argc, char **argv);
int mt_cmd_validate(int argc, char **argv);

#endif
