/* The dirty page store and `sync` (SPEC section 9), fed through the
 * internal marking API (mt_dirty_mark, what the ram-write path calls) and
 * the backend one (mt_space_mark_dirty); log-start/log-stop and zones as a
 * backend sees them through the public API. */
#include <stdlib.h>

#include "check.h"
#include "core.h"

static char out[8192];

static int rec_dirty(void *arg, const char *region, uint64_t id, uint64_t start,
		     mt_u128 end)
{
	size_t n = strlen(out);

	(void)arg, (void)id;
	if (end == MT_2_64)
		snprintf(out + n, sizeof(out) - n, "%s %" PRIx64 " 2^64;", region, start);
	else
		snprintf(out + n, sizeof(out) - n, "%s %" PRIx64 " %" PRIx64 ";", region,
			 start, (uint64_t)end);
	return 0;
}

static const char *sync_text(mt_ctx *c)
{
	out[0] = 0;
	CHECK(mt_sync(c, rec_dirty, NULL) == MT_OK);
	return out;
}

static void mark(mt_ctx *c, const char *name, uint64_t off, mt_u128 len)
{
	struct mt_region *r = mt_region_lookup(c, name);

	CHECK_MSG(r && mt_dirty_mark(c, r, off, len) == MT_OK, "mark %s", name);
}

static void test_runs(void)
{
	mt_ctx *c = mt_ctx_new();

	mt_region_new(c, "b", MT_RAM, 0x1800);
	mt_region_new(c, "a", MT_RAM, 0x10000);
	CHECK_STR(sync_text(c), "");
	/* END is capped at the region's size; a mark past the end is clipped */
	mark(c, "b", 0x1000, 0x10000);
	/* adjacent pages merge whatever the order they came in */
	mark(c, "a", 0x2000, 1);
	mark(c, "a", 0x0fff, 1);
	mark(c, "a", 0x1000, 0x1000);
	mark(c, "a", 0x8000, 0x2001);
	/* regions in creation order (b first), runs in offset order */
	CHECK_STR(sync_text(c), "b 1000 1800;a 0 3000;a 8000 b000;");
	/* sync forgets */
	CHECK_STR(sync_text(c), "");
	/* a mark over several runs and the gaps between them makes one run */
	mark(c, "a", 0x1000, 1);
	mark(c, "a", 0x3000, 1);
	mark(c, "a", 0x5000, 1);
	mark(c, "a", 0x0, 0);		/* empty: nothing */
	mark(c, "a", 0x10000, 0x1000); /* past the end: nothing */
	mark(c, "a", 0x1800, 0x3000);
	CHECK_STR(sync_text(c), "a 1000 6000;");
	mt_ctx_free(c);
}

static void test_huge(void)
{
	mt_ctx *c = mt_ctx_new();
	struct mt_region *r;

	mt_region_new(c, "h", MT_RAM, MT_2_64);
	r = mt_region_lookup(c, "h");
	/* an untouched 2^64-byte region costs nothing, a dirtied one a run */
	CHECK(c->dirty_pages.count == 0);
	mark(c, "h", 0xffffffffffffffffull, 1);
	mark(c, "h", 0, 1);
	CHECK(c->dirty_pages.count == 2);
	CHECK_STR(sync_text(c), "h 0 1000;h fffffffffffff000 2^64;");
	CHECK(mt_dirty_mark(c, r, 0, MT_2_64) == MT_OK);
	CHECK(c->dirty_pages.count == 1);
	CHECK_STR(sync_text(c), "h 0 2^64;");
	mt_ctx_free(c);
}

/* Pages stay through log off, unmap, move, disable; destroy drops them. */
static void test_lifetime(void)
{
	mt_ctx *c = mt_ctx_new();
	struct mt_region *r;
	uint64_t id;

	mt_region_new(c, "sys", MT_CONTAINER, MT_2_64);
	mt_region_new(c, "r", MT_RAM, 0x4000);
	mt_space_new(c, "mem", "sys", false, NULL, NULL);
	mt_map(c, "sys", "r", 0, 0, false);
	mt_set_log(c, "r", true);
	mark(c, "r", 0x2000, 8);
	mt_set_log(c, "r", false);
	mt_move(c, "r", 0x100000);
	mt_set_enabled(c, "r", false);
	mt_unmap(c, "sys", "r");
	CHECK_STR(sync_text(c), "r 2000 3000;");
	mark(c, "r", 0, 1);
	CHECK(mt_destroy(c, "r") == MT_OK);
	mt_region_new(c, "r", MT_RAM, 0x4000);
	CHECK_STR(sync_text(c), "");
	/* destroyed inside a transaction while the view still shows it: marks
	 * through that view are ignored (never reported) */
	mt_map(c, "sys", "r", 0, 0, false);
	mt_begin(c);
	mt_unmap(c, "sys", "r");
	r = mt_region_lookup(c, "r");
	id = r->id;
	CHECK(mt_region_id_live(c, id));
	mt_destroy(c, "r");
	CHECK(r->dead);
	CHECK(!mt_region_id_live(c, id)); /* gone at destroy, though still in the view */
	CHECK(mt_dirty_mark(c, r, 0, 1) == MT_OK);
	mt_region_new(c, "r", MT_RAM, 0x4000); /* the name again: another object */
	CHECK(mt_region_id_live(c, mt_region_lookup(c, "r")->id) && !mt_region_id_live(c, id));
	mt_commit(c);
	CHECK_STR(sync_text(c), "");
	mt_ctx_free(c);
}

/* Against a bitmap: random marks on small regions. */
static void test_random(void)
{
	static const uint64_t sizes[3] = { 0x9000, 0x10000, 0x3001 };
	uint64_t seed = 0x243f6a8885a308d3ull;
	unsigned iter;

	for (iter = 0; iter < 200; iter++) {
		mt_ctx *c = mt_ctx_new();
		bool bits[3][16] = { { false } };
		char want[8192] = "", name[2] = "x";
		unsigned k, i, p;

		for (i = 0; i < 3; i++) {
			name[0] = (char)('a' + i);
			mt_region_new(c, name, MT_RAM, sizes[i]);
		}
		for (k = 0; k < 12; k++) {
			uint64_t off, len;

			seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
			i = (unsigned)(seed % 3);
			off = (seed >> 8) % 0x11000;
			len = (seed >> 32) % 0x5000;
			name[0] = (char)('a' + i);
			mark(c, name, off, len);
			for (p = 0; p < 16; p++)
				if (len && off < sizes[i] && p * 0x1000ull < off + len &&
				    (p + 1) * 0x1000ull > off && p * 0x1000ull < sizes[i])
					bits[i][p] = true;
		}
		for (i = 0; i < 3; i++) {
			for (p = 0; p < 16; p++) {
				uint64_t end;
				size_t n = strlen(want);

				if (!bits[i][p] || (p && bits[i][p - 1]))
					continue;
				for (end = p; end < 16 && bits[i][end]; end++)
					;
				end *= 0x1000;
				if (end > sizes[i])
					end = sizes[i];
				snprintf(want + n, sizeof(want) - n, "%c %x %" PRIx64 ";",
					 'a' + i, p * 0x1000, end);
			}
		}
		if (!CHECK_STR(sync_text(c), want))
			break;
		mt_ctx_free(c);
	}
}

/* ---- a backend that records log and zone operations ------------------- */

struct rec {
	char log[2048];
	uint64_t report_id;
	int refuse_zones;
};

static void app(struct rec *b, const char *fmt, uint64_t x, uint64_t y)
{
	size_t n = strlen(b->log);

	snprintf(b->log + n, sizeof(b->log) - n, fmt, x, y);
}

static void r_add(void *o, const mt_space *s, const mt_flat_range *f)
{
	(void)s;
	app(o, f->log ? "add %" PRIx64 " log%" PRIx64 ";" : "add %" PRIx64 "%" PRIx64 ";",
	    f->start, 0);
}

static int r_log_start(void *o, const mt_space *s, const mt_flat_range *f)
{
	(void)s;
	app(o, "start %" PRIx64 " %" PRIu64 ";", f->start, f->log);
	return MT_OK;
}

static int r_log_stop(void *o, const mt_space *s, const mt_flat_range *f)
{
	(void)s;
	app(o, "stop %" PRIx64 " %" PRIu64 ";", f->start, f->log);
	return MT_OK;
}

/* A backend that found page 1 dirty reports it at sync. */
static int r_sync(void *o, const mt_space *s)
{
	struct rec *b = o;

	app(o, "sync%" PRIx64 "%" PRIx64 ";", 0, 0);
	return mt_space_mark_dirty(s, b->report_id, 0x1000, 0x1000);
}

static int r_zadd(void *o, const mt_space *s, const mt_zone *z)
{
	struct rec *b = o;

	(void)s;
	app(o, "zadd %" PRIx64 " %" PRIx64 ";", z->start, (uint64_t)z->end);
	return b->refuse_zones ? MT_ENOSPACE : MT_OK;
}

static int r_zdel(void *o, const mt_space *s, const mt_zone *z)
{
	(void)s;
	app(o, "zdel %" PRIx64 " %" PRIx64 ";", z->start, (uint64_t)z->end);
	return MT_OK;
}

static void r_destroy(void *o)
{
	(void)o;
}

static const mt_backend_ops rec_ops = {
	.region_add = r_add,
	.destroy = r_destroy,
	.log_start = r_log_start,
	.log_stop = r_log_stop,
	.log_sync = r_sync,
	.coalesced_add = r_zadd,
	.coalesced_del = r_zdel,
};

static int count_zone(void *arg, const mt_zone *z)
{
	(void)z;
	(*(int *)arg)++;
	return 0;
}

static void test_backend(void)
{
	mt_ctx *c = mt_ctx_new();
	struct rec b;
	mt_flat_range f;
	int nz = 0;

	memset(&b, 0, sizeof(b));
	mt_region_new(c, "sys", MT_CONTAINER, MT_2_64);
	mt_region_new(c, "r", MT_RAM, 0x4000);
	mt_region_new(c, "d", MT_MMIO, 0x1000);
	mt_space_new(c, "mem", "sys", false, &rec_ops, &b);
	mt_map(c, "sys", "r", 0, 0, false);
	mt_map(c, "sys", "d", 0x10000, 0, false);
	CHECK(mt_set_log(c, "r", true) == MT_OK);
	CHECK(mt_set_log(c, "d", true) == MT_EINVAL);
	CHECK(mt_set_log(c, "nope", true) == MT_ENOTFOUND);
	CHECK(mt_set_log(c, "r", false) == MT_OK);
	CHECK_STR(b.log, "add 00;add 100000;start 0 1;stop 0 0;");
	/* the backend reports pages of a region by id during log_sync */
	CHECK(mt_lookup(mt_space_find(c, "mem"), 0, &f) == MT_OK && !f.log);
	b.report_id = f.region_id;
	CHECK_STR(sync_text(c), "r 1000 2000;");
	/* zones: a refused add stays out of IZ and is retried when Z changes */
	b.log[0] = 0;
	b.refuse_zones = 1;
	CHECK(mt_coalesce_add(c, "d", 0, 0x10) == MT_OK);
	CHECK(mt_space_zone_count(mt_space_find(c, "mem")) == 0);
	b.refuse_zones = 0;
	CHECK(mt_coalesce_add(c, "d", 0x20, 0x10) == MT_OK);
	mt_space_foreach_zone(mt_space_find(c, "mem"), count_zone, &nz);
	CHECK(nz == 2 && mt_space_zone_count(mt_space_find(c, "mem")) == 2);
	CHECK(mt_coalesce_add(c, "d", 0x20, 0x10) == MT_EEXIST);
	CHECK(mt_coalesce_add(c, "r", 0x20, 0x10) == MT_EINVAL);
	CHECK(mt_coalesce_del(c, "d", 0x20, MT_2_64) == MT_ENOTFOUND);
	CHECK(mt_coalesce_del(c, "d", 0x0, 0x10) == MT_OK);
	CHECK_STR(b.log, "zadd 10000 10010;zadd 10000 10010;zadd 10020 10030;"
			 "zdel 10000 10010;");
	mt_ctx_free(c);
}

int main(void)
{
	test_runs();
	test_huge();
	test_lifetime();
	test_random();
	test_backend();
	return check_report();
}
