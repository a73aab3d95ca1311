#!/usr/bin/env bash
# Times `dicomleak report` on a synthetic 1,000,000-row scan output and prints the wall
# time and peak resident memory (GNU time's "Maximum resident set size").
#
#   scripts/bench_report.sh [DIR]
#
# The scan output is written once into DIR (default target/tmp/report-bench/out) by the
# ignored test `generate_million_row_scan` in tests/cli_report.rs (200,000 patients, 5
# files each, keyless files joined by study, cross-record-number people joined by person
# key), then reported on three times (the first run warms the page cache).
set -euo pipefail

cd "$(dirname "$0")/.."
dir=${1:-target/tmp/report-bench/out}
mkdir -p "$(dirname "$dir")"
dir=$(cd "$(dirname "$dir")" && pwd)/$(basename "$dir")

cargo build --release --quiet
if [ ! -f "$dir/files.parquet" ]; then
    DICOMLEAK_BENCH_DIR="$dir" cargo test --release --quiet --test cli_report \
        -- --ignored generate_million_row_scan >&2
fi
rows=$(du -h "$dir/files.parquet" | cut -f1)
echo "input: $dir/files.parquet ($rows)"

time_bin=/usr/bin/time
if [ ! -x "$time_bin" ]; then
    echo "$0: GNU time not found at $time_bin (Debian: apt-get install time)" >&2
    exit 2
fi
for run in 1 2 3; do
    log=$(mktemp)
    "$time_bin" -v target/release/dicomleak report "$dir" --json "$dir/../report.json" \
        --html "$dir/../report.html" --quiet 2>"$log"
    wall=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}')
    rss=$(grep "Maximum resident set size" "$log" | awk '{print $NF}')
    echo "run $run: wall $wall, peak RSS $((rss / 1024)) MiB"
    rm -f "$log"
done
