#!/usr/bin/env bash
# Runs the header reader benchmark (benches/reader.rs): our reader against dicom-object on
# every file of sample_data/.
#
#   scripts/bench-reader.sh [run]           run, then print the table (ours, dicom-object, ratio)
#   scripts/bench-reader.sh save [NAME]     run and save the results as baseline NAME (default main)
#   scripts/bench-reader.sh compare [NAME]  run against baseline NAME (default main), print
#                                           criterion's change lines, exit 1 if any of our
#                                           reader's benchmarks regressed
#   scripts/bench-reader.sh table           print the table of the last run without running
#   scripts/bench-reader.sh instructions [FILTER]
#                                           count instructions per read of each reader with
#                                           callgrind (needs valgrind): unlike times, the
#                                           counts do not move with the machine's load
#
# Extra arguments (after NAME for save and compare) go to criterion, e.g. a filter:
# `scripts/bench-reader.sh compare main CT_small`. Needs cargo and python3.
set -euo pipefail

cd "$(dirname "$0")/.."

usage() {
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
    exit "$1"
}

# Where cargo puts target/, honouring CARGO_TARGET_DIR and workspace settings.
target_dir() {
    cargo metadata --format-version 1 --no-deps |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])'
}

# The table of the last run, from criterion's JSON: for each benchmark group `reader/<file>`,
# the typical time (the estimate criterion prints: slope, else mean) of each reader.
# Python that both tables use: rows of strings under a header, in aligned columns.
ALIGN_PY='
def print_aligned(header, rows):
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    line = lambda r: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
    print(line(header))
    print(line(tuple("-" * w for w in widths)))
    for r in rows:
        print(line(r))
'

print_table() {
    python3 -c "$ALIGN_PY$(
        cat <<'PY'
import json, sys
from pathlib import Path

root = Path(sys.argv[1])
groups = {}
for bench in root.glob("*/*/new/benchmark.json"):
    meta = json.loads(bench.read_text())
    group = meta.get("group_id", "")
    if not group.startswith("reader/"):
        continue
    est = json.loads((bench.parent / "estimates.json").read_text())
    typical = (est.get("slope") or est["mean"])["point_estimate"]
    entry = groups.setdefault(group[len("reader/"):], {})
    entry[meta.get("function_id")] = typical
    entry["bytes"] = (meta.get("throughput") or {}).get("Bytes")

if not groups:
    sys.exit(f"no reader benchmark results under {root}; run scripts/bench-reader.sh first")

def fmt(ns):
    if ns is None:
        return "-"
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"

rows = sorted(groups.items(), key=lambda kv: (kv[0] == "all-samples", kv[0]))
# `dicomleak-checked` (deflated files only): our reader also inflating the stream to its end,
# as a scan does to tell a cut file.
header = ("benchmark", "header bytes", "ours", "dicom-object", "speed-up", "ours, file checked", "speed-up")
table = []
for name, e in rows:
    ours, theirs, checked = e.get("dicomleak"), e.get("dicom-object"), e.get("dicomleak-checked")
    ratio = lambda a: f"{theirs / a:.1f}x" if a and theirs else "-"
    table.append((name, str(e.get("bytes") or "-"), fmt(ours), fmt(theirs), ratio(ours),
                  fmt(checked), ratio(checked)))
print_aligned(header, table)
PY
    )" "$(target_dir)/criterion"
}

mode="${1:-run}"
case "$mode" in
run)
    shift || true
    cargo bench --bench reader -- "$@"
    print_table
    ;;
save)
    name="${2:-main}"
    shift $(($# < 2 ? $# : 2))
    cargo bench --bench reader -- --save-baseline "$name" "$@"
    print_table
    ;;
compare)
    name="${2:-main}"
    shift $(($# < 2 ? $# : 2))
    log="$(mktemp)"
    trap 'rm -f "$log"' EXIT
    echo "running benches/reader.rs against baseline '$name' (about a minute)..." >&2
    if ! cargo bench --bench reader -- --baseline "$name" "$@" >"$log" 2>&1; then
        tail -n 20 "$log" >&2
        echo "cargo bench failed; is there a baseline '$name'? (scripts/bench-reader.sh save $name)" >&2
        exit 2
    fi
    # Each result starts with its id (`reader/<file>/<reader>`) at the start of a line; the
    # change block and its verdict follow, indented.
    python3 - "$log" <<'PY'
import re, sys

current, regressed = None, []
for raw in open(sys.argv[1], encoding="utf-8", errors="replace"):
    line = raw.rstrip("\n")
    m = re.match(r"(reader/\S+)", line)
    if m:
        current = m.group(1)
        continue
    text = line.strip()
    if current is None or not text:
        continue
    if text.startswith("time:") and "%" in text:
        print(f"{current:<60} change {text[len('time:'):].strip()}")
    elif text.startswith(("Performance has", "No change in performance", "Change within noise")):
        print(f"{current:<60} {text}")
        if text.startswith("Performance has regressed") and current.endswith("/dicomleak"):
            regressed.append(current)
if regressed:
    print(f"\nregressed ({len(regressed)}): " + ", ".join(regressed))
    sys.exit(1)
print("\nno regression in our reader's benchmarks")
PY
    ;;
table)
    print_table
    ;;
instructions)
    filter="${2:-}"
    command -v valgrind >/dev/null || {
        echo "valgrind not found (apt-get install valgrind)" >&2
        exit 2
    }
    bin="$(cargo bench --bench reader --no-run --message-format=json 2>/dev/null |
        python3 -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "reader":
        print(m["executable"])')"
    [ -x "$bin" ] || {
        echo "could not build benches/reader.rs" >&2
        exit 2
    }
    out="$(mktemp -d)"
    trap 'rm -rf "$out"' EXIT
    names="$(ls sample_data | grep -v -e '^README.md$' -e '^manifest.csv$' | grep -e "$filter" || true)"
    for name in $names; do
        for who in dicomleak dicom-object; do
            fn=read_ours
            [ "$who" = dicom-object ] && fn=read_theirs
            # --profile-time runs the benchmark's routine without analysis; only calls of
            # the routine itself are counted.
            valgrind --tool=callgrind --callgrind-out-file="$out/$name.$who" \
                --toggle-collect="reader::$fn" "$bin" --bench --profile-time 1 \
                "^reader/$name/$who\$" >/dev/null 2>&1 || true
        done
    done
    python3 -c "$ALIGN_PY$(
        cat <<'PY'
import re, sys
from pathlib import Path

def per_call(path, fn):
    """Instructions per call of `fn` in a callgrind file (collection toggled on it)."""
    if not path.exists():
        return None
    names, calls, current, total = {}, 0, None, None
    for line in path.read_text().splitlines():
        m = re.match(r"(c?fn)=\((\d+)\)(?: (.*))?", line)
        if m:
            kind, ident, name = m.groups()
            if name:
                names[ident] = name
            if kind == "cfn":
                current = names.get(ident, "")
            continue
        if line.startswith("calls=") and current and current.endswith(fn):
            calls += int(line.split("=")[1].split()[0])
        elif line.startswith(("summary:", "totals:")) and total is None:
            total = int(line.split()[1])
    return total / calls if calls and total else None

out = Path(sys.argv[1])
header = ("file", "ours (instr.)", "dicom-object (instr.)", "ratio")
rows = []
for name in sys.argv[2:]:
    ours = per_call(out / f"{name}.dicomleak", "reader::read_ours")
    theirs = per_call(out / f"{name}.dicom-object", "reader::read_theirs")
    ratio = f"{theirs / ours:.1f}x" if ours and theirs else "-"
    fmt = lambda v: f"{v:,.0f}" if v else "-"
    rows.append((name, fmt(ours), fmt(theirs), ratio))
print_aligned(header, rows)
PY
    )" "$out" $names
    ;;
-h | --help | help)
    usage 0
    ;;
*)
    usage 2
    ;;
esac
