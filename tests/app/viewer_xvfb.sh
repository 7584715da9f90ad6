#!/usr/bin/env bash
# The viewer in a real X window under Xvfb: it opens, draws the body (checked on the
# first frame's pixels), and Escape closes it cleanly with exit code 0; its settings are
# saved when changed, and a damaged settings file does not stop it.
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
# Settings: a click on Settings, then on High contrast, saves settings.json in the user's
# folder (atomically: no temporary file left); a damaged settings file is reported, left
# untouched, and the viewer still starts.
user="$tmp/user"
mkdir -p "$user"
cat >"$tmp/settings.sh" <<INNER
set -u
unset SDL_VIDEODRIVER
export PAINMAP_USER_DIR="$user/"
PAINMAP_SCREENSHOT="$tmp/settled.png" "$exe" --size 1280x800 &
pid=\$!
# wait until the first picture has settled, so the clicks meet a drawn UI
for i in \$(seq 1 200); do [ -f "$tmp/settled.png" ] && break; sleep 0.1; done
xdotool mousemove 1000 34 click 1
# the Settings card is open once the picture settles again
rm -f "$tmp/settled.png"
for i in \$(seq 1 200); do [ -f "$tmp/settled.png" ] && break; sleep 0.1; done
xdotool mousemove 396 527 click 1
for i in \$(seq 1 200); do [ -f "$user/settings.json" ] && break; sleep 0.1; done
kill \$pid
wait \$pid 2>/dev/null
exit 0
INNER
timeout 60 xvfb-run -a -s '-screen 0 1280x800x24' bash "$tmp/settings.sh" >/dev/null 2>&1
if ! python3 -c "import json,sys; s=json.load(open('$user/settings.json')); sys.exit(0 if s['high_contrast'] is True and s['version'] == 1 else 1)"; then
    echo "FAIL: settings.json was not saved with high_contrast on:"
    cat "$user/settings.json" 2>&1 | head -5
    exit 1
fi
if ls "$user"/*.tmp >/dev/null 2>&1; then
    echo "FAIL: a temporary settings file was left behind"
    exit 1
fi
printf '{"text_scale": "huge"' >"$user/settings.json"
cp "$user/settings.json" "$tmp/damaged.json"
cat >"$tmp/damaged.sh" <<INNER
unset SDL_VIDEODRIVER
PAINMAP_USER_DIR="$user/" PAINMAP_SCREENSHOT="$tmp/second.png" "$exe" --size 400x300 &
pid=\$!
for i in \$(seq 1 100); do [ -f "$tmp/second.png" ] && break; sleep 0.1; done
kill \$pid
wait \$pid 2>/dev/null
exit 0
INNER
out=$(timeout 60 xvfb-run -a -s '-screen 0 1024x768x24' bash "$tmp/damaged.sh" 2>&1)
if [ ! -f "$tmp/second.png" ] || ! grep -q "settings.json" <<<"$out" ||
    ! cmp -s "$user/settings.json" "$tmp/damaged.json"; then
    echo "FAIL: a damaged settings file: the viewer should warn, start, and leave it alone:"
    echo "$out" | tail -5
    exit 1
fi
echo "3 passed, 0 failed"
