#!/usr/bin/env bash
# Check by hand that LibreOffice opens the OpenDocument report: it converts
# the .fodt to PDF headless, which it only does for a document it could read.
#   tests/check/convert-odt.sh grille-rapport.fodt [OUTDIR]
# Needs Debian's libreoffice-writer (large, so not installed by .ci/install-deps).
set -euo pipefail
fodt=$(realpath "$1")
out=${2:-$(mktemp -d)}
mkdir -p "$out"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
libreoffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" "$fodt" >/dev/null
pdf="$out/$(basename "${fodt%.*}").pdf"
test -s "$pdf"
echo "$pdf: $(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages: *//p') pages"
