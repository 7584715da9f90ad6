# Shared by the shell tests that run the painmap executable. Source it after setting
# exe (the program), n and fails (counters, usually 0).

# expect CODE "piece of the output" args...: runs "$exe" args, and counts a failure unless
# it exits CODE and its output (stdout and stderr) contains the piece.
expect() {
    local want=$1 piece=$2
    shift 2
    local out code
    out=$("$exe" "$@" 2>&1)
    code=$?
    n=$((n + 1))
    if [ "$code" -ne "$want" ] || ! grep -qF -- "$piece" <<<"$out"; then
        echo "FAIL: painmap $* -> exit $code (want $want), output:"
        echo "$out" | head -8 | sed 's/^/    /'
        echo "    (expected it to contain: $piece)"
        fails=$((fails + 1))
    fi
}
