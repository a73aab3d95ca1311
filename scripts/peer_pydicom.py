#!/usr/bin/env python3
"""A peer for scripts/bench.sh: reads every file's header with pydicom.

Walks the DIRs (os.scandir, file types from readdir) in the parent process and hands
paths in chunks to a multiprocessing pool of N processes; each does
`dcmread(path, stop_before_pixels=True, force=True)` and reports whether it raised.

    peer_pydicom.py DIR... [--processes N]

Prints one line: `files=N ok=K errors=E seconds=S files_per_s=R threads=N`.
"""

import argparse
import os
import sys
import time
from multiprocessing import Pool


def walk(roots):
    stack = list(roots)
    while stack:
        d = stack.pop()
        try:
            with os.scandir(d) as it:
                for e in it:
                    if e.is_dir(follow_symlinks=False):
                        stack.append(e.path)
                    elif e.is_file(follow_symlinks=False):
                        yield e.path
        except OSError:
            continue


def read_one(path):
    from pydicom import dcmread

    try:
        dcmread(path, stop_before_pixels=True, force=True)
        return True
    except Exception:  # any failure is a counted error, as for the other tools
        return False


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dirs", nargs="+")
    ap.add_argument("--processes", type=int, default=8)
    args = ap.parse_args()
    try:
        import pydicom  # noqa: F401
    except ImportError:
        sys.exit("pydicom is not installed (pip install pydicom)")
    start = time.perf_counter()
    files = ok = 0
    with Pool(args.processes) as pool:
        for good in pool.imap_unordered(read_one, walk(args.dirs), chunksize=64):
            files += 1
            ok += good
    secs = time.perf_counter() - start
    print(
        f"files={files} ok={ok} errors={files - ok} seconds={secs:.3f} "
        f"files_per_s={files / max(secs, 1e-9):.0f} threads={args.processes}"
    )


if __name__ == "__main__":
    main()
