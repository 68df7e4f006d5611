/* `write S ADDR SIZE DATA` and `read S ADDR SIZE` in the runner: the core
 * performs the access through the space's backend (mt_guest_access_run)
 * and this device model prints SPEC section 6's lines for what reaches it. */
#include "trace_access.h"

static void piece(void *arg, const mt_space *s, bool write, mt_access_piece *p)
{
	struct mt_strbuf *b = arg;
	const char *what;

	if (!p->found) {
		mt_sb_printf(b, "%s unassigned-%s ", mt_space_name(s),
			     write ? "write" : "read");
		mt_sb_hex(b, p->addr);
		mt_sb_printf(b, " ");
		mt_sb_hex(b, p->len);
		if (write) {
			mt_sb_printf(b, " ");
			mt_sb_hex(b, p->data);
		}
		mt_sb_printf(b, "\n");
		return;
	}
	if (write && p->range.kind == MT_RAM)
		return; /* stored in the region's contents: no line */
	what = p->range.kind == MT_MMIO ? "mmio" : p->range.kind == MT_ROM ? "rom" : "ram";
	mt_sb_printf(b, "%s %s-%s %s ", mt_space_name(s), what, write ? "write" : "read",
		     p->range.region);
	mt_sb_hex(b, p->offset);
	mt_sb_printf(b, " ");
	mt_sb_hex(b, p->len);
	if (write || p->range.kind != MT_MMIO) {
		mt_sb_printf(b, " ");
		mt_sb_hex(b, p->data);
	}
	mt_sb_printf(b, p->coalesced ? " coalesced\n" : "\n");
}

static void notify(void *arg, const mt_space *s, int32_t fd)
{
	mt_sb_printf(arg, "%s notify %d\n", mt_space_name(s), fd);
}

static void unreachable(void *arg, const mt_space *s, uint64_t addr, unsigned size)
{
	struct mt_strbuf *b = arg;

	mt_sb_printf(b, "%s unreachable ", mt_space_name(s));
	mt_sb_hex(b, addr);
	mt_sb_printf(b, " ");
	mt_sb_hex(b, size);
	mt_sb_printf(b, "\n");
}

static const mt_device_ops printer = { piece, notify, unreachable };

const mt_device_ops *mt_trace_printer(void)
{
	return &printer;
}

int mt_trace_access(mt_ctx *ctx, struct mt_strbuf *out, const mt_cmd *c)
{
	return mt_guest_access_run(ctx, c->name, c->op == MT_OP_WRITE, c->num, c->size,
				   c->data, &printer, out, NULL);
}
