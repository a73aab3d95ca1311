#!/usr/bin/env bash
# The scan benchmark: dicomleak against the floor (open + read 16 KiB + close) and against
# peer tools, warm and cold, on a generated corpus. Writes bench-data/results.md (and
# results.json, bench-log.txt) and prints the tables. See docs/benchmarks.md.
#
#   scripts/bench.sh [--regen] [--install-peers] [--no-cold]
#
#   --regen          make the corpus again even if bench-data/ holds one of the right size
#   --install-peers  (root) apt-get install dcmtk libgdcm-tools strace time, pip install pydicom
#                    pyarrow, then run; without it, peers that are missing are listed as
#                    "not installed"
#   --no-cold        warm runs only (cold runs need root to drop the page cache)
#
# Environment (defaults in brackets):
#   BENCH_SMALL [200000]   small files (copies of sample_data/ with new UIDs)
#   BENCH_LARGE [2000]     large files (~4 MB: a real header, native pixel data)
#   BENCH_LARGE_DENSE [0]  1: write the large files' pixel data (default: sparse files)
#   BENCH_PEER_FILES [20000] files in the subset the (slow) peer tools read
#   BENCH_THREADS [8]      threads of the floor and the peers (dicomleak's default run: its own, 8 on 2 cores)
#   BENCH_SWEEP ["2 8 16"] thread counts for the floor and dicomleak --threads
#   BENCH_REPEAT [1]       measured runs per row (the median is reported)
#   BENCH_RSS_1M [0]       1: also make files up to 1,000,000 and report dicomleak's peak RSS
#   BENCH_SKIP []          parts to skip, comma-separated: small,peers,large,strace
#   BENCH_REV []           build dicomleak (and the dicom-object peer) from this git revision
#                          (git archive into bench-data/build/), not from the work tree: for
#                          numbers tied to a commit while the work tree is being edited
#
# Needs python3 and cargo; the peers are optional. Generated data goes to bench-data/
# (git-ignored).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
DATA="$ROOT/bench-data"

SMALL=${BENCH_SMALL:-200000}
LARGE=${BENCH_LARGE:-2000}
LARGE_DENSE=${BENCH_LARGE_DENSE:-0}
PEER_FILES=${BENCH_PEER_FILES:-20000}
THREADS=${BENCH_THREADS:-8}
SWEEP=${BENCH_SWEEP:-2 8 16}
REPEAT=${BENCH_REPEAT:-1}
RSS_1M=${BENCH_RSS_1M:-0}
SKIP=${BENCH_SKIP:-}

regen=0
install=0
cold=auto
for arg in "$@"; do
    case "$arg" in
    --regen) regen=1 ;;
    --install-peers) install=1 ;;
    --no-cold) cold=no ;;
    -h | --help)
        sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *)
        echo "unknown argument: $arg (see --help)" >&2
        exit 2
        ;;
    esac
done

say() { echo "bench: $*" >&2; }

if [ "$install" = 1 ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "--install-peers needs root" >&2
        exit 2
    fi
    say "installing peers"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dcmtk libgdcm-tools strace time >/dev/null
    pip install -q pydicom pyarrow
fi

# GNU time gives each tool's peak RSS (see bench_measure.py); install it when we can.
if [ ! -x /usr/bin/time ]; then
    if [ "$(id -u)" = 0 ]; then
        say "installing GNU time (apt-get install time)"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null) ||
            say "could not install GNU time: peak RSS will include the Python driver's size"
    else
        say "no /usr/bin/time: peak RSS will include the Python driver's size (apt-get install time)"
    fi
fi

mkdir -p "$DATA"

# make_set NAME KIND STAMP-TEXT ARGS...: makes bench-data/NAME unless its stamp says it is
# already there with the same parameters.
make_set() {
    local name=$1 kind=$2 want=$3
    shift 3
    local dir="$DATA/$name" stamp="$DATA/$name.stamp"
    if [ "$regen" = 0 ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f "$DATA/$name.json" ]; then
        say "corpus $name: present ($want)"
        return
    fi
    say "corpus $name: making ($want)"
    rm -rf "$dir" "$stamp" "$DATA/$name.json"
    python3 scripts/make_bench_corpus.py "$kind" "$dir" --stamp "$DATA/$name.json" "$@" >/dev/null
    echo "$want" >"$stamp"
    say "corpus $name: $(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["files"], "files in", d["seconds"], "s")' "$DATA/$name.json")"
}

# The generator's version: a change to it makes every set again.
GEN=$(python3 -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest()[:12])' scripts/make_bench_corpus.py)

# 1. The corpus.
make_set small small "gen=$GEN files=$SMALL" --count "$SMALL"
# The peers' subset: gdcmscanner aborts on the truncated sample (and the whole scan with
# it), so this subset leaves that one sample out; numbered far from the others.
make_set peers small "gen=$GEN files=$PEER_FILES" --count "$PEER_FILES" --start 50000000 \
    --exclude trunc_mid_patient_name_MR_small.dcm
dense_flag=()
[ "$LARGE_DENSE" = 1 ] && dense_flag=(--dense)
make_set large large "gen=$GEN files=$LARGE dense=$LARGE_DENSE" --count "$LARGE" "${dense_flag[@]}"
if [ "$RSS_1M" = 1 ]; then
    # The files from SMALL up to 1,000,000, in a second root scanned with the first.
    extra=$((1000000 - SMALL))
    start=$(((SMALL + 999) / 1000 * 1000))
    if [ "$extra" -gt 0 ]; then
        make_set extra small "gen=$GEN from=$start files=$extra" --count "$extra" --start "$start"
    fi
fi

# 2. dicomleak, and 3. the floor (plain rustc, std only), and the dicom-object peer (a
# harness=false bench target declared at the end of Cargo.toml, built, then run directly).
SRC="$ROOT"
REVISION="work tree at $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
git diff --quiet HEAD -- src Cargo.toml Cargo.lock 2>/dev/null || REVISION="$REVISION, with uncommitted changes in src/ or Cargo.*"
TARGET=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
if [ -n "${BENCH_REV:-}" ]; then
    rev=$(git rev-parse --short "$BENCH_REV")
    SRC="$DATA/build/src-$rev"
    REVISION="commit $rev"
    say "building revision $rev in $SRC"
    rm -rf "$SRC"
    mkdir -p "$SRC"
    git archive "$rev" | tar -x -C "$SRC"
    if ! grep -q '^name = "peer_dicom_object"' "$SRC/Cargo.toml"; then
        mkdir -p "$SRC/scripts"
        cp scripts/peer_dicom_object.rs "$SRC/scripts/"
        printf '\n[[bench]]\nname = "peer_dicom_object"\npath = "scripts/peer_dicom_object.rs"\nharness = false\n' >>"$SRC/Cargo.toml"
    fi
    if [ ! -d "$DATA/build/target/release" ] && [ -d "$TARGET/release" ]; then
        # Seed with the work tree's compiled dependencies: only dicomleak itself rebuilds.
        mkdir -p "$DATA/build/target"
        cp -a "$TARGET/release" "$DATA/build/target/"
    fi
    TARGET="$DATA/build/target"
    export CARGO_TARGET_DIR="$TARGET"
fi
say "cargo build --release ($SRC)"
(cd "$SRC" && cargo build --release --quiet)
DICOMLEAK="$TARGET/release/dicomleak"

say "rustc -O scripts/floor.rs"
mkdir -p "$TARGET"
rustc -O --edition 2021 scripts/floor.rs -o "$TARGET/floor"

DICOM_OBJECT=""
if grep -q '^name = "peer_dicom_object"' "$SRC/Cargo.toml"; then
    say "cargo bench --no-run --bench peer_dicom_object"
    DICOM_OBJECT=$( (cd "$SRC" && cargo bench --no-run --bench peer_dicom_object --message-format=json 2>/dev/null) |
        python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "peer_dicom_object" and m.get("executable"):
        print(m["executable"])' || true)
    [ -n "$DICOM_OBJECT" ] || say "dicom-object peer did not build: left out"
fi

# 4-8. Measure, print, write bench-data/results.md.
rss=()
[ "$RSS_1M" = 1 ] && rss=(--rss-1m)
python3 scripts/bench_measure.py --data "$DATA" --dicomleak "$DICOMLEAK" --revision "$REVISION" --floor "$TARGET/floor" \
    --dicom-object "$DICOM_OBJECT" --threads "$THREADS" --sweep "$SWEEP" --repeat "$REPEAT" \
    --cold "$cold" --skip "$SKIP" "${rss[@]}"
say "wrote $DATA/results.md"
