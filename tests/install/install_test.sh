#!/usr/bin/env bash
# install_test.sh CMAKE BUILD_DIR SOURCE_DIR VERSION: installs the build into a temporary
# prefix and checks that the installed painmap works there, when moved, and under DESTDIR,
# and that the desktop integration files are valid. Exits 1 on any failure.
set -uo pipefail
cmake_exe=$1 build=$2 source=$3 version=$4
unset PAINMAP_ASSETS_DIR PAINMAP_SHADERS_DIR PAINMAP_MODEL PAINMAP_DATA_DIR PAINMAP_SOURCE_DIR
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-offscreen}
tmp=$(mktemp -d /tmp/painmap-install-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export PAINMAP_USER_DIR=$tmp/user
n=0 fails=0
id=org.painmap.painmap

fail() {
    echo "FAIL: $*"
    fails=$((fails + 1))
}

check() { # check "what" command...: counts a failure unless the command succeeds
    local what=$1
    shift
    n=$((n + 1))
    local out
    if ! out=$("$@" 2>&1); then
        fail "$what"
        echo "$out" | head -12 | sed 's/^/    /'
    fi
}

# run_installed PREFIX LABEL: the installed program finds its data under PREFIX, from any
# working folder, with no PAINMAP_* variables.
run_installed() {
    run_exe "$1/bin/painmap" "$1/share/painmap" "$2"
}

# run_exe EXE DATA_DIR LABEL: EXE finds its assets and body.glb in DATA_DIR by itself.
run_exe() {
    local exe=$1 data=$2 label=$3 out code
    n=$((n + 1))
    out=$(cd / && "$exe" list structures 2>&1)
    code=$?
    if [ "$code" -ne 0 ] || ! grep -q "piriformis_r" <<<"$out"; then
        fail "$label: painmap list structures -> exit $code"
        echo "$out" | head -8 | sed 's/^/    /'
    fi
    n=$((n + 1))
    out=$(cd / && "$exe" check-content --json 2>&1)
    code=$?
    if [ "$code" -ne 0 ] ||
        ! python3 -c 'import json,os,sys; d=json.loads(sys.argv[1]); p=sys.argv[2]; r=os.path.realpath; a=r(d["assets_dir"]); m=r(d["model"]) if d["model"] else ""; sys.exit(0 if a == r(p + "/assets") and (not m or m == r(p + "/body.glb")) else 1)' "$out" "$data"; then
        fail "$label: painmap check-content --json -> exit $code, expected the data in $data"
        echo "$out" | grep -E '"(assets_dir|model|ok)"|error' | head -8 | sed 's/^/    /'
    fi
    n=$((n + 1))
    rm -f "$tmp/out.png"
    out=$(cd / && "$exe" render --no-ui --size 96x96 --view posterior --msaa 1 -o "$tmp/out.png" 2>&1)
    code=$?
    if [ "$code" -ne 0 ]; then
        fail "$label: painmap render -> exit $code"
        echo "$out" | head -8 | sed 's/^/    /'
    else
        # the body covers a good share of the picture (not just the background colour)
        local share
        share=$(python3 "$source/tests/app/pngpix.py" "$tmp/out.png" body) # "SHARE R G B"
        share=${share%% *}
        if ! python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) > 0.05 else 1)' "$share"; then
            fail "$label: the rendered picture shows no body (share of body pixels $share)"
        fi
    fi
}

echo "== the build tree"
run_exe "$build/painmap" "$build" "build tree"

echo "== cmake --install --prefix"
prefix=$tmp/prefix
check "cmake --install --prefix" "$cmake_exe" --install "$build" --prefix "$prefix"
for f in bin/painmap share/painmap/assets/content/en/structures.json \
    share/painmap/assets/anatomy/landmarks.json share/painmap/assets/fonts/DejaVuSans.ttf \
    share/painmap/shaders/mesh.vert share/painmap/shaders/ui.frag \
    share/applications/$id.desktop share/metainfo/$id.metainfo.xml \
    share/icons/hicolor/256x256/apps/$id.png share/man/man1/painmap.1; do
    n=$((n + 1))
    [ -f "$prefix/$f" ] || fail "not installed: $f"
done
if [ -f "$build/body.glb" ]; then
    n=$((n + 1))
    cmp -s "$build/body.glb" "$prefix/share/painmap/body.glb" || fail "body.glb not installed as built"
fi
[ -x "$prefix/bin/painmap" ] || fail "bin/painmap is not executable"
run_installed "$prefix" "installed"

echo "== the prefix moved elsewhere"
mv "$prefix" "$tmp/moved"
run_installed "$tmp/moved" "moved"

echo "== DESTDIR staging (a package build)"
check "DESTDIR=... cmake --install --prefix /usr" env DESTDIR="$tmp/stage" "$cmake_exe" --install "$build" --prefix /usr
run_installed "$tmp/stage/usr" "staged"

echo "== desktop integration files"
inst=$tmp/moved/share
# the icon: a 256x256 PNG drawn by painmap, showing the body
n=$((n + 1))
python3 - "$inst/icons/hicolor/256x256/apps/$id.png" <<'PY' || fail "the icon is not a 256x256 PNG"
import struct, sys
d = open(sys.argv[1], "rb").read()
sys.exit(0 if d[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", d[16:24]) == (256, 256) else 1)
PY
share=$(python3 "$source/tests/app/pngpix.py" "$inst/icons/hicolor/256x256/apps/$id.png" body 2>&1)
share=${share%% *}
n=$((n + 1))
python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) > 0.2 else 1)' "$share" 2>/dev/null ||
    fail "the icon shows too little of the body ($share)"
# the desktop file names the installed program and icon; the metainfo names the desktop file
desktop=$inst/applications/$id.desktop
n=$((n + 1))
grep -qx "Exec=painmap" "$desktop" && grep -qx "Icon=$id" "$desktop" ||
    fail "$id.desktop: expected Exec=painmap and Icon=$id"
meta=$inst/metainfo/$id.metainfo.xml
n=$((n + 1))
grep -q "<id>$id</id>" "$meta" && grep -q "<launchable type=\"desktop-id\">$id.desktop</launchable>" "$meta" ||
    fail "$id.metainfo.xml: expected <id>$id</id> and its desktop file as launchable"
n=$((n + 1))
grep -q "<release version=\"$version\"" "$meta" ||
    fail "$id.metainfo.xml: no <release> for painmap $version (add one when the version changes)"
n=$((n + 1))
grep -q "\"painmap $version\"" "$inst/man/man1/painmap.1" || fail "painmap.1: its header does not say painmap $version"
if command -v desktop-file-validate >/dev/null; then
    check "desktop-file-validate $id.desktop" desktop-file-validate "$desktop"
else
    echo "skip: desktop-file-validate is not installed (desktop-file-utils)"
fi
if command -v appstreamcli >/dev/null; then
    check "appstreamcli validate --no-net $id.metainfo.xml" appstreamcli validate --no-net --pedantic "$meta"
else
    echo "skip: appstreamcli is not installed (appstream)"
fi
if command -v groff >/dev/null; then
    n=$((n + 1))
    warnings=$(groff -man -ww -z "$inst/man/man1/painmap.1" 2>&1)
    [ -z "$warnings" ] || { fail "painmap.1: groff warnings"; echo "$warnings" | head -5 | sed 's/^/    /'; }
fi

echo "$((n - fails)) of $n install checks passed"
[ "$fails" -eq 0 ]
