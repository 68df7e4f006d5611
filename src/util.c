/* Small helpers the library writes once. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/ioctl.h>

#include "core.h"

bool mt_grow(void *p, size_t *cap, size_t need, size_t elem)
{
	void **pp = p;
	size_t ncap = *cap ? *cap : 8;
	void *np;

	if (need <= *cap)
		return true;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			return false;
		ncap *= 2;
	}
	if (elem && ncap > SIZE_MAX / elem)
		return false;
	np = realloc(*pp, ncap * elem);
	if (!np)
		return false;
	*pp = np;
	*cap = ncap;
	return true;
}

int mt_ioctl(int fd, unsigned long req, void *arg)
{
	int r;

	do
		r = ioctl(fd, req, arg);
	while (r < 0 && errno == EINTR);
	return r;
}

int mt_ptrvec_push(struct mt_ptrvec *v, void *p)
{
	if (!mt_grow(&v->v, &v->cap, v->n + 1, sizeof(*v->v)))
		return MT_ENOSPACE;
	v->v[v->n++] = p;
	return MT_OK;
}
