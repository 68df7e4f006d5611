#!/usr/bin/env python3
"""Check a `memtopo map` picture: the SVG is well-formed XML and holds the
expected strings, and its PNG rendering (rsvg-convert) is not blank.
Standard library only: the PNG is decoded here with zlib.

usage: svg_check.py OUT.svg OUT.png MIN_COLOURS [EXPECTED_TEXT...]
"""
import struct
import sys
import xml.etree.ElementTree as ET
import zlib


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def unfilter(data, width, bpp):
    """The raw scanlines of a non-interlaced 8-bit PNG."""
    stride = width * bpp
    prev = bytearray(stride)
    rows, pos = [], 0
    while pos < len(data):
        ftype, line = data[pos], bytearray(data[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
            pred = (0, a, b, (a + b) // 2, paeth(a, b, c))[ftype]
            line[i] = (line[i] + pred) & 0xFF
        rows.append(bytes(line))
        prev = line
    return rows


def png_colours(path):
    blob = open(path, 'rb').read()
    if blob[:8] != b'\x89PNG\r\n\x1a\n':
        sys.exit(f'{path}: not a PNG')
    pos, idat, hdr = 8, b'', None
    while pos < len(blob):
        n, kind = struct.unpack('>I4s', blob[pos:pos + 8])
        body = blob[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b'IHDR':
            hdr = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat += body
    width, height, depth, ctype, _, _, interlace = hdr
    bpp = {2: 3, 6: 4}.get(ctype)
    if depth != 8 or not bpp or interlace:
        sys.exit(f'{path}: PNG depth {depth} colour type {ctype} interlace {interlace} unsupported')
    rows = unfilter(zlib.decompress(idat), width, bpp)
    if len(rows) != height:
        sys.exit(f'{path}: {len(rows)} rows, header says {height}')
    colours = set()
    for row in rows:
        colours.update(row[i:i + bpp] for i in range(0, len(row), bpp))
    return width, height, colours


def main():
    svg, png, least, wanted = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
    try:
        root = ET.parse(svg).getroot()
    except ET.ParseError as e:
        sys.exit(f'{svg}: not well-formed XML: {e}')
    if root.tag != '{http://www.w3.org/2000/svg}svg':
        sys.exit(f'{svg}: root element is {root.tag}')
    ns = '{http://www.w3.org/2000/svg}'
    # a <text>'s tspans are one line, a space apart (the SVG spaces them by dx)
    text = '\n'.join(' '.join(e.itertext()) for e in root.iter()
                      if e.tag in (ns + 'text', ns + 'title'))
    missing = [w for w in wanted if w not in text]
    if missing:
        sys.exit(f'{svg}: lacks {missing}')
    width, height, colours = png_colours(png)
    print(f'{svg}: well-formed, {len(wanted)} expected texts; {png}: '
          f'{width}x{height}, {len(colours)} colours')
    if len(colours) < least:
        sys.exit(f'{png}: only {len(colours)} distinct colours, want >= {least}: blank?')


if __name__ == '__main__':
    main()
