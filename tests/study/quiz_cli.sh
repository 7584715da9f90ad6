#!/usr/bin/env bash
# painmap quiz end to end: the same seed prints the same quiz (text and JSON), other seeds
# print other quizzes, --json parses and every question in it has exactly one right option
# that the answer key names, and bad options exit 2 with a message.
# Usage: quiz_cli.sh PAINMAP_EXE
set -u
exe=${1:?usage: quiz_cli.sh PAINMAP_EXE}
fails=0
n=0

. "$(cd "$(dirname "$0")/.." && pwd)/lib/expect.sh"

check() { # check "what" command...: counts a failure unless the command succeeds
    local what=$1
    shift
    n=$((n + 1))
    if ! "$@"; then
        echo "FAIL: $what"
        fails=$((fails + 1))
    fi
}

expect 0 "seed 42, 10 questions" quiz --seed 42
expect 0 "answer: " quiz --seed 1 --count 3
expect 0 "dermatome map keegan_garrett" quiz --seed 1 --count 2 --map keegan_garrett
expect 2 "needs --seed" quiz
expect 2 "--seed: expected a whole number" quiz --seed abc
expect 2 "--seed: expected a whole number" quiz --seed -4
expect 2 "--count: expected 1 to 200" quiz --seed 1 --count 0
expect 2 "--count: missing value" quiz --seed 1 --count
expect 2 "unknown option '--colour'" quiz --seed 1 --colour
expect 2 "unknown dermatome map 'foerster'" quiz --seed 1 --map foerster
expect 1 "does not exist" quiz --seed 1 --assets-dir /nonexistent/painmap-assets
expect 2 "unknown locale 'xx'" quiz --seed 1 --locale xx

a=$("$exe" quiz --seed 7 --count 25 2>/dev/null)
b=$("$exe" quiz --seed 7 --count 25 2>/dev/null)
c=$("$exe" quiz --seed 8 --count 25 2>/dev/null)
check "seed 7 prints the same text twice" test -n "$a" -a "$a" = "$b"
check "seeds 7 and 8 print different quizzes" test "$a" != "$c"

ja=$("$exe" quiz --seed 11 --count 40 --json 2>/dev/null)
jb=$("$exe" quiz --seed 11 --count 40 --json 2>/dev/null)
check "seed 11 prints the same JSON twice" test -n "$ja" -a "$ja" = "$jb"

validate() {
    python3 - "$1" <<'PY'
import json, sys
quiz = json.loads(sys.argv[1])
qs = quiz["questions"]
assert quiz["count"] == len(qs) == 40, "expected 40 questions"
kinds = set()
items = set()
for q in qs:
    opts = q["options"]
    assert 2 <= len(opts) <= 4, q["item"]
    assert 0 <= q["correct"] < len(opts), q["item"]
    assert opts[q["correct"]]["id"] == q["answer_id"], q["item"]
    assert len({o["id"] for o in opts}) == len(opts), "duplicate option ids in " + q["item"]
    assert len({o["label"] for o in opts}) == len(opts), "duplicate labels in " + q["item"]
    assert q["prompt"] and q["explanation"] and q["citation"], q["item"]
    assert q["item"] not in items, "asked twice: " + q["item"]
    items.add(q["item"])
    kinds.add(q["kind"])
    if q["kind"] == "dermatome":
        assert q["point"] and len(q["point"]["pos_mm"]) == 3, q["item"]
    if q["kind"] == "tap_structure":
        assert q["answer_mode"] == "tap", q["item"]
expected = {"name_structure", "tap_structure", "zone_source", "dermatome", "origin",
            "insertion", "innervation", "nerve_below_piriformis"}
assert kinds == expected, "kinds: %s" % sorted(kinds)
PY
}
check "painmap quiz --json is valid and every question has one right option" validate "$ja"

# the same checks in every shipped language, and the words are that language's
for dir in "$PAINMAP_ASSETS_DIR"/content/*/; do
    loc=$(basename "$dir")
    [ "$loc" = en ] && continue
    jl=$("$exe" quiz --seed 11 --count 40 --json --locale "$loc" 2>/dev/null)
    check "painmap quiz --locale $loc --json is valid with one right option each" validate "$jl"
    check "painmap quiz --locale $loc is not the English quiz" test "$jl" != "$ja"
done

echo "$((n - fails))/$n quiz command checks passed"
[ "$fails" -eq 0 ]
