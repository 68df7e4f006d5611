/* Colours and legend (map_style.h).  Fills are presentation attributes,
 * not CSS, so that every SVG renderer (rsvg-convert too) shows them. */
#include <string.h>

#include "map_style.h"
#include "svg_out.h"

enum legend_shape { SWATCH, TRIANGLE };

static const struct {
	enum legend_shape shape;
	const char *fill, *label;
} legend[] = {
	{ SWATCH, "#a6d96a", "ram" },
	{ SWATCH, "#fdae61", "rom" },
	{ SWATCH, "#74add1", "mmio" },
	{ SWATCH, MAP_GAP_FILL, "unassigned" },
	{ TRIANGLE, MAP_EVENTFD_FILL, "installed ioeventfd" },
};

const char *map_kind_fill(mt_kind kind)
{
	switch (kind) {
	case MT_RAM:
		return legend[0].fill;
	case MT_ROM:
		return legend[1].fill;
	default:
		return legend[2].fill;
	}
}

/* A hatch of whole pixels: crisp, and it keeps PNG renderings small. */
void map_style_defs(FILE *out)
{
	int i;

	fputs("<defs><pattern id=\"unassigned\" width=\"5\" height=\"5\" "
	      "patternUnits=\"userSpaceOnUse\" shape-rendering=\"crispEdges\">"
	      "<rect width=\"5\" height=\"5\" fill=\"#f4f4f4\"/>", out);
	for (i = 0; i < 5; i++)
		fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"1\" height=\"1\" fill=\"#bdbdbd\"/>",
			4 - i, i);
	fputs("</pattern></defs>\n", out);
}

double map_legend(FILE *out, double x, double y)
{
	size_t i;

	fputs("<g class=\"legend\">\n", out);
	for (i = 0; i < sizeof(legend) / sizeof(legend[0]); i++) {
		if (legend[i].shape == SWATCH)
			fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"22\" height=\"12\" "
				"fill=\"%s\" stroke=\"#888888\" stroke-width=\"0.5\"/>\n",
				x, y, legend[i].fill);
		else
			fprintf(out, "<path d=\"M%.1f %.1fh12l-6 10z\" fill=\"%s\"/>\n",
				x + 5, y + 1, legend[i].fill);
		svg_text(out, x + 28, y + 10, "font-size=\"11\"", legend[i].label);
		x += 28 + 11 * SVG_CHAR_EM * (double)strlen(legend[i].label) + 24;
	}
	fputs("</g>\n", out);
	return 20;
}
