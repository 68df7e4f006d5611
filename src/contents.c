/* Contents of ram and rom regions (SPEC section 8): one byte per offset,
 * zero until written.  Sparse: a treap of 4 KiB pages keyed by page index,
 * so a 2^64-byte region costs nothing until it is written, and a read of a
 * page never written allocates nothing.  The store belongs to the region
 * object (struct mt_region.mem): aliases reach the same bytes, and it goes
 * with the object (mt_region_free). */
#include <stdlib.h>
#include <string.h>

#include "core.h"

#define PAGE 4096u

struct mt_page {
	struct mt_tnode node;
	uint64_t index;
	uint8_t bytes[PAGE];
};

#define PG(n) mt_container_of(n, struct mt_page, node)

static int page_cmp(const struct mt_tnode *a, const struct mt_tnode *b)
{
	uint64_t x = PG(a)->index, y = PG(b)->index;

	return x < y ? -1 : x > y;
}

void mt_memory_init(struct mt_memory *m)
{
	mt_tree_init(&m->pages, page_cmp, NULL);
}

static void free_page(void *arg, struct mt_tnode *n)
{
	(void)arg;
	free(PG(n));
}

void mt_memory_free(struct mt_memory *m)
{
	mt_tree_drain(&m->pages, free_page, NULL);
}

static struct mt_page *find(const struct mt_memory *m, uint64_t index)
{
	struct mt_page key;
	struct mt_tnode *n;

	key.index = index;
	n = mt_tree_find(&m->pages, &key.node);
	return n ? PG(n) : NULL;
}

void mt_memory_read(const mt_memory *m, uint64_t offset, void *buf, size_t n)
{
	uint8_t *out = buf;

	while (n) {
		size_t in = offset % PAGE, k = PAGE - in < n ? PAGE - in : n;
		const struct mt_page *p = find(m, offset / PAGE);

		if (p)
			memcpy(out, p->bytes + in, k);
		else
			memset(out, 0, k);
		out += k;
		offset += k;
		n -= k;
	}
}

int mt_memory_write(mt_memory *m, uint64_t offset, const void *buf, size_t n)
{
	const uint8_t *in = buf;
	uint64_t first = offset / PAGE, i;
	size_t npages = n ? (size_t)((offset + (n - 1)) / PAGE - first + 1) : 0;

	/* Allocate every page first: out of memory writes nothing. */
	for (i = 0; i < npages; i++) {
		struct mt_page *p;

		if (find(m, first + i))
			continue;
		p = calloc(1, sizeof(*p));
		if (!p)
			return MT_ENOSPACE;
		p->index = first + i;
		mt_tree_insert(&m->pages, &p->node);
	}
	while (n) {
		size_t at = offset % PAGE, k = PAGE - at < n ? PAGE - at : n;

		memcpy(find(m, offset / PAGE)->bytes + at, in, k);
		in += k;
		offset += k;
		n -= k;
	}
	return MT_OK;
}
