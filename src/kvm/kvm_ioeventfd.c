/* ioeventfds -> KVM_IOEVENTFD; fd labels -> real eventfds. */
#include <errno.h>
#include <linux/kvm.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "kvm_internal.h"

#define KE(n) mt_container_of(n, struct mt_kvm_efd, node)

static int ke_cmp(const struct mt_tnode *a, const struct mt_tnode *b)
{
	return mt_ioeventfd_cmp(&KE(a)->t, &KE(b)->t);
}

void mt_kvm_efd_init(mt_kvm_backend *b)
{
	mt_tree_init(&b->installed, ke_cmp, NULL);
}

static void note(mt_kvm_backend *b, const mt_ioeventfd *e, int efd, bool assign)
{
	struct mt_kvm_efd key, *k;
	struct mt_tnode *n;

	key.t = *e;
	n = mt_tree_find(&b->installed, &key.node);
	if (!assign && n) {
		mt_tree_remove(&b->installed, n);
		free(KE(n));
	} else if (assign && !n && (k = malloc(sizeof(*k)))) {
		k->t = *e;
		k->efd = efd;
		mt_tree_insert(&b->installed, &k->node);
	}
}

static struct mt_kvm_label *find_label(const mt_kvm_backend *b, int32_t label)
{
	size_t i;

	for (i = 0; i < b->nlabels; i++)
		if (b->labels[i].label == label)
			return &b->labels[i];
	return NULL;
}

/* The eventfd of a label, made on first use: fd, or -errno. */
static int label_fd(mt_kvm_backend *b, int32_t label)
{
	struct mt_kvm_label *l = find_label(b, label);
	int fd;

	if (l)
		return l->fd;
	if (!mt_grow(&b->labels, &b->labels_cap, b->nlabels + 1, sizeof(*b->labels)))
		return -ENOMEM;
	fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	b->labels[b->nlabels].label = label;
	b->labels[b->nlabels].fd = fd;
	b->nlabels++;
	return fd;
}

static int ioeventfd(mt_kvm_backend *b, const mt_ioeventfd *e, int fd, bool assign)
{
	struct kvm_ioeventfd k;
	int r;

	memset(&k, 0, sizeof(k));
	k.addr = e->addr;
	k.len = e->size; /* 0: any length (KVM_CAP_IOEVENTFD_NO_LENGTH) */
	k.fd = fd;
	k.datamatch = e->match ? e->data : 0;
	if (e->match)
		k.flags |= KVM_IOEVENTFD_FLAG_DATAMATCH;
	if (b->pio)
		k.flags |= KVM_IOEVENTFD_FLAG_PIO;
	if (!assign)
		k.flags |= KVM_IOEVENTFD_FLAG_DEASSIGN;
	r = mt_ioctl(b->vm->vm_fd, KVM_IOEVENTFD, &k);
	return r < 0 ? errno : 0;
}

static void describe(char *buf, size_t len, const mt_ioeventfd *e, bool pio)
{
	if (e->match)
		snprintf(buf, len, "%s 0x%llx/%u data 0x%llx fd %d", pio ? "pio" : "mmio",
			 (unsigned long long)e->addr, e->size, (unsigned long long)e->data, e->fd);
	else
		snprintf(buf, len, "%s 0x%llx/%u data * fd %d", pio ? "pio" : "mmio",
			 (unsigned long long)e->addr, e->size, e->fd);
}

int mt_kvm_efd_add(mt_kvm_backend *b, const mt_ioeventfd *e)
{
	char what[96];
	int fd = label_fd(b, e->fd), err;

	describe(what, sizeof(what), e, b->pio);
	if (fd < 0) {
		mt_kvm_set_error(b, "eventfd() for label %d: %s", e->fd, strerror(-fd));
		return MT_ENOSPACE;
	}
	err = ioeventfd(b, e, fd, true);
	if (err) {
		mt_kvm_set_error(b, "KVM_IOEVENTFD assign %s: %s", what, strerror(err));
		return mt_kvm_errno_code(err);
	}
	/* The kernel's bus check does not see the zones kept by the backend
	 * alone (kvm_coalesced.c): with them, the bus is full. */
	if (mt_kvm_bus_full(b)) {
		ioeventfd(b, e, fd, false);
		mt_kvm_set_error(b, "KVM_IOEVENTFD assign %s: io bus full (1000 zones)", what);
		return MT_ENOSPACE;
	}
	note(b, e, fd, true);
	return MT_OK;
}

int mt_kvm_efd_del(mt_kvm_backend *b, const mt_ioeventfd *e)
{
	struct mt_kvm_label *l = find_label(b, e->fd);
	char what[96];
	int err;

	describe(what, sizeof(what), e, b->pio);
	if (!l) {
		mt_kvm_set_error(b, "KVM_IOEVENTFD deassign %s: label never assigned", what);
		return MT_ENOTFOUND;
	}
	err = ioeventfd(b, e, l->fd, false);
	if (err) {
		mt_kvm_set_error(b, "KVM_IOEVENTFD deassign %s: %s", what, strerror(err));
		return err == ENOENT ? MT_ENOTFOUND : mt_kvm_errno_code(err);
	}
	note(b, e, l->fd, false);
	return MT_OK;
}

static void free_ke(void *arg, struct mt_tnode *n)
{
	(void)arg;
	free(KE(n));
}

void mt_kvm_efd_release(mt_kvm_backend *b)
{
	size_t i;

	mt_tree_drain(&b->installed, free_ke, NULL);
	/* Closing an eventfd makes KVM drop every ioeventfd that uses it. */
	for (i = 0; i < b->nlabels; i++)
		close(b->labels[i].fd);
	free(b->labels);
	b->labels = NULL;
	b->nlabels = 0;
}

int mt_kvm_backend_eventfd(const mt_kvm_backend *b, int32_t label)
{
	const struct mt_kvm_label *l = find_label(b, label);

	return l ? l->fd : -1;
}

uint64_t mt_kvm_backend_take(mt_kvm_backend *b, int32_t label)
{
	const struct mt_kvm_label *l = find_label(b, label);
	uint64_t v = 0;

	if (!l || read(l->fd, &v, sizeof(v)) != (ssize_t)sizeof(v))
		return 0;
	return v;
}

/* Visit the tuples at addr in canonical order until visit returns >= 0
 * (that is returned; -1 when none does).  Recursion only down the left
 * spine of equal addresses: the treap's depth. */
static int32_t at_addr(const struct mt_tnode *h, uint64_t addr,
		       int32_t (*visit)(void *arg, const struct mt_kvm_efd *e), void *arg)
{
	while (h) {
		const struct mt_kvm_efd *e = KE(h);

		if (e->t.addr < addr) {
			h = h->r;
		} else if (e->t.addr > addr) {
			h = h->l;
		} else {
			int32_t r = at_addr(h->l, addr, visit, arg);

			if (r >= 0 || (r = visit(arg, e)) >= 0)
				return r;
			h = h->r;
		}
	}
	return -1;
}

struct fired {
	int32_t first; /* the label of the first counter that had moved */
};

/* Read (and so reset) every counter; never stops the walk. */
static int32_t read_counter(void *arg, const struct mt_kvm_efd *e)
{
	struct fired *f = arg;
	uint64_t v = 0;

	if (read(e->efd, &v, sizeof(v)) == (ssize_t)sizeof(v) && v && f->first < 0)
		f->first = e->t.fd;
	return -1;
}

int32_t mt_kvm_efd_fired(mt_kvm_backend *b, uint64_t addr)
{
	struct fired f = { -1 };

	at_addr(b->installed.root, addr, read_counter, &f);
	return f.first;
}

struct write_key {
	unsigned size;
	uint64_t data;
};

/* SPEC 8 rule 1: does tuple e take this write? */
static int32_t takes(void *arg, const struct mt_kvm_efd *e)
{
	const struct write_key *k = arg;

	return (!e->t.size || e->t.size == k->size) && (!e->t.match || e->t.data == k->data) ?
		       e->t.fd : -1;
}

int32_t mt_kvm_efd_matching(const mt_kvm_backend *b, uint64_t addr, unsigned size,
			    uint64_t data)
{
	struct write_key k = { size, data };

	return at_addr(b->installed.root, addr, takes, &k);
}
