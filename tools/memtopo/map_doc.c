/* The whole SVG of `memtopo map` (map_doc.h). */
#include "map_doc.h"
#include "map_draw.h"
#include "map_style.h"
#include "svg_out.h"

#define TOP 56.0        /* title, note, legend */
#define SECTION_H 30.0  /* a section's heading */
#define RIGHT 40.0
#define EMPTY_H 24.0    /* a section without spaces says so */

static double doc_width(const struct map_section *sec, size_t nsec)
{
	double w = MAP_X0 + MAP_WIDTH;
	size_t i, j;

	for (i = 0; i < nsec; i++)
		for (j = 0; j < sec[i].nb; j++)
			if (sec[i].b[j].ax.x0 + sec[i].b[j].ax.width > w)
				w = sec[i].b[j].ax.x0 + sec[i].b[j].ax.width;
	return w + RIGHT;
}

static double section_height(const struct map_section *sec)
{
	double h = SECTION_H + (sec->nb ? 0 : EMPTY_H);
	size_t j;

	for (j = 0; j < sec->nb; j++)
		h += map_band_height(sec, &sec->b[j]);
	return h;
}

static void head(FILE *out, const char *title, double w, double h)
{
	fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
		"viewBox=\"0 0 %.0f %.0f\" font-family=\"DejaVu Sans Mono, Menlo, Consolas, "
		"monospace\" fill=\"%s\">\n<title>memtopo map: ",
		w, h, w, h, MAP_INK);
	svg_esc(out, title);
	fputs("</title>\n", out);
	map_style_defs(out);
	fprintf(out, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n", w, h);
	fputs("<text x=\"12\" y=\"22\" font-size=\"15\" font-weight=\"bold\">memtopo map: ", out);
	svg_esc(out, title);
	fputs("</text>\n", out);
	svg_text(out, 12, 38, "font-size=\"11\" fill=\"#666666\"",
		 "committed flat views, one band per distinct state; piecewise axis: every "
		 "range and gap is as wide as log2 of its size; hover for details");
	map_legend(out, 12, 44);
}

static double section(FILE *out, const struct map_section *sec, double y, double w)
{
	size_t j;

	fprintf(out, "<g class=\"section\">\n<path d=\"M8 %.1fH%.0f\" stroke=\"#999999\"/>\n",
		y + 4, w - 8);
	svg_text(out, 12, y + 22, "font-size=\"14\" font-weight=\"bold\"", sec->title);
	y += SECTION_H;
	if (!sec->nb) {
		svg_text(out, MAP_X0, y + 12, "font-size=\"12\" fill=\"#666666\"",
			 "no address space yet");
		y += EMPTY_H;
	}
	for (j = 0; j < sec->nb; j++) {
		map_band_draw(out, sec, &sec->b[j], y);
		y += map_band_height(sec, &sec->b[j]);
	}
	fputs("</g>\n", out);
	return y;
}

void map_doc_write(FILE *out, const char *title, const struct map_section *sec,
		   size_t nsec)
{
	double w = doc_width(sec, nsec), h = TOP + 8, y = TOP;
	size_t i;

	for (i = 0; i < nsec; i++)
		h += section_height(&sec[i]);
	head(out, title, w, h);
	for (i = 0; i < nsec; i++)
		y = section(out, &sec[i], y, w);
	fputs("</svg>\n", out);
}
