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
# the first frame shows the body over the background
here=$(cd "$(dirname "$0")" && pwd)
read -r share r g b < <(python3 "$here/pngpix.py" "$tmp/first.png" body)
if [ "$r" -ge 70 ] || [ "$g" -ge 70 ] || [ "$b" -ge 70 ]; then
    echo "FAIL: the corner of the first frame is not background: $r $g $b"
    exit 1
fi
if ! python3 -c "import sys; sys.exit(0 if 0.03 < $share < 0.9 else 1)"; then
    echo "FAIL: the first frame does not show the body (share of body pixels $share)"
    exit 1
fi
echo "1 passed, 0 failed"
