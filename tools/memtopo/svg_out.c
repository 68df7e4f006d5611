/* SVG writing helpers (svg_out.h). */
#include "svg_out.h"

void svg_esc(FILE *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		case '\'':
			fputs("&apos;", out);
			break;
		default:
			fputc(c >= 0x20 && c < 0x7f ? c : '?', out);
		}
	}
}

const char *svg_hex(char buf[40], mt_u128 v)
{
	char tmp[40];
	int i = sizeof(tmp) - 1, j = 2;

	tmp[i] = 0;
	do {
		tmp[--i] = "0123456789abcdef"[(unsigned)(v & 15)];
		v >>= 4;
	} while (v);
	buf[0] = '0';
	buf[1] = 'x';
	while ((buf[j++] = tmp[i++]))
		;
	return buf;
}

void svg_text(FILE *out, double x, double y, const char *attrs, const char *body)
{
	fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" %s>", x, y, attrs);
	svg_esc(out, body);
	fputs("</text>\n", out);
}
