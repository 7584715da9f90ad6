#!/usr/bin/env bash
# The viewer in a real X window under Xvfb: it opens, draws the body (checked on the
# first frame's pixels), and Escape closes it cleanly with exit code 0.
# Usage: viewer_xvfb.sh PAINMAP_EXE
set -u
exe=${1:?usage: viewer_xvfb.sh PAINMAP_EXE}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/inner.sh" <<INNER
set -u
unset SDL_VIDEODRIVER
PAINMAP_SCREENSHOT="$tmp/first.png" "$exe" --size 400x300 &
pid=\$!
for i in \$(seq 1 100); do
    [ -f "$tmp/first.png" ] && break
    kill -0 \$pid 2>/dev/null || break
    sleep 0.1
done
win=\$(xdotool search --sync --onlyvisible --name '^painmap\$' 2>/dev/null | head -n1)
if [ -z "\$win" ]; then echo "no painmap window appeared"; kill \$pid 2>/dev/null; exit 1; fi
xdotool key --window "\$win" Escape
for i in \$(seq 1 50); do kill -0 \$pid 2>/dev/null || break; sleep 0.1; done
if kill -0 \$pid 2>/dev/null; then echo "Escape did not close the viewer"; kill \$pid; exit 1; fi
wait \$pid
INNER
out=$(timeout 60 xvfb-run -a -s '-screen 0 1024x768x24' bash "$tmp/inner.sh" 2>&1)
code=$?
if [ $code -ne 0 ]; then
    echo "FAIL: viewer under Xvfb exited $code:"
    echo "$out" | tail -20
    exit 1
fi
if [ ! -f "$tmp/first.png" ]; then
    echo "FAIL: the viewer drew no frame"
    exit 1
fi
# the centre of the first frame shows the body, not the background
python3 - "$tmp/first.png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
pos, idat, w, h = 8, b'', 0, 0
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b'IHDR':
        w, h = struct.unpack('>II', body[:8])
    elif kind == b'IDAT':
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
stride = w * 4
rows, prev = [], bytearray(stride)
for y in range(h):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for x in range(stride):
        a = line[x - 4] if x >= 4 else 0
        b = prev[x]
        c = prev[x - 4] if x >= 4 else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(line); prev = line
def px(x, y): return tuple(rows[y][x * 4:x * 4 + 3])
corner = px(2, 2)
assert max(corner) < 70, 'corner is not background: %r' % (corner,)
body = sum(1 for y in range(0, h, 2) for x in range(0, w, 2)
           if sum(abs(a - b) for a, b in zip(px(x, y), corner)) > 90)
share = body / float((h // 2) * (w // 2))
print('share of the first frame showing the body: %.3f' % share)
assert 0.03 < share < 0.9, 'the first frame does not show the body'

PY
[ $? -eq 0 ] || { echo "FAIL: first frame pixels"; exit 1; }
echo "1 passed, 0 failed"
