#!/usr/bin/env python3
"""Runs Go's own test programs (GOROOT/test, read from the installed
golang-1.19-src, never copied here) through gol.

Two kinds, as Go's test/run.go classifies them by the comment that opens each
file:
  run         `// run` programs: gol must exit 0 and print (stdout and stderr
              together) exactly the program's .out file, or nothing without one.
  errorcheck  `// errorcheck` programs: gol must reject them with a compile
              error (exit 1, `file:line:col: message`), not run or crash.
              Those run with `-0` are left out: they are valid programs that
              test gc's optimiser diagnostics.

Every program that gol does not get right yet is named, with a reason, in an
expectation file (`<kind>.fail`). The run fails if a program fails that is not
listed, or if a listed program passes: the list can only shrink. `--update`
rewrites the list from the current results: reasons are what gol said, except
hand-written ones, which start with "note:" (for example programs that rely on
Go 1.19's loop variables, which gol deliberately replaces with Go 1.22's).
"""
import argparse
import concurrent.futures
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

DIRS = ("", "fixedbugs", "typeparam")
HERE = os.path.dirname(os.path.abspath(__file__))


def find_goroot_test():
    env = os.environ.get("GOROOT")
    candidates = [os.path.join(env, "test")] if env else []
    candidates += sorted(glob.glob("/usr/share/go-1.*/test"),
                         key=lambda p: [int(x) for x in re.findall(r"\d+", p)],
                         reverse=True)
    candidates.append("/usr/lib/go/test")
    for c in candidates:
        if os.path.isdir(c):
            return c
    sys.exit("gotest: Go's test directory not found; install golang-1.19-src")


# Build tags true for the platform gol targets; everything else is false,
# as `go build` evaluates constraints for linux/amd64 with the gc toolchain.
def tag_true(tag):
    if tag in ("linux", "amd64", "unix", "gc", "cgo"):
        return True
    m = re.fullmatch(r"go1\.(\d+)", tag)
    return bool(m) and int(m.group(1)) <= 19


def constraint_holds(line):
    if line.startswith("//go:build "):
        expr = line[len("//go:build "):]
        py = re.sub(r"[A-Za-z0-9_.]+", lambda m: str(tag_true(m.group(0))), expr)
        py = py.replace("&&", " and ").replace("||", " or ").replace("!", " not ")
        try:
            return bool(eval(py, {"__builtins__": {}}))
        except SyntaxError:
            return True
    if line.startswith("// +build "):
        # Space-separated alternatives of comma-separated conjunctions.
        def term(t):
            return not tag_true(t[1:]) if t.startswith("!") else tag_true(t)
        return any(all(term(t) for t in alt.split(","))
                   for alt in line[len("// +build "):].split())
    return True


def classify(path):
    """Returns (action, args) as run.go reads the recipe, or None if skipped."""
    with open(path, encoding="utf-8", errors="replace") as f:
        src = f.read()
    recipe, sep, _ = src.partition("\n\n")
    if not sep:
        return None
    first, nl, rest = recipe.partition("\n")
    if nl and "+build" in first:
        recipe = rest
    header = src.partition("\npackage")[0]
    if not all(constraint_holds(l) for l in header.split("\n")):
        return None
    words = recipe.removeprefix("//").split()
    if not words:
        return None
    return words[0], words[1:]


def select(test_dir, kind):
    progs = []
    for d in DIRS:
        for path in sorted(glob.glob(os.path.join(test_dir, d, "*.go"))):
            c = classify(path)
            # `errorcheck -0` programs are valid Go whose "errors" are gc's
            # optimiser diagnostics (-d=ssa/..., -m): nothing for gol to reject.
            if c and c[0] == kind and not (kind == "errorcheck" and "-0" in c[1]):
                progs.append((os.path.relpath(path, test_dir), c[1]))
    return progs


def first_line(text):
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def reason_from_stderr(text, name):
    line = first_line(text)
    # Drop the position so the same cause reads the same in every file.
    line = re.sub(r"^\S*" + re.escape(name) + r":\d+(:\d+)?: ", "", line)
    line = re.sub(r" \(gol supports: [^)]*\)", "", line)
    return line[:160]


def run_one(gol, test_dir, rel, args, kind, timeout):
    """Returns None on success, else a one-line reason."""
    src = os.path.join(test_dir, rel)
    name = os.path.basename(rel)
    with tempfile.TemporaryDirectory(prefix="gotest-") as tmp:
        shutil.copy(src, os.path.join(tmp, name))
        prog_args = [a for a in args if not a.startswith("-")] if kind == "run" else []
        try:
            p = subprocess.run([gol, "run", name] + prog_args, cwd=tmp,
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=timeout)
        except subprocess.TimeoutExpired:
            return f"hangs: no exit within {timeout} s"
    # One pipe for both streams keeps their interleaving, as Go's runner
    # compares combined output.
    err = p.stdout.decode("utf-8", "replace")
    if p.returncode < 0:
        return f"crash: signal {-p.returncode}"
    if p.returncode not in (0, 1, 2):
        return f"crash: exit code {p.returncode}: {reason_from_stderr(err, name)}"
    if kind == "errorcheck":
        if p.returncode == 1 and re.match(r"^\S+:\d+:\d+: ", first_line(err)):
            return None
        if p.returncode == 0:
            return "accepted: gol compiles and runs a program gc rejects"
        return f"not rejected at compile time: {reason_from_stderr(err, name)}"
    if p.returncode == 1:
        return f"compile: {reason_from_stderr(err, name)}"
    if p.returncode == 2:
        return f"run time: {reason_from_stderr(err, name)}"
    want_path = os.path.splitext(src)[0] + ".out"
    want = open(want_path, "rb").read() if os.path.exists(want_path) else b""
    if p.stdout != want:
        return "wrong output"
    return None


def read_expectations(path):
    expected = {}
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                prog, _, reason = line.partition(" ")
                expected[prog] = reason.strip()
    return expected


def write_expectations(path, kind, failures):
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"# Go test programs ({kind}) gol does not get right yet, one per line:\n"
                "# PROGRAM REASON. tests/gotest/gotest.py fails when a listed program\n"
                "# passes, so this list only shrinks. Rewrite with --update.\n")
        for prog in sorted(failures):
            f.write(f"{prog} {failures[prog]}\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gol", required=True)
    ap.add_argument("--kind", choices=("run", "errorcheck"), required=True)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--timeout", type=int, default=20)
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--only", help="regular expression selecting programs")
    opts = ap.parse_args()

    gol = os.path.abspath(opts.gol)
    test_dir = find_goroot_test()
    progs = select(test_dir, opts.kind)
    if opts.only:
        progs = [p for p in progs if re.search(opts.only, p[0])]
    exp_path = os.path.join(HERE, opts.kind + ".fail")
    expected = read_expectations(exp_path)

    with concurrent.futures.ThreadPoolExecutor(opts.jobs) as pool:
        futs = {rel: pool.submit(run_one, gol, test_dir, rel, args, opts.kind, opts.timeout)
                for rel, args in progs}
        results = {rel: f.result() for rel, f in futs.items()}

    failures = {rel: why for rel, why in results.items() if why}
    if opts.update:
        # A partial run (--only) keeps what it did not look at.
        kept = {rel: why for rel, why in expected.items()
                if opts.only and rel not in results}
        # Hand-written reasons ("note: ...") outlive an update while the
        # program still fails.
        failures = {rel: expected[rel] if expected.get(rel, "").startswith("note:") else why
                    for rel, why in failures.items()}
        write_expectations(exp_path, opts.kind, {**kept, **failures})

    bad = 0
    for rel in sorted(results):
        why = results[rel]
        if why and rel not in expected and not opts.update:
            print(f"FAIL {rel}: {why}")
            bad += 1
        elif not why and rel in expected and not opts.update:
            print(f"FIXED {rel}: passes now; remove it from tests/gotest/{opts.kind}.fail")
            bad += 1

    by_dir = {}
    for rel, why in results.items():
        d = os.path.dirname(rel) or "test"
        tot = by_dir.setdefault(d, [0, 0])
        tot[0] += why is None
        tot[1] += 1
    for d, (ok, n) in sorted(by_dir.items()):
        print(f"{opts.kind} {d}: {ok}/{n} pass ({100.0 * ok / n:.1f} %)")
    print(f"gotest-{opts.kind}: {len(results) - bad} passed, {bad} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
