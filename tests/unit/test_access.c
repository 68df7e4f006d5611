/* Guest accesses through the library API (SPEC section 8): the software
 * path of a space without a backend access op (its installed set stands
 * for the bus) gives what the reference backend gives; region contents
 * (sparse, then one host mapping) keep their bytes either way. */
#include <string.h>

#include "check.h"
#include "memtopo.h"

struct log {
	char text[2048];
	size_t len;
};

static void piece(void *arg, const mt_space *s, bool write, mt_access_piece *p)
{
	struct log *l = arg;

	(void)s;
	l->len += (size_t)snprintf(l->text + l->len, sizeof(l->text) - l->len,
				   "%s %s 0x%llx+%u=0x%llx;", write ? "w" : "r",
				   p->found ? p->range.region : "-",
				   (unsigned long long)(p->found ? p->offset : p->addr), p->len,
				   (unsigned long long)p->data);
}

static void notify(void *arg, const mt_space *s, int32_t fd)
{
	struct log *l = arg;

	(void)s;
	l->len += (size_t)snprintf(l->text + l->len, sizeof(l->text) - l->len, "notify %d;",
				   fd);
}

static const mt_device_ops dev = { piece, notify, NULL };

#define OK(call) CHECK_MSG((call) == MT_OK, "%s", #call)

/* The same machine on a space without backend (soft) and on the reference
 * backend: every access must print the same. */
static void test_soft_vs_ref(void)
{
	static const struct {
		bool write;
		uint64_t addr;
		unsigned size;
		uint64_t data;
	} acc[] = {
		{ true, 0x1000, 4, 0x7 },	    { true, 0x1000, 4, 0x8 },
		{ true, 0x1000, 2, 0x7 },	    { false, 0x1000, 4, 0 },
		{ true, 0x2ff8, 8, 0x1122334455667788 }, { false, 0x2ffc, 4, 0 },
		{ true, 0x3000, 8, 0xffffffffffffffff }, { false, 0x3000, 8, 0 },
		{ true, 0x4000, 8, 0x1 },	    { false, 0x2800, 8, 0 },
		{ true, 0x1010, 1, 0x5 },	    { true, 0x1010, 4, 0x5 },
	};
	mt_eventfd_spec e = { 0x0, 4, true, 0x7, 3 }, z = { 0x10, 0, false, 0, 4 };
	struct log soft, ref;
	size_t i;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		struct log *l = pass ? &ref : &soft;
		mt_ctx *ctx = mt_ctx_new();

		memset(l, 0, sizeof(*l));
		OK(mt_region_new(ctx, "sys", MT_CONTAINER, MT_2_64));
		OK(mt_region_new(ctx, "dev", MT_MMIO, 0x1000));
		OK(mt_region_new(ctx, "ram", MT_RAM, 0x2000));
		OK(mt_region_new(ctx, "hole", MT_MMIO, 0x4));
		OK(mt_space_new(ctx, "mem", "sys", false, pass ? mt_ref_backend_ops() : NULL,
				pass ? mt_ref_backend_new() : NULL));
		OK(mt_begin(ctx));
		OK(mt_map(ctx, "sys", "dev", 0x1000, 0, false));
		OK(mt_map(ctx, "sys", "ram", 0x2000, 0, false));
		OK(mt_map(ctx, "ram", "hole", 0x1004, 1, true)); /* 0x3004: sub-page */
		OK(mt_eventfd_add(ctx, "dev", &e));
		OK(mt_eventfd_add(ctx, "dev", &z));
		OK(mt_commit(ctx));
		for (i = 0; i < sizeof(acc) / sizeof(acc[0]); i++)
			OK(mt_guest_access_run(ctx, "mem", acc[i].write, acc[i].addr, acc[i].size,
					       acc[i].data, &dev, l, NULL));
		CHECK_EQ_U64(mt_guest_access_run(ctx, "mem", true, 0x1001, 2, 0, &dev, l, NULL),
			     MT_EINVAL);
		CHECK_EQ_U64(mt_guest_access_run(ctx, "nope", true, 0x1000, 4, 0, &dev, l, NULL),
			     MT_ENOTFOUND);
		mt_ctx_free(ctx);
	}
	CHECK_STR(soft.text, ref.text);
	CHECK_STR(soft.text,
		  "notify 3;w dev 0x0+4=0x8;w dev 0x0+2=0x7;r dev 0x0+4=0x0;"
		  "w ram 0xff8+8=0x1122334455667788;r ram 0xffc+4=0x11223344;"
		  "w ram 0x1000+4=0xffffffff;w hole 0x0+4=0xffffffff;"
		  "r ram 0x1000+4=0xffffffff;r hole 0x0+4=0x0;"
		  "w - 0x4000+8=0x1;r ram 0x800+8=0x0;notify 4;notify 4;");
}

/* Contents: sparse until mapped, the same bytes after; reads of a value. */
static void test_contents(void)
{
	mt_ctx *ctx = mt_ctx_new();
	struct log l = { "", 0 };
	mt_flat_range f;
	uint8_t b[16], *host;
	uint64_t v = 0, len = 0;

	OK(mt_region_new(ctx, "sys", MT_CONTAINER, MT_2_64));
	OK(mt_region_new(ctx, "ram", MT_RAM, 0x3000));
	OK(mt_region_new(ctx, "big", MT_RAM, MT_2_64));
	OK(mt_space_new(ctx, "mem", "sys", false, NULL, NULL));
	OK(mt_map(ctx, "sys", "ram", 0x0, 0, false));
	OK(mt_map(ctx, "sys", "big", 0x10000, 0, false));
	OK(mt_guest_access_run(ctx, "mem", true, 0xff8, 8, 0x0807060504030201, &dev, &l,
			       NULL));
	OK(mt_lookup(mt_space_find(ctx, "mem"), 0x0, &f));
	CHECK(f.memory != NULL);
	mt_memory_read(f.memory, 0xffc, b, 8); /* across a page edge */
	CHECK_EQ_U64(b[0], 5);
	CHECK_EQ_U64(b[4], 0);
	host = mt_memory_map(f.memory, &len);
	CHECK(host != NULL);
	CHECK_EQ_U64(len, 0x3000);
	CHECK_EQ_U64(host ? host[0xff8] : 0, 1);
	OK(mt_guest_access_run(ctx, "mem", true, 0x2000, 2, 0xbeef, &dev, &l, NULL));
	CHECK_EQ_U64(host ? host[0x2001] : 0, 0xbe);
	OK(mt_guest_access_run(ctx, "mem", false, 0xff8, 8, 0, &dev, &l, &v));
	CHECK_EQ_U64(v, 0x0807060504030201);
	CHECK(mt_memory_map(f.memory, NULL) == host);
	/* a 2^64 ram cannot be one mapping: it stays sparse and works */
	OK(mt_lookup(mt_space_find(ctx, "mem"), 0x10000, &f));
	CHECK(mt_memory_map(f.memory, &len) == NULL);
	OK(mt_guest_access_run(ctx, "mem", true, 0xfffffffffffffff8, 8, 0x42, &dev, &l,
			       NULL));
	OK(mt_guest_access_run(ctx, "mem", false, 0xfffffffffffffff8, 8, 0, &dev, &l, &v));
	CHECK_EQ_U64(v, 0x42);
	mt_ctx_free(ctx);
}

int main(void)
{
	test_soft_vs_ref();
	test_contents();
	return check_report();
}
