#!/usr/bin/env python3
"""Runs the unit tests of a build under valgrind memcheck, as ctest would run them (same
working folder and environment), and fails on any memcheck error or definite leak.

Usage: valgrind.py BUILD_DIR [--jobs N] [--all] [NAME_REGEX]

Which tests: the cmocka programs (tests/<dir>/test_<name>.c) and the fuzz corpus replays
that do not link SDL or GL (painmap_core's: core, content, referral, anatomy, ui, drawing,
study, info, bake); the GL ones run about 100 times slower under valgrind, so they are left
out unless --all is given. Suppressions for third-party code live in valgrind.supp beside
this script. Logs go to BUILD_DIR/valgrind/<test>.log. Prints each test's time and a total."""
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))

VALGRIND = [
    "valgrind", "--tool=memcheck", "--error-exitcode=99", "--leak-check=full",
    "--show-leak-kinds=definite,indirect", "--errors-for-leak-kinds=definite,indirect",
    "--keep-debuginfo=yes", "--num-callers=30", "--track-fds=no",
    "--suppressions=" + os.path.join(HERE, "valgrind.supp"),
]


def links_gl(exe):
    """Whether the program links SDL or GL (the slow ones under valgrind)."""
    try:
        out = subprocess.run(["ldd", exe], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             check=False).stdout.decode()
    except OSError:
        return False
    return re.search(r"libSDL2|libGL|libEGL|libepoxy", out) is not None


def select(build, pattern, everything):
    raw = subprocess.run(["ctest", "--show-only=json-v1"], cwd=build, check=True,
                         stdout=subprocess.PIPE).stdout
    chosen = []
    for t in json.loads(raw)["tests"]:
        cmd = t.get("command") or []
        if not cmd:
            continue
        exe = os.path.basename(cmd[0])
        if not (exe.startswith("test_") or exe.startswith("fuzz_replay_")):
            continue
        if pattern and not re.search(pattern, t["name"]):
            continue
        # the app's tests (app, render, platform) link painmap_app: SDL, GL and the renderer
        if not everything and (t["name"].split(".")[0] in ("app", "render", "platform")
                               or links_gl(cmd[0])):
            continue
        props = {p["name"]: p["value"] for p in t.get("properties", [])}
        env = dict(os.environ)
        for kv in props.get("ENVIRONMENT", []):
            k, _, v = kv.partition("=")
            env[k] = v
        chosen.append((t["name"], cmd, env, props.get("WORKING_DIRECTORY", build)))
    return chosen


def run_one(logdir, name, cmd, env, cwd):
    log = os.path.join(logdir, name + ".log")
    start = time.monotonic()
    p = subprocess.run(VALGRIND + ["--log-file=" + log] + cmd, cwd=cwd, env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
    return name, p.returncode, time.monotonic() - start, log, p.stdout.decode("utf-8", "replace")


def main():
    args = [a for a in sys.argv[1:]]
    jobs = os.cpu_count() or 2
    everything = False
    rest = []
    i = 0
    while i < len(args):
        if args[i] == "--jobs":
            jobs = int(args[i + 1])
            i += 2
            continue
        if args[i] == "--all":
            everything = True
        else:
            rest.append(args[i])
        i += 1
    if not rest:
        print(__doc__)
        return 2
    build = os.path.abspath(rest[0])
    pattern = rest[1] if len(rest) > 1 else None
    tests = select(build, pattern, everything)
    if not tests:
        print("valgrind.py: no tests selected in %s" % build)
        return 1
    logdir = os.path.join(build, "valgrind")
    os.makedirs(logdir, exist_ok=True)
    start = time.monotonic()
    failed = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(run_one, logdir, *t) for t in tests]
        for f in concurrent.futures.as_completed(futures):
            name, code, secs, log, out = f.result()
            if code == 0:
                print("  ok    %-28s %6.1f s" % (name, secs))
                continue
            failed.append(name)
            why = "memcheck errors" if code == 99 else "the test failed (exit %d)" % code
            print("  FAIL  %-28s %6.1f s  %s; see %s" % (name, secs, why, log))
            with open(log, encoding="utf-8", errors="replace") as fh:
                lines = [ln for ln in fh.read().splitlines() if ln.startswith("==")]
            for ln in lines[:40]:
                print("        " + ln)
            for ln in out.splitlines()[-10:]:
                print("        | " + ln)
    total = time.monotonic() - start
    print("valgrind memcheck: %d tests, %d failed, %.0f s wall on %d jobs" % (
        len(tests), len(failed), total, jobs))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
