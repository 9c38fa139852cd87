#!/usr/bin/env bash
# Check by hand that LibreOffice opens the OpenDocument report and that it
# prints well: LibreOffice converts the .fodt to PDF headless (which it only
# does for a document it could read), then tests/check/pdf_check.py checks
# the PDF as a person would (page count, no near-empty page, the progress
# chart's caption on the page of its table, no table header broken inside a
# word) and keeps every page as a PNG to look at.
#   tests/check/convert-odt.sh grille-rapport.fodt [OUTDIR] [PAGES]
# PAGES is the page count's range, "MIN-MAX" (default 4-30). The words
# checked are the French report's; REPORT_LANGUAGE=en checks an English
# workspace's report.
# Needs Debian's libreoffice-writer (7.4 or later: it draws the embedded
# SVG) and poppler-utils; neither is installed by .ci/install-deps.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
fodt=$(realpath "$1")
out=${2:-$(mktemp -d)}
pages=${3:-4-30}
mkdir -p "$out"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
start=$(date +%s)
libreoffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" "$fodt" >/dev/null
pdf="$out/$(basename "${fodt%.*}").pdf"
test -s "$pdf"
echo "$pdf: $(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages: *//p') pages, converted in $(($(date +%s) - start)) s"
if [ "${REPORT_LANGUAGE:-fr}" = en ]; then
	step='^[0-9]+\. ' caption='Each bar shows' header='Questions' words='Questions,answered,unanswered,deferred'
else
	step='^[0-9]+\. ' caption='Chaque barre montre' header='Questions' words='Questions,répondues,réponse,côté'
fi
python3 "$here/pdf_check.py" "$pdf" --pages "$pages" --step-heading "$step" \
	--together "$caption" "$header" --words "$words" --png "$out"
