#!/usr/bin/env bash
# Where a scan spends its work, per file, in CPU instructions (callgrind): reading the
# header, the file's facts and pseudonyms, scoring and its parts, and writing each Parquet
# file. Instruction counts do not depend on the machine's load, so two builds can be
# compared on a shared machine where timings cannot.
#
#   scripts/profile_scan.sh [DIR] [FILES]
#
# DIR: the files to scan (default: the first folder of the benchmark corpus,
# bench-data/small/00/00, made by scripts/bench.sh); FILES: how many of them (default 280,
# about a minute under callgrind). Scans them twice with one reader thread, scored and with
# --no-score, and prints instructions per file by stage. Needs valgrind and python3.
set -euo pipefail

cd "$(dirname "$0")/.."
dir=${1:-bench-data/small/00/00}
count=${2:-280}
command -v valgrind >/dev/null || { echo "profile_scan.sh: needs valgrind (apt-get install valgrind)" >&2; exit 2; }
[ -d "$dir" ] || { echo "profile_scan.sh: no folder $dir (scripts/bench.sh makes the corpus)" >&2; exit 2; }

cargo build --release --bin dicomleak --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/in"
mapfile -t files < <(find "$dir" -type f | sort)
for f in "${files[@]:0:$count}"; do
    cp "$f" "$work/in/"
done
n=$(find "$work/in" -type f | wc -l)
head -c 32 /dev/urandom >"$work/key"

for mode in scored no-score; do
    flags=()
    [ "$mode" = no-score ] && flags=(--no-score)
    valgrind --tool=callgrind --callgrind-out-file="$work/$mode.out" \
        target/release/dicomleak scan "$work/in" -o "$work/out-$mode" --quiet --threads 1 \
        --key-file "$work/key" "${flags[@]}" 2>/dev/null
    callgrind_annotate --inclusive=yes "$work/$mode.out" >"$work/$mode.txt" 2>/dev/null
done

python3 - "$work" "$n" <<'PY'
import re, sys
from pathlib import Path

work, n = Path(sys.argv[1]), int(sys.argv[2])
STAGES = [
    ("whole run", "PROGRAM TOTALS"),
    ("read the header (parse)", "dicomleak::reader::parse::read_prefix"),
    ("  of which inflate (deflated files)", "zlib_rs::inflate::inflate"),
    ("facts and pseudonyms", "dicomleak::facts::FileFacts::from_header"),
    ("scoring (phi::assess)", "dicomleak::phi::assess_at"),
    ("  findings made (shape, value key)", "dicomleak::phi::Analyzer::finding"),
    ("  free-text search", "dicomleak::phi::Analyzer::scan_text"),
    ("  placeholder/pseudonym tests (remembered)", "dicomleak::phi::memo::classify"),
    ("Parquet: findings rows", "dicomleak::output::findings::FindingsWriter::write_batch"),
    ("Parquet: files rows", "dicomleak::output::parquet::FilesWriter::write_batch"),
    ("Parquet: pages left at close (both)", "dicomleak::output::parquet::TableWriter::finish"),
    ("HMAC-SHA256 pseudonyms (all callers)", "dicomleak::keys::Keyer::hmac"),
]

def counts(text):
    out = {}
    for line in text.splitlines():
        m = re.match(r"\s*([\d,]+)\s+\([^)]*\)\s+(?:\*\s+)?(.*)$", line)
        if not m:
            continue
        value = int(m.group(1).replace(",", ""))
        rest = m.group(2)
        for _, sym in STAGES:
            if sym in rest and (sym == "PROGRAM TOTALS" or f":{sym} " in rest or rest.endswith(sym)):
                out[sym] = max(out.get(sym, 0), value)
    return out

scored = counts((work / "scored.txt").read_text())
plain = counts((work / "no-score.txt").read_text())
print(f"instructions per file, {n} files, one reader thread (callgrind)\n")
print("| stage | scored | --no-score | difference |")
print("|---|---:|---:|---:|")
for name, sym in STAGES:
    a, b = scored.get(sym, 0) / n, plain.get(sym, 0) / n
    print(f"| {name} | {a:,.0f} | {b:,.0f} | {a - b:,.0f} |")
print("\nStart-up and the dictionary's first use are in the whole run; rows are encoded in "
      "batches of 8,192, so with few files most of it happens at close.")
PY
