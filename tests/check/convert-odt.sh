#!/usr/bin/env bash
# Check by hand that LibreOffice opens the OpenDocument report and that it
# prints well: LibreOffice converts the .fodt to PDF headless (which it only
# does for a document it could read), then tests/check/pdf_check.py checks
# the PDF as a person would (page count, no near-empty page, the progress
# chart's caption on the page of its table, no table header broken inside a
# word) and keeps every page as a PNG to look at. Last, LibreOffice updates
# the table of contents (as Tools > Update > Update All does) in a second
# PDF: its first page must read as the first one, the table grille filled
# being the one LibreOffice makes.
#   tests/check/convert-odt.sh grille-rapport.fodt [OUTDIR] [PAGES]
# PAGES is the page count's range, "MIN-MAX" (default 4-30). The words
# checked are the French report's headers, the plan's among them (the
# report of tests/check/sample-workspace.sh has them all); REPORT_LANGUAGE=en
# checks an English workspace's report.
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
	step='^[0-9]+\. ' caption='Each bar shows' header='Questions' words='Questions,answered,unanswered,deferred,Indicator,Deadline'
else
	step='^[0-9]+\. ' caption='Chaque barre montre' header='Questions' words='Questions,répondues,réponse,côté,Indicateur,Échéance'
fi
status=0
python3 "$here/pdf_check.py" "$pdf" --pages "$pages" --step-heading "$step" \
	--together "$caption" "$header" --words "$words" --png "$out" || status=1

# A Basic macro in the scratch profile (which the conversion made): open,
# update every index, export.
cat >"$profile/user/basic/Standard/Module1.xba" <<'XBA'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub UpdateAndExport(path As String, pdf As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(path), &quot;_blank&quot;, 0, load())
  indexes = doc.getDocumentIndexes()
  For i = 0 To indexes.getCount() - 1
    indexes.getByIndex(i).update()
  Next
  Dim export(0) As New com.sun.star.beans.PropertyValue
  export(0).Name = &quot;FilterName&quot;
  export(0).Value = &quot;writer_pdf_Export&quot;
  doc.storeToURL(ConvertToURL(pdf), export())
  doc.close(True)
End Sub
</script:module>
XBA
updated="$out/$(basename "${fodt%.*}")-updated.pdf"
libreoffice -env:UserInstallation="file://$profile" --headless \
	"macro:///Standard.Module1.UpdateAndExport(\"$fodt\",\"$updated\")" >/dev/null 2>&1 || true
if [ -s "$updated" ] && [ "$(pdftotext -f 1 -l 1 "$updated" -)" = "$(pdftotext -f 1 -l 1 "$pdf" -)" ]; then
	echo "table of contents: LibreOffice's update leaves it as grille wrote it"
else
	echo "table of contents: LibreOffice's update changes it (or failed): compare $pdf and $updated"
	status=1
fi
exit "$status"
