#!/usr/bin/env bash
# Replays recorded touch and mouse sessions headless and checks the state the viewer ends
# in (painmap --replay --json) and the pixels of its last picture.
# Usage: replay_test.sh PAINMAP_EXE
set -u
exe=${1:?usage: replay_test.sh PAINMAP_EXE}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SDL_VIDEODRIVER=offscreen
fails=0
n=0

# replay NAME [OPTION]: runs replays/NAME.jsonl; check NAME PYTHON-EXPRESSION-ON-STATE
replay() {
    "$exe" --replay "$here/replays/$1.jsonl" --json -o "$tmp/$1.png" ${2:-} >"$tmp/$1.json" 2>"$tmp/$1.err"
}
check() {
    local name=$1 expr=$2
    n=$((n + 1))
    if ! python3 -c "import json,sys; s=json.load(open('$tmp/$name.json')); sys.exit(0 if ($expr) else 1)"; then
        echo "FAIL: $name: expected $expr; state was:"
        sed 's/^/    /' "$tmp/$name.json" "$tmp/$name.err" | head -8
        fails=$((fails + 1))
    fi
}
pixels() { # NAME R G B TOL MIN [X0 Y0 X1 Y1]
    n=$((n + 1))
    local got
    got=$(python3 "$here/pngpix.py" "$tmp/$1.png" count "$2" "$3" "$4" "$5" ${7:-} ${8:-} ${9:-} ${10:-})
    if [ "${got:-0}" -lt "$6" ]; then
        echo "FAIL: $1: $got pixels near rgb($2,$3,$4), expected at least $6"
        fails=$((fails + 1))
    fi
}

# one finger turns the body 0.4 degrees per pixel; two fingers spreading zoom in (from about
# 3500 mm), never turn
replay touch_pinch_orbit
check touch_pinch_orbit "abs(abs(s['camera']['yaw']) - 40) < 0.5"
check touch_pinch_orbit "s['camera']['distance'] < 2400 and s['selected'] is None"

# a mouse click opens the source picker, a finger tap on a row plays that source
replay play_source
check play_source "s['source'] == 'iliacus_l' and s['playing'] and s['panels']['sources']"
check play_source "s['animation_time'] > 5"
pixels play_source 200 85 20 25 300    # main areas bloom in vermillion on the skin

# Where it hurts, from behind: a tap on the right buttock lists right-side sources only
replay where_it_hurts
check where_it_hurts "s['mode'] == 'where' and 'gluteus_maximus_r' in s['where']"
check where_it_hurts "all(w.endswith('_r') for w in s['where']) and len(s['where']) >= 3"
pixels where_it_hurts 51 115 242 80 30  # the tapped point is marked in blue

# kiosk: Start, English, a tap on the front of the right hip lists right-side sources;
# Escape and F11 neither quit nor leave fullscreen; after 3 idle minutes it starts over and
# has forgotten the place and the list
replay kiosk_where_then_idle --kiosk
check kiosk_where_then_idle "s['kiosk']['step'] == 2 and s['mode'] == 'where' and not s['quit']"
check kiosk_where_then_idle "'hip_joint_r' in s['where'] and all(w.endswith('_r') for w in s['where'])"
replay kiosk_idle_reset --kiosk
check kiosk_idle_reset "s['kiosk']['step'] == 0 and s['kiosk']['resets'] == 1 and s['where'] == []"

# kiosk drawing: Start, English, "Colour the area", a finger paints the front of the right
# thigh; Next makes the drawing's summary (right-side sources only); left idle, it starts
# over and the drawing is gone from memory
replay kiosk_draw --kiosk
check kiosk_draw "s['mode'] == 'draw' and s['kiosk']['step'] == 2 and s['drawing']['points'] > 10"
pixels kiosk_draw 172 108 62 20 150 540 280 740 520  # the aching paint on the thigh
replay kiosk_draw_next --kiosk
check kiosk_draw_next "s['kiosk']['step'] == 3 and len(s['drawing']['sources']) >= 2"
check kiosk_draw_next "all(x.endswith('_r') for x in s['drawing']['sources'])"
replay kiosk_draw_idle --kiosk
check kiosk_draw_idle "s['kiosk']['resets'] == 1 and s['kiosk']['step'] == 0"
check kiosk_draw_idle "s['drawing']['points'] == 0 and not s['drawing']['can_undo']"

# Search: a click gives the field the caret, typed text (accents too) and Backspace edit it,
# and the letters never reach the viewer's shortcuts ('s' would hide the skin)
replay search_typing
check search_typing "s['search'] == 'pirs' and 'skin' in s['layers']"

# staff: a 3 s press on the top left corner opens the PIN pad; a wrong PIN is refused, the
# right one unlocks the full viewer
export PAINMAP_USER_DIR="$tmp/user/"
mkdir -p "$PAINMAP_USER_DIR"
printf '2468\n2468\n' | "$exe" --set-pin >/dev/null 2>&1
replay kiosk_pin_wrong --kiosk
check kiosk_pin_wrong "s['kiosk']['pin_open'] and not s['kiosk']['unlocked']"
replay kiosk_pin_right --kiosk
check kiosk_pin_right "s['kiosk']['unlocked'] and not s['kiosk']['pin_open']"
unset PAINMAP_USER_DIR

# Draw: a mouse stroke (aching, orange) down the front of the right thigh and a finger stroke
# (burning) down the left one; Ctrl+Z takes the burning stroke back, so only orange shows
replay draw_paint_undo
check draw_paint_undo "s['mode'] == 'draw' and s['drawing']['points'] > 10"
check draw_paint_undo "s['drawing']['can_undo'] and s['drawing']['can_redo']"
pixels draw_paint_undo 172 108 62 20 150 540 300 740 620  # the aching stroke on the lit skin
n=$((n + 1))
burning=$(python3 "$here/pngpix.py" "$tmp/draw_paint_undo.png" count 152 91 80 10 540 300 740 620)
if [ "${burning:-0}" -gt 20 ]; then
    echo "FAIL: draw_paint_undo: $burning burning-red pixels after the undo"
    fails=$((fails + 1))
fi

# Saving: the drawing and its preview are written readable by the user only; a second
# drawing with both thighs painted; reopening the newest brings its points back; comparing
# the two visits lists what changed (the left thigh) and shows them side by side
export PAINMAP_USER_DIR="$tmp/draw/"
mkdir -p "$PAINMAP_USER_DIR"
replay draw_save
check draw_save "s['drawing']['label'].startswith('drawing-') and s['drawing']['points'] > 10"
n=$((n + 1))
for f in "$PAINMAP_USER_DIR"/drawings/*.json "$PAINMAP_USER_DIR"/drawings/*.png; do
    mode=$(stat -c %a "$f")
    if [ "$mode" != 600 ]; then
        echo "FAIL: draw_save: $f has mode $mode, expected 600"
        fails=$((fails + 1))
    fi
done
sleep 1 # a later "modified" second, so the order of the list is known
replay draw_save_two
saved=$(python3 -c "import json; print(json.load(open('$tmp/draw_save_two.json'))['drawing']['label'])")
points=$(python3 -c "import json; print(json.load(open('$tmp/draw_save_two.json'))['drawing']['points'])")
replay draw_reload
check draw_reload "s['mode'] == 'draw' and s['drawing']['label'] == '$saved'"
check draw_reload "s['drawing']['points'] == $points and s['drawing']['saved'] == 2"
pixels draw_reload 172 108 62 20 300 540 300 740 620  # both strokes are back on the skin
replay draw_compare
check draw_compare "s['drawing']['compare_open'] and s['drawing']['changes'] >= 2"
pixels draw_compare 172 108 62 20 60 100 250 350 500   # visit A: the right thigh
pixels draw_compare 172 108 62 20 120 550 250 800 500  # visit B: both thighs
# the handout button saves the drawing and writes its PDF beside the drawings, private too
replay draw_handout
check draw_handout "s['drawing']['label'].startswith('drawing-')"
n=$((n + 1))
handout=$(ls "$PAINMAP_USER_DIR"/handouts/*.pdf 2>/dev/null | head -1)
if [ -z "$handout" ] || [ "$(head -c 5 "$handout")" != "%PDF-" ] ||
    [ "$(stat -c %a "$handout")" != 600 ]; then
    echo "FAIL: draw_handout: no private PDF handout in $PAINMAP_USER_DIR/handouts"
    fails=$((fails + 1))
fi
# staff: export the newest drawing (a copy and its handout in exports/), then delete it with
# two taps on Delete (the file and its preview go; two drawings are left)
replay draw_export
n=$((n + 1))
if [ "$(ls "$PAINMAP_USER_DIR"/exports/*.json "$PAINMAP_USER_DIR"/exports/*.pdf 2>/dev/null | wc -l)" -ne 2 ]; then
    echo "FAIL: draw_export: expected a drawing and a PDF in $PAINMAP_USER_DIR/exports"
    fails=$((fails + 1))
fi
replay draw_delete
check draw_delete "s['drawing']['saved'] == 2 and s['drawing']['library_open']"
n=$((n + 1))
if [ "$(ls "$PAINMAP_USER_DIR"/drawings/ | wc -l)" -ne 4 ]; then
    echo "FAIL: draw_delete: expected 2 drawings and 2 previews left"
    fails=$((fails + 1))
fi
unset PAINMAP_USER_DIR

# a damaged replay file is refused with the line that is wrong
n=$((n + 1))
printf '{"painmap_replay":1}\n{"t":1,"events":[{"k":"teleport"}]}\n' >"$tmp/bad.jsonl"
out=$("$exe" --replay "$tmp/bad.jsonl" 2>&1)
code=$?
if [ $code -ne 2 ] || ! grep -q "bad.jsonl:2: events\[0\]: unknown event kind" <<<"$out"; then
    echo "FAIL: damaged replay -> exit $code: $out"
    fails=$((fails + 1))
fi

echo "$((n - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
