#!/usr/bin/env bash
# Writes the synthetic test set (tests/common/synth.rs): sample_data/ carriers with planted
# identifiers, one file per case, and a truth table to grade a scorer's recall and
# false-positive rate against.
#
#   scripts/make_synthetic.sh [OUT]
#
# OUT defaults to bench-data/synthetic (git-ignored). It receives OUT/files/ (names without
# extension) and OUT/truth.csv (one row per file; planted values are counted, never written).
# The set is deterministic: the same bytes on every run. An OUT/files/ holding files that are
# not in the set is refused; remove it first.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/bench-data/synthetic}
case $out in
  /*) ;;
  *) out=$PWD/$out ;;
esac

cd "$root"
DICOMLEAK_SYNTH_OUT=$out cargo test --release --test synthetic_set -- \
  --ignored --exact export_synthetic_set

count=$(find "$out/files" -type f | wc -l)
echo "synthetic set: $count files in $out/files, truth in $out/truth.csv"
