#!/usr/bin/env bash
# The painmap executable's exit codes and messages: 0 ok, 1 environment, 2 bad input,
# each error naming what was wrong. Usage: cli_exit.sh PAINMAP_EXE
set -u
exe=${1:?usage: cli_exit.sh PAINMAP_EXE}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-offscreen}
fails=0
n=0

. "$(cd "$(dirname "$0")/.." && pwd)/lib/expect.sh"

expect 0 "Usage:" --help
expect 0 "painmap " --version
expect 2 "unknown option '--bogus'" --bogus
expect 2 "unknown command 'paint'" paint
expect 2 "unknown view 'sideways'" render -o "$tmp/x.png" --view sideways
expect 2 "--size" render -o "$tmp/x.png" --size 10
expect 2 "missing -o" render
expect 2 "unknown layer 'teeth'" render -o "$tmp/x.png" --layers teeth
expect 1 "/no/such/assets" render -o "$tmp/x.png" --assets-dir /no/such/assets
PAINMAP_ASSETS_DIR=/no/such/env/assets expect 1 "PAINMAP_ASSETS_DIR" render -o "$tmp/x.png"
expect 2 "/no/such/model.glb" render -o "$tmp/x.png" --model /no/such/model.glb
SDL_VIDEODRIVER=dummy expect 1 "OpenGL" render -o "$tmp/x.png"
expect 1 "$tmp/missing-dir/x.png" render -o "$tmp/missing-dir/x.png" --size 64x64
# the info commands are reached through the same executable
expect 0 "content OK" check-content
# a body.glb that is there but cut short is a problem of that data folder, not a note
if [ -n "${PAINMAP_MODEL:-}" ] && [ -f "$PAINMAP_MODEL" ]; then
    head -c 100000 "$PAINMAP_MODEL" >"$tmp/short.glb"
    PAINMAP_MODEL="$tmp/short.glb" expect 2 "short.glb: header length" check-content
fi
expect 2 "piriformis_r" query source piriformis_x
expect 0 "piriformis_r" list sources
expect 2 "unknown source 'gluteus_maximum_r'" render -o "$tmp/x.png" --source gluteus_maximum_r
expect 2 "--map" render -o "$tmp/x.png" --map foerster
# a handout for a saved pain drawing, as a PNG and as a PDF; a damaged drawing changes nothing
here=$(cd "$(dirname "$0")" && pwd)
expect 0 "" render --drawing "$here/drawings/buttock_thigh.json" -o "$tmp/handout.png"
expect 0 "" render --drawing "$here/drawings/buttock_thigh.json" -o "$tmp/handout.pdf" --paper letter
n=$((n + 1))
if ! head -c 5 "$tmp/handout.pdf" | grep -q '%PDF-' || ! head -c 8 "$tmp/handout.png" | od -An -tx1 | grep -q '89 50 4e 47'; then
    echo "FAIL: the handout is not a PDF and a PNG"
    fails=$((fails + 1))
fi
printf '{"format":"painmap-drawing","schema_version":1,"points":[' >"$tmp/broken.json"
cp "$tmp/broken.json" "$tmp/broken.before"
expect 2 "broken.json" render --drawing "$tmp/broken.json" -o "$tmp/never.png"
n=$((n + 1))
if [ -e "$tmp/never.png" ] || ! cmp -s "$tmp/broken.json" "$tmp/broken.before"; then
    echo "FAIL: a damaged drawing wrote a handout or was changed"
    fails=$((fails + 1))
fi

# a good render writes a real PNG and leaves no temporary file behind
expect 0 "" render -o "$tmp/ok.png" --size 96x64 --view posterior
if ! head -c 8 "$tmp/ok.png" | od -An -tx1 | grep -q '89 50 4e 47 0d 0a 1a 0a'; then
    echo "FAIL: $tmp/ok.png is not a PNG"
    fails=$((fails + 1))
fi
if ls "$tmp"/*.tmp >/dev/null 2>&1; then
    echo "FAIL: a temporary file was left behind"
    fails=$((fails + 1))
fi
# the viewer with no display says so and points at painmap render
out=$(env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER "$exe" 2>&1)
code=$?
n=$((n + 1))
if [ "$code" -ne 1 ] || ! grep -q "painmap render" <<<"$out"; then
    echo "FAIL: viewer without a display -> exit $code: $out"
    fails=$((fails + 1))
fi

echo "$((n - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
