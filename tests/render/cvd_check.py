#!/usr/bin/env python3
"""Colour-blind check on rendered pictures: the pain zones and the kinds of structure must stay
apart for people with protanopia, deuteranopia and tritanopia.

painmap renders (headless) the skin alone, the skin with a referral pattern's zones, and each
kind of structure on its own, all from the same view. Under each simulated colour vision
deficiency (Machado, Oliveira and Fernandes 2009, severity 1, applied in linear RGB), the test
requires:
  - of the zone pixels normal sight sees against plain skin (at least SEEN_DE, CIE76 in Lab,
    from the same pixel without the zone), 90% to keep at least KEEP of that difference
    (main and wider zones each; the soft edges fade out for everyone by design);
  - the main zones to differ from the wider zones (their median colours) by MIN_DE;
  - each kind of structure (bone, muscle, nerve, ligament) to differ from every other by MIN_DE
    (median colour of its pixels, as lit in the picture).
Usage: cvd_check.py PAINMAP_EXE OUTDIR
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'app'))
from pngpix import load  # noqa: E402

MIN_DE = 12.0
SHARE = 0.9
SEEN_DE = 8.0  # a zone pixel this far from plain skin is seen by normal sight
KEEP = 0.6     # the share of that difference a colour-blind viewer must still see
IDENTITY = ((1, 0, 0), (0, 1, 0), (0, 0, 1))
MACHADO = {
    'protanopia': ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    'deuteranopia': ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    'tritanopia': ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}


def lin(c):
    c /= 255.0
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def simulate(rgb, m):
    l = [lin(float(v)) for v in rgb]
    return tuple(min(max(sum(m[i][k] * l[k] for k in range(3)), 0.0), 1.0) for i in range(3))


def lab(linrgb):
    r, g, b = linrgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t):
        return t ** (1.0 / 3.0) if t > 0.008856 else 7.787 * t + 16.0 / 116.0
    return (116.0 * f(y) - 16.0, 500.0 * (f(x) - f(y)), 200.0 * (f(y) - f(z)))


def de(a, b):
    return sum((p - q) ** 2 for p, q in zip(a, b)) ** 0.5


def render(exe, out, name, *args):
    path = os.path.join(out, name + '.png')
    cmd = [exe, 'render', '--no-ui', '--size', '480x600', '-o', path] + list(args)
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit('FAIL: %s: %s' % (' '.join(cmd), r.stderr.strip()))
    w, h, rows = load(path)
    return w, h, [[tuple(rows[y][x * 4:x * 4 + 3]) for x in range(w)] for y in range(h)]


def median(colors):
    return tuple(sorted(c[i] for c in colors)[len(colors) // 2] for i in range(3))


def main():
    exe, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    view = ['--view', 'posterior']
    w, h, skin = render(exe, out, 'skin', *view, '--layers', 'skin')
    _, _, zones = render(exe, out, 'zones', *view, '--layers', 'skin,zones', '--source',
                         'gluteus_medius_r')
    # at 4.9 s the main zones are in full and the wider ones have not begun: a pixel that is
    # a zone then is a main zone; one that only becomes a zone later is a wider zone
    _, _, first = render(exe, out, 'zones_main', *view, '--layers', 'skin,zones', '--source',
                         'gluteus_medius_r', '--time', '4.9')
    bg = skin[2][2]
    main_px, wide_px = [], []
    for y in range(0, h, 2):
        for x in range(0, w, 2):
            a, b, c = skin[y][x], zones[y][x], first[y][x]
            if a == bg or sum(abs(p - q) for p, q in zip(a, b)) < 60:
                continue
            if sum(abs(p - q) for p, q in zip(b, c)) < 12:
                main_px.append((a, b))
            elif sum(abs(p - q) for p, q in zip(a, c)) < 12:
                wide_px.append((a, b))
    kinds = {}
    for kind, layer in (('bone', 'bones'), ('muscle', 'deep_muscles'), ('nerve', 'nerves'),
                        ('ligament', 'ligaments')):
        _, _, img = render(exe, out, kind, '--view', 'deep_posterior', '--layers', layer)
        px = [img[y][x] for y in range(0, h, 2) for x in range(0, w, 2)
              if sum(abs(p - q) for p, q in zip(img[y][x], bg)) > 60]
        if len(px) < 50:
            sys.exit('FAIL: only %d pixels of %s in the picture' % (len(px), kind))
        kinds[kind] = median(px)
    print('zone pixels: %d main, %d wider' % (len(main_px), len(wide_px)))
    if len(main_px) < 200 or len(wide_px) < 100:
        sys.exit('FAIL: zones not found in the picture (%d main, %d wider pixels)'
                 % (len(main_px), len(wide_px)))
    fails = 0
    for name, m in MACHADO.items():
        report = []
        for label, pairs in (('main zone vs skin', main_px), ('wider zone vs skin', wide_px)):
            # where normal sight sees the zone, most of that difference must remain
            seen = [(a, b, de(lab(simulate(a, IDENTITY)), lab(simulate(b, IDENTITY))))
                    for a, b in pairs]
            seen = [(a, b, d0) for a, b, d0 in seen if d0 >= SEEN_DE]
            kept = sum(1 for a, b, d0 in seen
                       if de(lab(simulate(a, m)), lab(simulate(b, m))) >= KEEP * d0)
            share = kept / float(max(len(seen), 1))
            report.append('%s %.0f%% of %d' % (label, 100 * share, len(seen)))
            if len(seen) < 50 or share < SHARE:
                print('FAIL: %s: %s keeps %.0f%% of its contrast in only %.0f%% of %d pixels' %
                      (name, label, 100 * KEEP, 100 * share, len(seen)))
                fails += 1
        d = de(lab(simulate(median([b for _, b in main_px]), m)),
               lab(simulate(median([b for _, b in wide_px]), m)))
        report.append('main vs wider %.1f' % d)
        if d < MIN_DE:
            print('FAIL: %s: main and wider zones differ by only %.1f' % (name, d))
            fails += 1
        names = sorted(kinds)
        for i in range(len(names)):
            for j in range(i + 1, len(names)):
                d = de(lab(simulate(kinds[names[i]], m)), lab(simulate(kinds[names[j]], m)))
                report.append('%s/%s %.1f' % (names[i], names[j], d))
                if d < MIN_DE:
                    print('FAIL: %s: %s and %s differ by only %.1f' % (name, names[i], names[j], d))
                    fails += 1
        print('%s: %s' % (name, ', '.join(report)))
    sys.exit(1 if fails else 0)


main()
