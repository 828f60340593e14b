#!/usr/bin/env python3
"""The compile-time benchmark: gol's start-up on generated programs beside
`go build` of the same file.

  bench/compiletime/run.py [--gol build/gol] [--only REGEX] [--timeout S]
                           [--no-go] [--scaling]

For every program gen.py writes (or those whose name matches --only), prints
one row:
  O0, O2     gol run cold (GOLCACHE=off) at -O0 and -O2: wall time until the
             program's first output line (every program prints one first
             thing in main) and the whole run's CPU time (user + system,
             which a loaded machine inflates less than wall time), then the
             phases gol reports with -timings
             (front end = parse + check, codegen = IR generation, opt = the O2
             pipeline, isel = instruction selection to an object, link = JITLink)
  warm       gol run -O2 with the object cache filled by an earlier run
  rss        peak RSS of the cold -O2 run, in MB
  go         go build of the same file (the std packages' cache warm):
             wall and CPU time
--scaling also prints, for each family with several sizes, the exponent k
of cold -O2 CPU time ~ size^k between consecutive sizes (1.0 = linear; the
issue's bound, at most 2.5x the time per doubling, is k <= 1.32). Programs whose output differs from Go's are flagged.
"""
import argparse
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen  # noqa: E402

PHASES = ["parse", "check", "codegen", "opt", "isel", "link"]


def run_timed(cmd, env, timeout):
    """Runs cmd; returns (seconds to first stdout line, total seconds,
    peak RSS in MB, stdout, stderr, exit code, CPU seconds) or None on a
    timeout."""
    start = time.monotonic()
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = None
    out = b""
    try:
        import selectors
        sel = selectors.DefaultSelector()
        sel.register(p.stdout, selectors.EVENT_READ)
        sel.register(p.stderr, selectors.EVENT_READ)
        err = b""
        open_streams = 2
        while open_streams:
            left = timeout - (time.monotonic() - start)
            if left <= 0:
                raise subprocess.TimeoutExpired(cmd, timeout)
            for key, _ in sel.select(left):
                chunk = os.read(key.fileobj.fileno(), 65536)
                if not chunk:
                    sel.unregister(key.fileobj)
                    open_streams -= 1
                elif key.fileobj is p.stdout:
                    if first is None and b"\n" in chunk:
                        first = time.monotonic() - start
                    out += chunk
                else:
                    err += chunk
        _, status, usage = os.wait4(p.pid, 0)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        return None
    total = time.monotonic() - start
    return (first if first is not None else total, total, usage.ru_maxrss / 1024.0, out.decode(), err.decode(),
            os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime)


def phases(stderr):
    m = re.search(r"^gol timings \(ms\):(.*)$", stderr, re.M)
    if not m:
        return {}
    return {k: float(v) for k, v in re.findall(r"(\w+) ([\d.]+)", m.group(1))}


def fmt_s(x):
    return "timeout" if x is None else "-" if x == "" else ("%.3f" % x)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gol", default=os.path.join(HERE, "..", "..", "build", "gol"))
    ap.add_argument("--only", default="")
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--no-go", action="store_true")
    ap.add_argument("--scaling", action="store_true")
    args = ap.parse_args()
    gol = os.path.abspath(args.gol)
    work = tempfile.mkdtemp(prefix="golct")
    cache = os.path.join(work, "cache")
    os.makedirs(cache)
    base_env = dict(os.environ, GO111MODULE="off", GOFLAGS="")
    cold_env = dict(base_env, GOLCACHE="off")
    warm_env = dict(base_env, GOLCACHE=cache)
    hello = os.path.join(work, "hello.go")
    with open(hello, "w") as f:
        f.write('package main\nimport "fmt"\nfunc main() { fmt.Println() }\n')
    # an older gol without -timings still gets its times measured
    timings = ["-timings"] if subprocess.run([gol, "run", "-timings", hello], env=cold_env,
                                            capture_output=True).returncode == 0 else []
    if not args.no_go:  # warm go's std cache
        subprocess.run(["go", "build", "-o", os.path.join(work, "hello"), hello], env=base_env, check=True)
    hdr = "%-16s %6s | %8s %7s | %8s %7s %6s | %s | %7s | %8s %7s" % (
        "program", "lines", "O0 first", "O0 cpu", "O2 first", "O2 cpu", "rss MB",
        " ".join("%6s" % p for p in PHASES), "warm", "go build", "go cpu")
    print(hdr)
    print("-" * len(hdr))
    o2 = {}
    for name, (fn, sizes) in gen.PROGRAMS.items():
        for size in sizes:
            label = "%s_%d" % (name, size)
            if args.only and not re.search(args.only, label):
                continue
            path = gen.write(work, name, size)
            lines = sum(1 for _ in open(path))
            r0 = run_timed([gol, "run", "-O0", path], cold_env, args.timeout)
            r2 = run_timed([gol, "run"] + timings + [path], cold_env, args.timeout)
            warm = None
            if r2 is not None:
                run_timed([gol, "run", path], warm_env, args.timeout)
                w = run_timed([gol, "run", path], warm_env, args.timeout)
                warm = w[0] if w else None
            gob = gocpu = ""
            flag = ""
            if not args.no_go:
                exe = os.path.join(work, label)
                g = run_timed(["go", "build", "-o", exe, path], base_env, 600)
                gob, gocpu = g[1], g[6]
                want = subprocess.run([exe], capture_output=True, text=True).stdout
                for r in (r0, r2):
                    if r is not None and r[3] != want:
                        flag = "  OUTPUT DIFFERS"
                os.remove(exe)
            ph = phases(r2[4]) if r2 else {}
            o2[(name, size)] = r2[6] if r2 else None
            print("%-16s %6d | %8s %7s | %8s %7s %6s | %s | %7s | %8s %7s%s" % (
                label, lines, fmt_s(r0 and r0[0]), fmt_s(r0 and r0[6]), fmt_s(r2 and r2[0]),
                fmt_s(r2 and r2[6]), "%.0f" % r2[2] if r2 else "-",
                " ".join("%6.0f" % ph[p] if p in ph else "%6s" % "-" for p in PHASES),
                fmt_s(warm), fmt_s(gob), fmt_s(gocpu), flag), flush=True)
    if args.scaling:
        print("\nscaling exponent k of cold -O2 CPU time ~ size^k (target k <= 1.32):")
        for name, (_, sizes) in gen.PROGRAMS.items():
            for a, b in zip(sizes, sizes[1:]):
                ta, tb = o2.get((name, a)), o2.get((name, b))
                if ta and tb:
                    print("  %-10s %6d -> %6d: %.2f" % (name, a, b, math.log(tb / ta) / math.log(b / a)))
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
