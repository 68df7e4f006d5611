/* The label over a band (map_label.h). */
#include <string.h>

#include "map_label.h"
#include "svg_out.h"

#define LABEL_PX 12.0
#define CHAR_W (LABEL_PX * SVG_CHAR_EM)

static const char *qemu_space_name(const struct map_section *sec, const char *space)
{
	size_t i;

	for (i = sec->m->ns; i-- > 0;)
		if (!strcmp(sec->m->s[i].name, space))
			return sec->m->s[i].qname && strcmp(sec->m->s[i].qname, space)
				       ? sec->m->s[i].qname
				       : NULL;
	return NULL;
}

static void stats(const struct map_band *b, char buf[160])
{
	char a[40];

	snprintf(buf, 160, "%s [0x0, %s), %zu range%s, %zu ioeventfd%s",
		 b->pio ? "pio" : "mem", svg_hex(a, b->limit), b->nr, b->nr == 1 ? "" : "s",
		 b->ne, b->ne == 1 ? "" : "s");
}

struct flow {
	FILE *out;
	double x0, width, at; /* at: characters' width used on this line */
	size_t lines;
};

/* Start a piece of n characters: on this line when it fits, else the next;
 * pieces on one line are gap spaces apart (dx: SVG may drop edge spaces). */
static void piece(struct flow *f, size_t n, size_t gap, const char *attrs)
{
	bool wrap = f->at > 0 && f->at + CHAR_W * (double)(n + gap) > f->width;

	if (wrap) {
		f->lines++;
		f->at = 0;
	}
	if (f->out) {
		fprintf(f->out, "<tspan %s", attrs);
		if (wrap)
			fprintf(f->out, " x=\"%.1f\" dy=\"%.1f\"", f->x0, MAP_LABEL_LINE);
		else if (f->at > 0)
			fprintf(f->out, " dx=\"%.1f\"", CHAR_W * (double)gap);
		fputc('>', f->out);
	}
	f->at += CHAR_W * (double)(n + (f->at > 0 ? gap : 0));
}

size_t map_label(FILE *out, const struct map_section *sec, const struct map_band *b,
		 double y)
{
	struct flow f = { out, b->ax.x0, b->ax.width, 0, 1 };
	char st[160];
	size_t i;

	if (out)
		fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\">", f.x0, y, LABEL_PX);
	for (i = 0; i < b->nsp; i++) {
		const char *name = mt_space_name(b->sp[i]);
		const char *q = qemu_space_name(sec, name);
		bool comma = i + 1 < b->nsp;

		piece(&f, strlen(name) + (q ? strlen(q) + 3 : 0) + comma, 1,
		      "font-weight=\"bold\"");
		if (!out)
			continue;
		svg_esc(out, name);
		if (q) {
			fputs(" (", out);
			svg_esc(out, q);
			fputc(')', out);
		}
		fputs(comma ? ",</tspan>" : "</tspan>", out);
	}
	stats(b, st);
	piece(&f, strlen(st), 2, "fill=\"#666666\"");
	if (out) {
		svg_esc(out, st);
		fputs("</tspan></text>\n", out);
	}
	return f.lines;
}
