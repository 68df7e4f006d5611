/* A band of `memtopo map` (map_draw.h), layer by layer. */
#include <inttypes.h>
#include <string.h>

#include "map_draw.h"
#include "map_label.h"
#include "map_style.h"
#include "svg_out.h"

#define HEAD 17.0     /* room for the ioeventfd marks under the label */
#define BAND_MIN_H 30.0
#define BAND_MAX_H 180.0 /* names longer than this are left out */
#define UP_MIN_W 12.0    /* a range this wide holds a name written upwards */
#define TICK 8.0
#define NAME_PX 10.0  /* region names inside ranges */
#define AXIS_PX 10.0  /* tick labels, slanted at 45 degrees */

struct pen {
	FILE *out;
	const struct map_section *sec;
	const struct map_band *b;
	double top; /* the band rectangle's top */
	double h;   /* and its height */
};

enum fit { FIT_NONE, FIT_ACROSS, FIT_UP };

static double name_w(const char *name)
{
	return (double)strlen(name) * NAME_PX * SVG_CHAR_EM;
}

/* A region name goes across its range, else upwards, else is left out. */
static enum fit fit(const struct map_seg *s, const char *name, double h)
{
	if (s->w >= name_w(name) + 6)
		return FIT_ACROSS;
	if (s->w >= UP_MIN_W && h >= name_w(name) + 8)
		return FIT_UP;
	return FIT_NONE;
}

/* Tall enough for every name that fits only upwards, up to BAND_MAX_H. */
static double band_h(const struct map_band *b)
{
	double h = BAND_MIN_H;
	size_t i;

	for (i = 0; i < b->ax.n; i++) {
		const struct map_seg *s = &b->ax.s[i];
		double need = s->range >= 0 ? name_w(b->r[s->range].region) + 8 : 0;

		if (need > h && need <= BAND_MAX_H && fit(s, b->r[s->range].region, need) == FIT_UP)
			h = need;
	}
	return h;
}

/* QEMU's name of a region when the trace was imported and it
 * differs, else NULL. */
static const char *qemu_name(const struct map_section *sec, const char *region)
{
	long i = sec->qnames ? mm_find(sec->m, region) : -1;

	return i >= 0 && sec->m->r[i].qname && strcmp(sec->m->r[i].qname, region)
		       ? sec->m->r[i].qname
		       : NULL;
}

static void range_title(const struct pen *p, const struct map_seg *s)
{
	const mt_flat_range *f = s->range >= 0 ? &p->b->r[s->range] : NULL;
	char a[40], b[40], c[40];
	const char *q = f ? qemu_name(p->sec, f->region) : NULL;

	fprintf(p->out, "<title>[%s, %s) ", svg_hex(a, s->start), svg_hex(b, s->end));
	if (!f) {
		fprintf(p->out, "unassigned, size %s</title>", svg_hex(c, s->end - s->start));
		return;
	}
	fprintf(p->out, "%s, region ", mt_kind_name(f->kind));
	svg_esc(p->out, f->region);
	if (q) {
		fputs(" (QEMU: ", p->out);
		svg_esc(p->out, q);
		fputc(')', p->out);
	}
	fprintf(p->out, ", offset %s, size %s</title>", svg_hex(a, f->offset),
		svg_hex(b, f->end - f->start));
}

static void layer_ranges(const struct pen *p)
{
	size_t i;

	for (i = 0; i < p->b->ax.n; i++) {
		const struct map_seg *s = &p->b->ax.s[i];

		fprintf(p->out, "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" "
			"fill=\"%s\" stroke=\"#ffffff\" stroke-width=\"1\">",
			s->x, p->top, s->w, p->h,
			s->range >= 0 ? map_kind_fill(p->b->r[s->range].kind) : MAP_GAP_FILL);
		range_title(p, s);
		fputs("</rect>\n", p->out);
	}
}

/* Names where they fit, else none; the text lets the pointer through to
 * the range's tooltip. */
static void layer_names(const struct pen *p)
{
	const struct map_axis *ax = &p->b->ax;
	double y = p->top + p->h / 2 + NAME_PX * 0.35;
	size_t i;

	if (!p->b->nr) {
		svg_text(p->out, ax->x0 + ax->width / 2, y, "text-anchor=\"middle\"",
			 "no flat ranges");
		return;
	}
	for (i = 0; i < ax->n; i++) {
		const struct map_seg *s = &ax->s[i];
		const char *name = s->range >= 0 ? p->b->r[s->range].region : NULL;

		if (!name)
			continue;
		switch (fit(s, name, p->h)) {
		case FIT_ACROSS:
			svg_text(p->out, s->x + s->w / 2, y, "text-anchor=\"middle\"", name);
			break;
		case FIT_UP:
			fprintf(p->out, "<text transform=\"translate(%.2f %.1f) rotate(-90)\">",
				s->x + s->w / 2 + NAME_PX * 0.35, p->top + p->h - 4);
			svg_esc(p->out, name);
			fputs("</text>\n", p->out);
			break;
		case FIT_NONE:
			break;
		}
	}
}

static void eventfd_title(FILE *out, const mt_ioeventfd *e, size_t n)
{
	char a[40], d[40];
	size_t i;

	fputs("<title>", out);
	for (i = 0; i < n; i++)
		fprintf(out, "%sioeventfd addr %s size %u data %s fd %" PRId32, i ? "\n" : "",
			svg_hex(a, e[i].addr), e[i].size,
			e[i].match ? svg_hex(d, e[i].data) : "* (any)", e[i].fd);
	fputs("</title>", out);
}

/* One mark per address: a triangle over the band and a line through it,
 * the tooltip listing every tuple installed there. */
static void layer_eventfds(const struct pen *p)
{
	const mt_ioeventfd *e = p->b->e;
	size_t i, j;

	for (i = 0; i < p->b->ne; i = j) {
		double x = map_axis_x(&p->b->ax, e[i].addr);

		for (j = i + 1; j < p->b->ne && e[j].addr == e[i].addr; j++)
			;
		fprintf(p->out, "<g><path d=\"M%.2f %.1fh10l-5 9z M%.2f %.1fv%.1f\" fill=\"%s\" "
			"stroke=\"%s\" stroke-width=\"1\">",
			x - 5, p->top - 10, x, p->top - 1, p->h + 1, MAP_EVENTFD_FILL,
			MAP_EVENTFD_FILL);
		eventfd_title(p->out, e + i, j - i);
		fputs("</path></g>\n", p->out);
	}
}

static void tick(const struct pen *p, double x, mt_u128 a, bool label)
{
	double y = p->top + p->h;
	char buf[40];

	fprintf(p->out, "<path d=\"M%.2f %.1fv%.1f\" stroke=\"%s\" stroke-width=\"0.8\"/>\n",
		x, y, label ? TICK : TICK / 2, MAP_INK);
	if (label)
		fprintf(p->out, "<text transform=\"translate(%.2f %.1f) rotate(-45)\" "
			"text-anchor=\"end\">%s</text>\n",
			x + 3, y + TICK + 4, svg_hex(buf, a));
}

static void layer_axis(const struct pen *p)
{
	const struct map_axis *ax = &p->b->ax;
	size_t i;

	for (i = 0; i < ax->n; i++)
		tick(p, ax->s[i].x, ax->s[i].start, ax->s[i].label);
	tick(p, ax->x0 + ax->width, ax->s[ax->n - 1].end, ax->end_label);
}

static double head(const struct map_section *sec, const struct map_band *b)
{
	return HEAD + MAP_LABEL_LINE * (double)map_label(NULL, sec, b, 0);
}

/* Bottom to top.  Coalesced zones and logged ranges go between ranges and
 * names when the library has them. */
static const struct {
	const char *cls;
	void (*fn)(const struct pen *p);
	const char *attrs;
} layers[] = {
	{ "ranges", layer_ranges, " shape-rendering=\"crispEdges\"" },
	{ "names", layer_names, " font-size=\"10\" fill=\"#111111\" pointer-events=\"none\"" },
	{ "ioeventfds", layer_eventfds, "" },
	{ "axis", layer_axis, " font-size=\"10\" fill=\"#222222\"" },
};

double map_band_height(const struct map_section *sec, const struct map_band *b)
{
	return head(sec, b) + band_h(b) + TICK + 8 +
	       (double)b->ax.label_chars * AXIS_PX * SVG_CHAR_EM * 0.71 + 12;
}

void map_band_draw(FILE *out, const struct map_section *sec, const struct map_band *b,
		   double y)
{
	struct pen p = { out, sec, b, y + head(sec, b), band_h(b) };
	size_t i;

	fputs("<g class=\"band\">\n", out);
	map_label(out, sec, b, y + 13);
	for (i = 0; i < sizeof(layers) / sizeof(layers[0]); i++) {
		fprintf(out, "<g class=\"%s\"%s>\n", layers[i].cls, layers[i].attrs);
		layers[i].fn(&p);
		fputs("</g>\n", out);
	}
	fputs("</g>\n", out);
}
