/* ioeventfds -> KVM_IOEVENTFD; fd labels -> real eventfds. */
#include <errno.h>
#include <linux/kvm.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "kvm_internal.h"

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
	if (!mt_kvm_grow(&b->labels, &b->labels_cap, b->nlabels + 1, sizeof(*b->labels)))
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
	do
		r = ioctl(b->vm->vm_fd, KVM_IOEVENTFD, &k);
	while (r < 0 && errno == EINTR);
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
	return MT_OK;
}

void mt_kvm_efd_release(mt_kvm_backend *b)
{
	size_t i;

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
