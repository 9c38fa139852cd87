#!/usr/bin/env bash
# Check by hand that a report prints: headless Chromium turns the HTML into a
# PDF, offline, and pdftoppm turns its first pages into pictures to look at.
#   tests/check/print-html.sh grille-rapport.html [OUTDIR]
# Needs Debian's chromium and poppler-utils (not installed by .ci/install-deps:
# this is a check for people, not a test).
set -euo pipefail
html=$(realpath "$1")
out=${2:-$(mktemp -d)}
mkdir -p "$out"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# Flags that keep Chromium off the network: the report must need nothing from it.
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--user-data-dir="$profile" --no-pdf-header-footer \
	--print-to-pdf="$out/rapport.pdf" "file://$html" 2>/dev/null
test -s "$out/rapport.pdf"
pdftoppm -png -r 60 -f 1 -l 4 "$out/rapport.pdf" "$out/page"
pages=$(pdfinfo "$out/rapport.pdf" | sed -n 's/^Pages: *//p')
echo "$out/rapport.pdf: $pages pages; first pages as $out/page-*.png"
