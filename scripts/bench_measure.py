#!/usr/bin/env python3
"""The measuring half of scripts/bench.sh: runs each tool on the corpus, warm and cold,
and writes the tables (Markdown) to bench-data/results.md and standard output.

Each run is one child process started from here and reaped with os.wait4, which gives:
- wall time (this process's clock around the child: startup and output writing included);
- peak RSS: ru_maxrss of the child, the number `/usr/bin/time -v` prints as "Maximum
  resident set size" (it comes from the same wait4 call; for a process tree it is the
  largest single process, not the sum);
- bytes read: /proc/self/io of this process before and after, since a reaped child's I/O
  counts are added to its parent's: `rchar` (bytes returned by read-like calls, cache or
  not) and `read_bytes` (bytes the block layer fetched from the disk, readahead included).

Warm: each command once to warm up, then `--repeat` times; the median is reported. Cold:
`sync; echo 3 > /proc/sys/vm/drop_caches` before each of `--repeat` runs (root only).

Run by bench.sh; not meant to be run alone, but can be:
    bench_measure.py --data bench-data --dicomleak target/release/dicomleak --floor target/floor
"""

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# ---------------------------------------------------------------------------------------
# Running one command


def proc_io():
    out = {}
    with open("/proc/self/io") as f:
        for line in f:
            k, v = line.split(":")
            out[k.strip()] = int(v)
    return out


def cpu_pressure():
    """Share of the last 5 minutes in which some runnable task waited for a CPU (PSI)."""
    try:
        with open("/proc/pressure/cpu") as f:
            return float(re.search(r"avg300=([\d.]+)", f.readline()).group(1))
    except (OSError, AttributeError, ValueError):
        return None


def drop_caches():
    os.sync()
    with open("/proc/sys/vm/drop_caches", "w") as f:
        f.write("3\n")


def can_drop_caches():
    try:
        drop_caches()
        return True
    except OSError:
        return False


TIME = shutil.which("time", path="/usr/bin:/bin")


def run_once(cmd, cold):
    """Runs `cmd`; returns wall seconds, peak RSS, bytes read, exit status, stdout.

    The child runs under GNU time (`-f %M`: the "Maximum resident set size" of `time -v`),
    not straight from here: Linux keeps the peak RSS of the process image that exec
    replaced, and a child forked from this Python process would report Python's own size.
    """
    if cold:
        drop_caches()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".time") as tfile:
        full = [TIME, "-f", "%M %U %S", "-o", tfile.name, *cmd] if TIME else list(cmd)
        before = proc_io()
        t0 = time.perf_counter()
        p = subprocess.Popen(full, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        after = proc_io()
        rc = os.waitstatus_to_exitcode(status)
        p.returncode = rc
        rss = usage.ru_maxrss
        cpu = usage.ru_utime + usage.ru_stime
        if TIME:
            lines = tfile.read().strip().splitlines()
            m = re.search(r"terminated by signal (\d+)", " ".join(lines))
            if m:
                rc = -int(m.group(1))
            try:
                m_rss, user, system = lines[-1].split()
                rss, cpu = int(m_rss), float(user) + float(system)
            except (IndexError, ValueError):
                pass
        out.seek(0)
        err.seek(0)
        return {
            "seconds": wall,
            "rss_kib": rss,
            "cpu_seconds": cpu,
            "rchar": after["rchar"] - before["rchar"],
            "read_bytes": after["read_bytes"] - before["read_bytes"],
            "rc": rc,
            "stdout": out.read().decode(errors="replace"),
            "stderr": err.read().decode(errors="replace")[-2000:],
        }


def parse_kv(text):
    """key=value pairs of the last line that has them (floor and the peer programs)."""
    for line in reversed(text.strip().splitlines()):
        pairs = dict(re.findall(r"(\w+)=(\S+)", line))
        if pairs:
            return pairs
    return {}


# ---------------------------------------------------------------------------------------
# Tools: each returns the command and how to count the files it did


class Tool:
    def __init__(self, name, threads, cmd, count=None, out_dir=None, note="", roots=()):
        self.name = name
        self.roots = [str(r) for r in roots]  # the paths in `cmd` that name the set
        self.threads = threads
        self.cmd = cmd
        self.count = count  # function(result) -> files, or None: the set's size
        self.out_dir = out_dir  # dicomleak: where run.json is
        self.note = note


def floor_tool(floor, root, threads, mode="read"):
    flag = {"read": [], "mmap": ["--mmap"], "mmap-all": ["--mmap-all"]}[mode]
    return Tool(
        f"floor ({mode})",
        threads,
        [floor, "--threads", str(threads), *flag, *root],
        count=lambda r: int(parse_kv(r["stdout"]).get("files", 0)),
        roots=root,
    )


def dicomleak_tool(exe, roots, out, threads=None, score=True):
    cmd = [exe, "scan", *roots, "-o", str(out), "--quiet", "--overwrite"]
    name = "dicomleak scan"
    if threads is not None:
        cmd += ["--threads", str(threads)]
        name += f" --threads {threads}"
    if not score:
        cmd += ["--no-score"]
        name += " --no-score"
    return Tool(
        name,
        threads or 8,
        cmd,
        count=lambda r: run_json(out).get("files", 0),
        out_dir=out,
        note="" if threads is not None else "default settings",
        roots=roots,
    )


def run_json(out):
    try:
        return json.loads((Path(out) / "run.json").read_text())
    except (OSError, ValueError):
        return {}


# ---------------------------------------------------------------------------------------
# Measuring


class Bench:
    def __init__(self, args):
        self.args = args
        self.rows = []  # one per measurement
        self.problems = []
        self.baselines = {}
        self.log = open(Path(args.data) / "bench-log.txt", "a", buffering=1)

    def say(self, msg):
        print(msg, file=sys.stderr, flush=True)
        self.log.write(msg + "\n")

    def measure(self, tool, set_name, set_files, cache, warmup=True, keep=True):
        """Runs `tool` per the cache mode; returns the row (median run)."""
        repeat = self.args.repeat
        runs = []
        if cache == "warm" and warmup:
            self.say(f"  warm-up: {tool.name} on {set_name}")
            first = run_once(tool.cmd, cold=False)
            self.check(tool, first, set_name, set_files)
        for i in range(repeat):
            r = run_once(tool.cmd, cold=(cache == "cold"))
            r["files"] = tool.count(r) if tool.count else set_files
            runs.append(r)
            self.check(tool, r, set_name, set_files)
        runs.sort(key=lambda r: r["seconds"])
        med = runs[len(runs) // 2]
        files = med["files"] or set_files
        threads = tool.threads
        if tool.out_dir:
            threads = run_json(tool.out_dir).get("threads", threads)  # what dicomleak used
        base = self.baseline(tool, cache)
        row = {
            "tool": tool.name,
            "set": set_name,
            "files": files,
            "threads": threads,
            "cache": cache,
            "seconds": med["seconds"],
            "files_per_s": files / med["seconds"] if med["seconds"] > 0 else 0,
            "rss_mib": med["rss_kib"] / 1024,
            "cpu_us_per_file": max(med["cpu_seconds"] - base["cpu_seconds"], 0) / max(files, 1) * 1e6,
            "rchar_per_file": max(med["rchar"] - base["rchar"], 0) / max(files, 1),
            "read_bytes_per_file": max(med["read_bytes"] - base["read_bytes"], 0) / max(files, 1),
            "rc": med["rc"],
            "runs": [round(r["seconds"], 3) for r in runs],
            "note": tool.note,
        }
        self.say(
            f"  {cache:4} {tool.name:32} {set_name:10} {files:>8} files "
            f"{row['files_per_s']:>9.0f}/s  {row['rss_mib']:7.1f} MiB  {row['cpu_us_per_file']:6.1f} µs CPU/file  "
            f"rc={med['rc']}  runs={row['runs']}"
        )
        if keep:
            self.rows.append(row)
        return row

    def baseline(self, tool, cache):
        """What the tool reads when given an empty folder (its program, libraries, Python
        modules...), so that bytes per file count only the files. Once per tool and cache."""
        empty = Path(self.args.data) / "empty"
        empty.mkdir(exist_ok=True)
        out = str(tool.out_dir) if tool.out_dir else None
        # The empty run writes elsewhere, so the measured run's output stays to be looked at.
        cmd = [str(empty) if c in tool.roots else (out + "-empty" if c == out else c) for c in tool.cmd]
        key = (tuple(cmd), cache)
        if key not in self.baselines:
            self.baselines[key] = run_once(cmd, cold=(cache == "cold"))
        return self.baselines[key]

    def check(self, tool, r, set_name, set_files):
        """Records anything wrong with a run: a crash, a count that is off, and for
        dicomleak: run.json and files.parquet against what the corpus holds."""
        if r["rc"] < 0:
            self.problem(f"{tool.name} on {set_name}: killed by signal {-r['rc']}: {r['stderr'][-300:]}")
        elif r["rc"] != 0 and not tool.name.startswith(("dcmdump",)):
            self.problem(f"{tool.name} on {set_name}: exit code {r['rc']}: {r['stderr'][-300:]}")
        if tool.count:
            got = tool.count(r)
            if got != set_files:
                self.problem(f"{tool.name} on {set_name}: counted {got} files, the set has {set_files}")
        if tool.out_dir is None:
            return
        rec = run_json(tool.out_dir)
        expected = self.expected_status.get(set_name)
        if expected and rec.get("by_status"):
            got = {k: v for k, v in rec["by_status"].items() if v}
            if got != expected:
                self.problem(f"{tool.name} on {set_name}: statuses {got}, expected {expected}")
        if rec.get("duplicate_instances"):
            self.problem(
                f"{tool.name} on {set_name}: {rec['duplicate_instances']} duplicate instances reported "
                "(every generated file has its own SOP Instance UID, except DICOMDIR which has none)"
            )
        rows = parquet_rows(Path(tool.out_dir) / "files.parquet")
        if rows is not None and rows != set_files:
            self.problem(f"{tool.name} on {set_name}: files.parquet has {rows} rows, the set has {set_files}")

    def problem(self, text):
        if text not in self.problems:
            self.problems.append(text)
            self.say("  PROBLEM: " + text)


def parquet_rows(path):
    try:
        import pyarrow.parquet as pq
    except ImportError:
        return None
    try:
        return pq.ParquetFile(path).metadata.num_rows
    except Exception as e:  # a file pyarrow cannot read is worth seeing
        return f"unreadable ({e})"


# ---------------------------------------------------------------------------------------
# Byte accounting with strace (a cross-check of rchar, and read calls per file)


def strace_reads(cmd, under, workdir):
    """Runs `cmd` under strace (one log per thread: a reader thread opens, reads and closes
    each of its files, so no call is split across logs); for files whose path contains
    `under`, returns (files, bytes read, read calls, other calls on them)."""
    if not shutil.which("strace"):
        return None
    prefix = Path(workdir) / "strace"
    subprocess.run(
        ["strace", "-ff", "-qq", "-e", "trace=openat,read,pread64,lseek,fstat,statx,close,mmap",
         "-o", str(prefix), *cmd],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
    )
    files = reads = nbytes = other = 0
    pat_open = re.compile(r'^openat\(AT_FDCWD, "([^"]*)".*\) = (\d+)$')
    pat_call = re.compile(r"^(\w+)\((\d+)[,)].*\) = (-?\d+)")
    for log in Path(workdir).glob("strace.*"):
        open_fds = set()
        for line in log.read_text(errors="replace").splitlines():
            m = pat_open.match(line)
            if m:
                if under in m.group(1):
                    open_fds.add(m.group(2))
                    files += 1
                continue
            m = pat_call.match(line)
            if not m or m.group(2) not in open_fds:
                continue
            call, fd, ret = m.group(1), m.group(2), int(m.group(3))
            if call in ("read", "pread64"):
                reads += 1
                nbytes += max(ret, 0)
            elif call == "close":
                open_fds.discard(fd)
            else:
                other += 1
        log.unlink()
    return files, nbytes, reads, other


def strace_summary(cmd, workdir):
    """Syscall counts (strace -c -f) of `cmd`: {name: calls}."""
    if not shutil.which("strace"):
        return None
    log = Path(workdir) / "strace-c.txt"
    subprocess.run(["strace", "-f", "-c", "-o", str(log), *cmd],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    counts = {}
    for line in log.read_text().splitlines():
        parts = line.split()
        if len(parts) >= 5 and parts[0][0].isdigit() and parts[-1] not in ("total",):
            try:
                counts[parts[-1]] = int(parts[3])
            except ValueError:
                continue
    log.unlink()
    return counts


# ---------------------------------------------------------------------------------------
# Tables


def fmt_table(rows, ratio_of):
    head = ["tool", "set", "files", "threads", "cache", "files/s", "ratio to floor", "peak RSS MiB",
            "CPU µs/file", "KiB read/file", "KiB from disk/file"]
    out = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] * len(head)) + "|"]
    for r in rows:
        ratio = ratio_of(r)
        name = r["tool"] + (f" ({r['note']})" if r.get("note") else "")
        disk = f"{r['read_bytes_per_file'] / 1024:.1f}" if r["cache"] == "cold" else "-"
        out.append("| " + " | ".join([
            name, r["set"], f"{r['files']:,}", str(r["threads"]), r["cache"],
            f"{r['files_per_s']:,.0f}", "-" if ratio is None else f"{ratio:.2f}",
            f"{r['rss_mib']:.1f}", f"{r['cpu_us_per_file']:.1f}",
            f"{r['rchar_per_file'] / 1024:.1f}", disk,
        ]) + " |")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--dicomleak", required=True)
    ap.add_argument("--floor", required=True)
    ap.add_argument("--dicom-object", default="")
    ap.add_argument("--revision", default="", help="which dicomleak was measured (for the report)")
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--sweep", default="2 8 16")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--cold", choices=["auto", "yes", "no"], default="auto")
    ap.add_argument("--rss-1m", action="store_true")
    ap.add_argument("--skip", default="", help="comma-separated parts to skip: small,peers,large,strace")
    args = ap.parse_args()

    data = Path(args.data).resolve()
    stamps = {n: json.loads((data / f"{n}.json").read_text())
              for n in ("small", "peers", "large", "extra") if (data / f"{n}.json").exists()}
    sets = {n: str(data / n) for n in stamps}
    sizes = {n: stamps[n]["files"] for n in stamps}
    bench = Bench(args)
    bench.expected_status = {n: s["expected_status"] for n, s in stamps.items() if "expected_status" in s}
    if "large" in stamps:
        bench.expected_status["large"] = {"ok": sizes["large"]}
        for kind, info in stamps["large"]["per_template"].items():
            bench.expected_status[f"large/{kind}"] = {"ok": info["files"]}
    if "small" in stamps and "extra" in stamps:
        both = dict(stamps["small"]["expected_status"])
        for k, v in stamps["extra"]["expected_status"].items():
            both[k] = both.get(k, 0) + v
        bench.expected_status["small+extra"] = both
    skip = set(filter(None, args.skip.split(",")))
    T = args.threads
    sweep = [int(x) for x in args.sweep.split()]
    cold_ok = args.cold != "no" and os.geteuid() == 0 and can_drop_caches()
    if args.cold == "yes" and not cold_ok:
        sys.exit("cold runs asked for, but the page cache cannot be dropped (not root?)")
    caches = ["warm", "cold"] if cold_ok else ["warm"]
    outs = data / "out"
    outs.mkdir(exist_ok=True)
    key = outs / "bench.key"
    if not key.exists():
        key.write_bytes(os.urandom(32))
        key.chmod(0o600)
    fl, dl = args.floor, args.dicomleak

    def leak(roots, name, threads=None, score=True):
        t = dicomleak_tool(dl, roots, outs / name, threads, score)
        t.cmd += ["--key-file", str(key)]
        return t

    started = time.time()
    load_before = os.getloadavg()
    psi_before = cpu_pressure()
    bench.say(f"bench: {time.strftime('%Y-%m-%d %H:%M:%S')} sets {sizes} caches {caches}")

    # -- Small files: floor and dicomleak, thread sweep --------------------------------
    if "small" in sets and "small" not in skip:
        bench.say("small files")
        for cache in caches:
            for t in sweep:
                bench.measure(floor_tool(fl, [sets["small"]], t), "small", sizes["small"], cache)
            bench.measure(floor_tool(fl, [sets["small"]], T, "mmap"), "small", sizes["small"], cache)
            bench.measure(floor_tool(fl, [sets["small"]], T, "mmap-all"), "small", sizes["small"], cache)
            bench.measure(leak([sets["small"]], "small"), "small", sizes["small"], cache)
            bench.measure(leak([sets["small"]], "small-noscore", score=False), "small", sizes["small"], cache)
            for t in sweep:
                if t != T:
                    bench.measure(leak([sets["small"]], f"small-t{t}", t), "small", sizes["small"], cache)

    # -- Peers on the peer subset -------------------------------------------------------
    peer_notes = []
    if "peers" in sets and "peers" not in skip:
        bench.say("peers")
        p = sets["peers"]
        peer_tools = [floor_tool(fl, [p], T), leak([p], "peers")]
        if args.dicom_object:
            t = Tool("dicom-object (read_until PIXEL_DATA)", T, [args.dicom_object, p, "--threads", str(T)],
                     count=lambda r: int(parse_kv(r["stdout"]).get("files", 0)), roots=[p])
            peer_tools.append(t)
        else:
            peer_notes.append("dicom-object: not built")
        if subprocess.run([sys.executable, "-c", "import pydicom"], capture_output=True).returncode == 0:
            import pydicom
            peer_tools.append(Tool(
                f"pydicom {pydicom.__version__} (stop_before_pixels)", T,
                [sys.executable, str(Path(__file__).parent / "peer_pydicom.py"), p, "--processes", str(T)],
                count=lambda r: int(parse_kv(r["stdout"]).get("files", 0)),
                note=f"{T} processes", roots=[p],
            ))
        else:
            peer_notes.append("pydicom: not installed")
        if shutil.which("dcmdump"):
            peer_tools.append(Tool("dcmdump +sb 7fe0,0010", 1,
                                   ["dcmdump", "+sd", "+r", "-q", "+sb", "7fe0,0010", p], roots=[p]))
        else:
            peer_notes.append("dcmdump (dcmtk): not installed")
        if shutil.which("gdcmscanner"):
            peer_tools.append(Tool("gdcmscanner -t 0010,0010", 1,
                                   ["gdcmscanner", "-d", p, "-r", "-t", "0010,0010"], roots=[p]))
        else:
            peer_notes.append("gdcmscanner (libgdcm-tools): not installed")
        for cache in caches:
            for tool in peer_tools:
                bench.measure(tool, "peers", sizes["peers"], cache)
        # gdcmscanner on the full mix (with the truncated sample): does it survive?
        if shutil.which("gdcmscanner") and "small" in sets:
            first = sorted(Path(sets["small"]).iterdir())[0]
            first = sorted(first.iterdir())[0]
            r = run_once(["gdcmscanner", "-d", str(first), "-r", "-t", "0010,0010"], cold=False)
            if r["rc"] != 0:
                how = f"killed by signal {-r['rc']}" if r["rc"] < 0 else f"exit code {r['rc']}"
                last = (r["stderr"].strip().splitlines() or [""])[-1][:200]
                peer_notes.append(
                    f"gdcmscanner on {first.relative_to(data)} (1,000 files of the full mix, with the "
                    f"truncated sample) stops the whole scan: {how}, `{last}`; this is why the peer "
                    "subset leaves the truncated sample out")

    # -- Large files --------------------------------------------------------------------
    large_bytes = []
    if "large" in sets and "large" not in skip:
        bench.say("large files")
        L = sets["large"]
        for cache in caches:
            bench.measure(floor_tool(fl, [L], T), "large", sizes["large"], cache)
            bench.measure(floor_tool(fl, [L], T, "mmap"), "large", sizes["large"], cache)
            bench.measure(leak([L], "large"), "large", sizes["large"], cache)
        per = stamps["large"]["per_template"]
        for kind, info in per.items():
            d = str(Path(L) / kind)
            n = info["files"]
            row = {"kind": kind, "files": n, "header": info["header_bytes"],
                   "rounded": info["header_rounded_16k"], "file_bytes": info["file_bytes"]}
            for cache in caches:
                r = bench.measure(leak([d], f"large-{kind}"), f"large/{kind}", n, cache, keep=False)
                row[f"rchar_{cache}"] = r["rchar_per_file"]
                row[f"disk_{cache}"] = r["read_bytes_per_file"]
                if cache == "cold":
                    rf = bench.measure(floor_tool(fl, [d], T, "mmap"), f"large/{kind}", n, cache, keep=False)
                    row["mmap_disk_cold"] = rf["read_bytes_per_file"]
                    rf = bench.measure(floor_tool(fl, [d], T), f"large/{kind}", n, cache, keep=False)
                    row["floor_disk_cold"] = rf["read_bytes_per_file"]
            if "strace" not in skip:
                with tempfile.TemporaryDirectory() as tmp:
                    listing = Path(tmp) / "list.txt"
                    files = sorted(str(x) for x in (Path(d) / "00").iterdir())[:200]
                    listing.write_text("\n".join(files) + "\n")
                    cmd = [dl, "scan", "--files-from", str(listing), "-o", str(outs / "strace"),
                           "--quiet", "--overwrite", "--key-file", str(key)]
                    s = strace_reads(cmd, f"/large/{kind}/", tmp)
                    if s:
                        row["strace"] = s
            large_bytes.append(row)

    # -- Syscalls per file (small files) -----------------------------------------------
    syscalls = {}
    if "small" in sets and "strace" not in skip and shutil.which("strace"):
        first = sorted(sorted(Path(sets["small"]).iterdir())[0].iterdir())[0]
        with tempfile.TemporaryDirectory() as tmp:
            syscalls["floor (read)"] = strace_summary([fl, "--threads", str(T), str(first)], tmp)
            syscalls["floor (mmap)"] = strace_summary([fl, "--threads", str(T), "--mmap", str(first)], tmp)
            syscalls["dicomleak scan"] = strace_summary(
                [dl, "scan", str(first), "-o", str(outs / "strace"), "--quiet", "--overwrite",
                 "--key-file", str(key)], tmp)
        syscalls = {k: v for k, v in syscalls.items() if v}

    # -- One million files: peak RSS ---------------------------------------------------
    rss_1m = None
    if args.rss_1m and "extra" in sets:
        bench.say("1M files")
        n = sizes["small"] + sizes["extra"]
        rss_1m = bench.measure(leak([sets["small"], sets["extra"]], "million"), "small+extra", n, "warm",
                               warmup=False, keep=False)

    # -- Tables -------------------------------------------------------------------------
    finished = time.time()
    load_after = os.getloadavg()
    psi_after = cpu_pressure()

    def best_floor(set_name, cache):
        c = [r["files_per_s"] for r in bench.rows
             if r["set"] == set_name and r["cache"] == cache and r["tool"] == "floor (read)"]
        return max(c) if c else None

    def floor_at(set_name, cache, threads):
        c = [r["files_per_s"] for r in bench.rows if r["set"] == set_name and r["cache"] == cache
             and r["tool"] == "floor (read)" and r["threads"] == threads]
        return c[0] if c else None

    def ratio(r):
        f = best_floor(r["set"], r["cache"])
        return r["files_per_s"] / f if f else None

    lines = []
    w = lines.append
    w(f"# dicomleak scan benchmark ({time.strftime('%Y-%m-%d %H:%M', time.localtime(started))})\n")
    if args.revision:
        w(f"dicomleak: {args.revision}.\n")
    w(f"Machine: {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
      f"load average {load_before[0]:.1f} at start and {load_after[0]:.1f} at the end "
      f"(a shared machine: other jobs run beside the benchmark)"
      + (f"; CPU pressure (some, 5 min) {psi_before:.0f}% at start and {psi_after:.0f}% at the end"
         if psi_before is not None and psi_after is not None else "")
      + ". "
      f"Run took {(finished - started) / 60:.1f} min; {args.repeat} measured run(s) per row "
      f"(median), warm rows after one warm-up run. Cold runs: "
      f"{'page cache dropped before each run' if cold_ok else 'skipped (not root, or drop_caches not writable)'}.\n")
    w("Ratio to floor: files/s divided by the best `floor (read)` files/s measured on the same set "
      "with the same cache state (over the thread counts measured). CPU µs/file: user + system "
      "time of the process and its children per file, less what the tool spends on an empty "
      "folder (start-up); on 2 cores a tool cannot go faster than 2 s / CPU time per file, "
      "whatever the disk, and this number moves less than files/s when the machine is shared. "
      "KiB read/file: bytes returned by read calls; KiB from disk/file: bytes the block layer "
      "read (cold runs only; readahead included), both less the empty-folder run.\n")
    for title, set_names in (("Small files", ["small"]), ("Peers (subset)", ["peers"]), ("Large files", ["large"])):
        rows = [r for r in bench.rows if r["set"] in set_names]
        if not rows:
            continue
        desc = stamps[set_names[0]]
        w(f"## {title}\n")
        if set_names[0] in ("small", "peers"):
            w(f"{desc['files']:,} files, {desc['bytes'] / desc['files'] / 1024:.1f} KiB each on average, "
              f"{desc['folders']} folders, from {len(desc['per_template'])} sample files.\n")
        else:
            w(f"{desc['files']:,} files of about 4 MB ({'sparse: pixel data is a hole' if desc['sparse'] else 'dense'}).\n")
        w(fmt_table(rows, ratio) + "\n")
    if peer_notes:
        w("Peers: " + "; ".join(peer_notes) + ".\n")

    # Targets
    w("## Targets\n")
    d_warm = [r for r in bench.rows if r["set"] == "small" and r["cache"] == "warm"
              and r["tool"] == "dicomleak scan"]
    if d_warm and floor_at("small", "warm", T):
        f = floor_at("small", "warm", T)
        v = d_warm[0]["files_per_s"] / f
        w(f"- small files, warm: dicomleak (default) {d_warm[0]['files_per_s']:,.0f}/s = {v:.0%} of floor "
          f"(read, {T} threads) {f:,.0f}/s; target 70%: {'met' if v >= 0.7 else 'NOT MET'}"
          f" (vs the best floor over {sweep}: {d_warm[0]['files_per_s'] / best_floor('small', 'warm'):.0%})")
    d_cold = [r for r in bench.rows if r["set"] == "small" and r["cache"] == "cold"
              and r["tool"] == "dicomleak scan"]
    if d_cold and best_floor("small", "cold"):
        f = best_floor("small", "cold")
        v = d_cold[0]["files_per_s"] / f
        w(f"- small files, cold: dicomleak (default) {d_cold[0]['files_per_s']:,.0f}/s = {v:.0%} of the "
          f"best floor (read) over {sweep} threads, {f:,.0f}/s; target 85%: {'met' if v >= 0.85 else 'NOT MET'}")
    for cache in ("warm", "cold"):
        scored = [r for r in bench.rows if r["set"] == "small" and r["cache"] == cache
                  and r["tool"] == "dicomleak scan"]
        plain = [r for r in bench.rows if r["set"] == "small" and r["cache"] == cache
                 and r["tool"] == "dicomleak scan --no-score"]
        if scored and plain and plain[0]["files_per_s"]:
            v = scored[0]["files_per_s"] / plain[0]["files_per_s"]
            cost = scored[0]["cpu_us_per_file"] - plain[0]["cpu_us_per_file"]
            w(f"- scoring, small files, {cache}: {scored[0]['files_per_s']:,.0f}/s with, "
              f"{plain[0]['files_per_s']:,.0f}/s without (--no-score) = {v:.0%}; scoring costs "
              f"{cost:.1f} CPU µs/file; target 85%: {'met' if v >= 0.85 else 'NOT MET'}")
        if plain and cache == "warm" and floor_at("small", "warm", T):
            f = floor_at("small", "warm", T)
            w(f"- small files, warm, without scoring: {plain[0]['files_per_s']:,.0f}/s = "
              f"{plain[0]['files_per_s'] / f:.0%} of floor (read, {T} threads)")
    if rss_1m:
        w(f"- peak RSS, {rss_1m['files']:,} files: {rss_1m['rss_mib']:.1f} MiB "
          f"({rss_1m['files_per_s']:,.0f} files/s warm); target below 256 MiB: "
          f"{'met' if rss_1m['rss_mib'] < 256 else 'NOT MET'}")
    else:
        w("- peak RSS at 1,000,000 files: not measured in this run (BENCH_RSS_1M=1)")
    w("")

    if large_bytes:
        w("## Bytes read per large file\n")
        w("`read` = bytes returned by read calls per file (rchar; strace on 200 files where shown); "
          "`disk` = bytes fetched from the disk per file on a cold cache (read_bytes: readahead "
          "included; zero for holes of sparse files).\n")
        head = ["template", "files", "header bytes", "header rounded up to 16 KiB",
                "dicomleak read/file", "strace: read bytes/file, read calls/file, other calls/file",
                "dicomleak disk/file (cold)", "floor read disk/file (cold)", "floor mmap disk/file (cold)"]
        w("| " + " | ".join(head) + " |")
        w("|" + "|".join(["---"] * len(head)) + "|")
        for b in large_bytes:
            st = b.get("strace")
            st_txt = "-" if not st or not st[0] else f"{st[1] / st[0]:,.0f} B, {st[2] / st[0]:.1f}, {st[3] / st[0]:.1f}"
            kib = lambda v: "-" if v is None else f"{v / 1024:,.1f} KiB"
            w("| " + " | ".join([
                b["kind"], f"{b['files']:,}", f"{b['header']:,}", f"{b['rounded']:,}",
                f"{b['rchar_warm']:,.0f} B", st_txt,
                kib(b.get("disk_cold")), kib(b.get("floor_disk_cold")), kib(b.get("mmap_disk_cold")),
            ]) + " |")
        w("")
    if syscalls:
        w("## System calls per file (strace -f -c, 1,000 small files)\n")
        names = sorted({k for v in syscalls.values() for k in v
                        if any(v2.get(k, 0) >= 200 for v2 in syscalls.values())})
        w("| tool | " + " | ".join(names) + " |")
        w("|---|" + "|".join(["---"] * len(names)) + "|")
        for tool, counts in syscalls.items():
            w(f"| {tool} | " + " | ".join(f"{counts.get(n, 0) / 1000:.2f}" for n in names) + " |")
        w("")
    if bench.problems:
        w("## Problems seen\n")
        for p in bench.problems:
            w(f"- {p}")
        w("")
    else:
        w("No problems seen: every dicomleak run wrote one row per file, statuses matched the "
          "corpus, no crash.\n")

    text = "\n".join(lines)
    (data / "results.md").write_text(text)
    (data / "results.json").write_text(json.dumps({"rows": bench.rows, "large": large_bytes,
                                                   "syscalls": syscalls, "problems": bench.problems,
                                                   "rss_1m": rss_1m}, indent=1, default=str))
    print(text)


if __name__ == "__main__":
    main()
