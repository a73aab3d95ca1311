#!/usr/bin/env bash
# Renders a `dicomleak report --html` page in headless Chromium and saves a screenshot.
#
#   scripts/render_report.sh REPORT.html OUT.png [WIDTH,HEIGHT]
#
# The page is self-contained; Chromium is started with background networking, component
# updates, sync and QUIC off, and every host name mapped to nothing, so that a render can
# neither fetch nor leak anything. Chromium's log is written to OUT.png.log; the script
# fails if the page logged any console message (the test suite checks the same).
#
# Needs the Debian package `chromium`; installed with apt-get when missing and run as root.
set -euo pipefail

if [ $# -lt 2 ]; then
    echo "usage: $0 REPORT.html OUT.png [WIDTH,HEIGHT]" >&2
    exit 2
fi
html=$1
png=$2
size=${3:-1280,2000}

if [ ! -f "$html" ]; then
    echo "$0: no such file: $html" >&2
    exit 2
fi

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get install -y chromium >&2
        browser=$(command -v chromium)
    else
        echo "$0: chromium is not installed (Debian: apt-get install -y chromium)" >&2
        exit 2
    fi
fi

abs_html=$(cd "$(dirname "$html")" && pwd)/$(basename "$html")
abs_png=$(cd "$(dirname "$png")" && pwd)/$(basename "$png")
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --disable-default-apps --disable-extensions \
    --host-resolver-rules="MAP * ~NOTFOUND" \
    --user-data-dir="$profile" \
    --enable-logging=stderr --v=0 \
    --hide-scrollbars --window-size="$size" \
    --screenshot="$abs_png" "file://$abs_html" 2>"$abs_png.log" >/dev/null

if [ ! -s "$abs_png" ]; then
    echo "$0: chromium wrote no screenshot; see $abs_png.log" >&2
    exit 1
fi
# Every console message (console.*, uncaught errors, failed loads) is logged with
# ":CONSOLE"; the page has no script, so any is a fault.
if grep -E ":CONSOLE|Uncaught" "$abs_png.log" >&2; then
    echo "$0: the page logged console errors (above)" >&2
    exit 1
fi
echo "$abs_png"
