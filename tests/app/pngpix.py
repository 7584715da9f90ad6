#!/usr/bin/env python3
"""Reads an 8-bit RGB or RGBA PNG (painmap writes opaque pictures as RGB) without extra
packages and answers questions about its pixels for the shell tests (rows come back as RGBA):

  pngpix.py FILE count R G B TOL [X0 Y0 X1 Y1]
                                     pixels within TOL (per channel) of the colour (in the
                                     box from X0,Y0 to X1,Y1 when given)
  pngpix.py FILE at X Y              the colour of one pixel
  pngpix.py FILE body                share of pixels that differ from the top-left corner
"""
import struct
import sys
import zlib


def load(path):
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        raise SystemExit('%s: not a PNG' % path)
    pos, idat, w, h, bpp = 8, b'', 0, 0, 4
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b'IHDR':
            w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
            if depth != 8 or ctype not in (2, 6):
                raise SystemExit('%s: expected 8-bit RGB or RGBA' % path)
            bpp = 3 if ctype == 2 else 4
        elif kind == b'IDAT':
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
        if bpp == 3:
            rgba = bytearray(w * 4)
            rgba[0::4], rgba[1::4], rgba[2::4] = line[0::3], line[1::3], line[2::3]
            rgba[3::4] = b'\xff' * w
            line = rgba
        rows.append(line)
    return w, h, rows


def main():
    path, what = sys.argv[1], sys.argv[2]
    w, h, rows = load(path)

    def px(x, y):
        return tuple(rows[y][x * 4:x * 4 + 3])

    if what == 'count':
        r, g, b, tol = (int(v) for v in sys.argv[3:7])
        x0, y0, x1, y1 = (int(v) for v in sys.argv[7:11]) if len(sys.argv) >= 11 else (0, 0, w, h)
        n = sum(1 for y in range(max(y0, 0), min(y1, h), 2) for x in range(max(x0, 0), min(x1, w), 2)
                if all(abs(p - q) <= tol for p, q in zip(px(x, y), (r, g, b))))
        print(n * 4)
    elif what == 'at':
        print('%d %d %d' % px(int(sys.argv[3]), int(sys.argv[4])))
    elif what == 'body':
        corner = px(2, 2)
        n = sum(1 for y in range(0, h, 2) for x in range(0, w, 2)
                if sum(abs(a - b) for a, b in zip(px(x, y), corner)) > 90)
        print('%.4f %d %d %d' % (n / float((h // 2) * (w // 2)), *corner))
    else:
        raise SystemExit('unknown question ' + what)


if __name__ == '__main__':
    main()
