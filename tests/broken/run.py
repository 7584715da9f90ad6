#!/usr/bin/env python3
"""Runs the broken-input corpus (cases.tsv) through the real painmap executable.

Each case builds a fresh workspace, damages one thing in it, runs one painmap command and
checks its exit code and that its output contains the expected message (and no sanitizer
report, and no signal). Usage: run.py PAINMAP_EXE [NAME_PREFIX...] [--show]
--show prints every case's exit code and first output lines (to write new expectations).

cases.tsv: one case a line, tab-separated: name, exit code, message piece, setup, command.
  exit    the expected exit code; "xfail:CODE" marks a known bug (what painmap should do but
          does not yet): it is reported, not failed, until it passes, which then fails the run
          so that the xfail mark is removed.
  setup   ';'-separated actions on the workspace (paths relative to it; the workspace has
          assets/ = a copy of the shipped anatomy and content files, fonts linked):
            copy SRC DST          copy SRC (relative to the source tree) to DST
            model DST             copy the baked body.glb ($PAINMAP_MODEL) to DST (the case
                                  is skipped where there is none)
            empty DST             an empty file
            rm DST                delete it
            dir DST               a directory where the file was
            truncate DST N        keep the first N bytes (N% = percent of the file)
            flip DST OFFSET BIT   flip one bit (OFFSET < 0 counts from the end)
            edit DST FIND REPL    replace the first FIND by REPL (both with \\n, \\xNN escapes;
                                  {C*N} in REPL stands for the character C repeated N times)
            write DST TEXT        a file with TEXT (escapes and {C*N} as in edit)
            nest DST KEY N        in the JSON object DST, set KEY to N nested arrays
            datadir DST           a complete data folder at DST: assets/ (a copy of the
                                  workspace's), shaders/ and body.glb (skipped without one)
            symlink DST TARGET    a symbolic link DST pointing to TARGET
            chmod DST MODE        chmod, octal MODE (the case is skipped when run as root,
                                  who reads everything)
            env NAME=VALUE        run painmap with NAME set to VALUE (empty: unset NAME)
            nofonts               run painmap where the system's font folders look empty (a
                                  private mount namespace; skipped where unshare -m fails)
  command painmap's arguments, space-separated; {ws} is the workspace, {assets} its assets
          folder, {out} a PNG path in it; {C*N} as above (for long arguments).
Prints "N passed, M failed" and exits 1 on any failure."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))


def unescape(s):
    """\\n, \\t, \\\\ and \\xNN to bytes; {C*N} to C repeated N times."""
    out = bytearray()
    i = 0
    while i < len(s):
        m = re.match(r"\{(.)\*(\d+)\}", s[i:])
        if m:
            out += m.group(1).encode() * int(m.group(2))
            i += m.end()
        elif s[i] == "\\" and i + 1 < len(s):
            c = s[i + 1]
            if c == "x":
                out.append(int(s[i + 2:i + 4], 16))
                i += 4
                continue
            out += {"n": b"\n", "t": b"\t", "\\": b"\\", "s": b" "}.get(c, c.encode())
            i += 2
        else:
            out += s[i].encode()
            i += 1
    return bytes(out)


def make_workspace(ws):
    assets = os.path.join(os.environ.get("PAINMAP_ASSETS_DIR") or os.path.join(SOURCE, "assets"))
    os.makedirs(os.path.join(ws, "assets"))
    for sub in os.listdir(assets):
        src = os.path.join(assets, sub)
        if sub == "fonts":
            os.symlink(src, os.path.join(ws, "assets", sub))
        elif os.path.isdir(src):
            shutil.copytree(src, os.path.join(ws, "assets", sub))
        else:
            shutil.copy(src, os.path.join(ws, "assets", sub))


class Skip(Exception):
    pass


# Mounts an empty tmpfs over the system font folders, then runs the command ("$@").
NOFONTS = ("for d in /usr/share/fonts /usr/local/share/fonts; do "
           "[ -d \"$d\" ] && { mount -t tmpfs none \"$d\" || exit 97; }; done; exec \"$@\"")
_can_hide_fonts = None


def can_hide_fonts():
    global _can_hide_fonts
    if _can_hide_fonts is None:
        try:
            _can_hide_fonts = subprocess.run(
                ["unshare", "-m", "sh", "-c", NOFONTS, "sh", "true"], stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, check=False).returncode == 0
        except OSError:
            _can_hide_fonts = False
    return _can_hide_fonts


def fresh(path):
    """Makes way for a new file at path (a damaged file never shares the original's inode)."""
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.unlink(path)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def write(path, data):
    fresh(path)
    with open(path, "wb") as f:
        f.write(data)


def apply(ws, action, env):
    words = action.split(" ", 1)
    op, rest = words[0], (words[1] if len(words) > 1 else "")
    if op == "edit":
        dst, find, repl = (rest.split(" ", 2) + [""])[:3]  # an empty REPL deletes FIND
    else:
        parts = rest.split(" ")
        dst = parts[0]
    path = os.path.join(ws, dst)
    if op == "copy":
        src, dst = rest.split(" ")
        data = read(os.path.join(SOURCE, src))
        write(os.path.join(ws, dst), data)
    elif op == "model":
        model = os.environ.get("PAINMAP_MODEL", "")
        if not model or not os.path.isfile(model):
            raise Skip("no baked body.glb")
        fresh(path)
        shutil.copy(model, path)
    elif op == "empty":
        write(path, b"")
    elif op == "rm":
        fresh(path)
    elif op == "dir":
        fresh(path)
        os.makedirs(path)
    elif op == "truncate":
        data = read(path)
        n = parts[1]
        keep = len(data) * int(n[:-1]) // 100 if n.endswith("%") else int(n)
        write(path, data[:keep])
    elif op == "flip":
        data = bytearray(read(path))
        off, bit = int(parts[1]), int(parts[2])
        data[off] ^= 1 << bit
        write(path, bytes(data))
    elif op == "edit":
        data = read(path)
        f = unescape(find)
        if f not in data:
            raise ValueError("'%s' is not in %s" % (find, dst))
        write(path, data.replace(f, unescape(repl), 1))
    elif op == "write":
        write(path, unescape(rest.split(" ", 1)[1] if " " in rest else ""))
    elif op == "datadir":
        model = os.environ.get("PAINMAP_MODEL", "")
        if not model or not os.path.isfile(model):
            raise Skip("no baked body.glb")
        fresh(path)
        os.makedirs(path)
        shutil.copytree(os.path.join(ws, "assets"), os.path.join(path, "assets"), symlinks=True)
        shutil.copytree(os.path.join(SOURCE, "shaders"), os.path.join(path, "shaders"))
        shutil.copy(model, os.path.join(path, "body.glb"))
    elif op == "symlink":
        fresh(path)
        os.symlink(parts[1], path)
    elif op == "chmod":
        if os.geteuid() == 0:
            raise Skip("root reads every file")
        os.chmod(path, int(parts[1], 8))
    elif op == "nofonts":
        if not can_hide_fonts():
            raise Skip("cannot hide the system fonts here (unshare -m needs root)")
        env["__NOFONTS"] = "1"
    elif op == "env":
        name, _, value = rest.partition("=")
        if value:
            env[name] = value.replace("{ws}", ws)
        else:
            env.pop(name, None)
    elif op == "nest":
        data = read(path)
        key, n = parts[1], int(parts[2])
        brace = data.index(b"{")
        inject = b'"' + key.encode() + b'": ' + b"[" * n + b"]" * n + b", "
        write(path, data[:brace + 1] + inject + data[brace + 1:])
    else:
        raise ValueError("unknown action '%s'" % op)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show = "--show" in sys.argv
    if not args:
        print(__doc__)
        return 2
    exe, only = os.path.abspath(args[0]), args[1:]
    env = dict(os.environ)
    env.setdefault("SDL_VIDEODRIVER", "offscreen")
    env["PAINMAP_LOG"] = "warn"
    passed = failed = skipped = known = 0
    with open(os.path.join(HERE, "cases.tsv"), encoding="utf-8") as f:
        lines = [ln.rstrip("\n") for ln in f]
    for lineno, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 5:
            print("FAIL: cases.tsv:%d: expected 5 tab-separated columns, got %d" % (lineno,
                                                                                    len(cols)))
            failed += 1
            continue
        name, want_code, want_msg, setup, command = cols
        if only and not any(name.startswith(p) for p in only):
            continue
        ws = tempfile.mkdtemp(prefix="painmap-broken-")
        try:
            make_workspace(ws)
            sub = {"{ws}": ws, "{assets}": os.path.join(ws, "assets"),
                   "{out}": os.path.join(ws, "out.png")}
            case_env = dict(env)
            for action in [a.strip() for a in setup.split(";") if a.strip() and a != "-"]:
                apply(ws, action, case_env)
            argv = [exe]
            if case_env.pop("__NOFONTS", None):
                argv = ["unshare", "-m", "sh", "-c", NOFONTS, "sh", exe]
            for a in command.split(" "):
                for k, v in sub.items():
                    a = a.replace(k, v)
                argv.append(os.fsdecode(unescape(a)))
            msg = want_msg
            for k, v in sub.items():
                msg = msg.replace(k, v)
            try:
                p = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, env=case_env, timeout=120, cwd=ws)
                code, out = p.returncode, p.stdout.decode("utf-8", "replace")
            except subprocess.TimeoutExpired:
                code, out = -999, "(timed out after 120 s)"
            if show:
                print("%-32s exit %d: %s" % (name, code, "\n    ".join(
                    out.replace(ws, "{ws}").splitlines()[:4])[:600]))
            problems = []
            xfail = want_code.startswith("xfail:")
            if xfail:
                want_code = want_code[len("xfail:"):]
            if code != int(want_code):
                problems.append("exit %d, expected %s" % (code, want_code))
            if msg not in out:
                problems.append("output lacks '%s'" % msg.replace(ws, "{ws}"))
            for bad in ("AddressSanitizer", "runtime error:", "LeakSanitizer"):
                if bad in out:
                    problems.append("sanitizer report (%s)" % bad)
            if xfail and problems:
                known += 1
                print("known bug: %s (cases.tsv:%d): %s" % (name, lineno, "; ".join(problems)))
            elif xfail:
                failed += 1
                print("FAIL: %s (cases.tsv:%d): passes now; remove its xfail mark" % (name,
                                                                                   lineno))
            elif problems:
                failed += 1
                print("FAIL: %s (cases.tsv:%d): %s" % (name, lineno, "; ".join(problems)))
                for ln in out.replace(ws, "{ws}").splitlines()[:8]:
                    print("    " + ln[:300])
            else:
                passed += 1
        except Skip as e:
            skipped += 1
            print("skip: %s (%s)" % (name, e))
        except Exception as e:  # a broken case line is a failure too
            failed += 1
            print("FAIL: %s (cases.tsv:%d): %s" % (name, lineno, e))
        finally:
            for root, dirs, _ in os.walk(ws):  # chmod cases: make everything removable again
                for d in dirs:
                    try:
                        os.chmod(os.path.join(root, d), 0o700)
                    except OSError:
                        pass
            shutil.rmtree(ws, ignore_errors=True)
    extra = ""
    if known:
        extra += ", %d known bugs (xfail)" % known
    if skipped:
        extra += ", %d skipped" % skipped
    print("%d passed, %d failed%s" % (passed, failed, extra))
    return 1 if failed or passed + known == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
