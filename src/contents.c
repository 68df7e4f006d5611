/* Contents of ram and rom regions (SPEC section 8): one byte per offset,
 * zero until written.  Sparse: a treap of 4 KiB pages keyed by page index,
 * so a 2^64-byte region costs nothing until it is written, and a read of a
 * page never written allocates nothing.  The store belongs to the region
 * object (struct mt_region.mem): aliases reach the same bytes, and it goes
 * with the object (mt_region_free).  A backend that needs one contiguous
 * mapping (KVM memslots) gets it from mt_memory_map; from then on the
 * mapping is the contents. */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

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

void mt_memory_init(struct mt_memory *m, mt_u128 size)
{
	mt_tree_init(&m->pages, page_cmp, NULL);
	m->size = size;
	m->host = NULL;
	m->host_size = 0;
	m->map_failed = false;
}

static void free_page(void *arg, struct mt_tnode *n)
{
	(void)arg;
	free(PG(n));
}

void mt_memory_free(struct mt_memory *m)
{
	mt_tree_drain(&m->pages, free_page, NULL);
	if (m->host)
		munmap(m->host, (size_t)m->host_size);
	m->host = NULL;
}

static int move_page(void *arg, struct mt_tnode *n)
{
	struct mt_memory *m = arg;
	uint64_t at = PG(n)->index * PAGE;

	memcpy(m->host + at, PG(n)->bytes,
	       m->host_size - at < PAGE ? (size_t)(m->host_size - at) : PAGE);
	return 0;
}

uint8_t *mt_memory_map(mt_memory *m, uint64_t *len)
{
	mt_u128 sz = (m->size + PAGE - 1) & ~(mt_u128)(PAGE - 1);
	void *p;

	if (!m->host && !m->map_failed) {
		if (sz == 0 || sz > (mt_u128)SIZE_MAX / 2) {
			m->map_failed = true;
			return NULL;
		}
		p = mmap(NULL, (size_t)sz, PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (p == MAP_FAILED) {
			m->map_failed = true;
			return NULL;
		}
		m->host = p;
		m->host_size = (uint64_t)sz;
		mt_tree_walk(&m->pages, move_page, m);
		mt_tree_drain(&m->pages, free_page, NULL);
	}
	if (len)
		*len = m->host ? m->host_size : 0;
	return m->host;
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

	if (m->host) {
		memcpy(out, m->host + offset, n);
		return;
	}
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

	if (m->host) {
		memcpy(m->host + offset, buf, n);
		return MT_OK;
	}

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
