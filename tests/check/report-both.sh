#!/usr/bin/env bash
# The issue-13 sign-off in one run: the sample workspace's report, as HTML
# printed by Chromium and as OpenDocument converted by LibreOffice, each
# checked by its own script (print-html.sh, convert-odt.sh: pages, fill, the
# chart with its table, headers whole), then the two PDFs compared: the same
# questions (every ID such as 3.2.b), the same pictures (both charts' captions)
# and the same parts, so that neither format leaves out what the other shows.
#   tests/check/report-both.sh [OUTDIR] [fr|en]
# The pictures of every page stay in OUTDIR/html and OUTDIR/odt for a person.
# Needs what print-html.sh and convert-odt.sh need.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(realpath -m "${1:-$(mktemp -d)}")
language=${2:-fr}
GRILLE=$(realpath "${GRILLE:-$here/../../build/cli/grille}")
export GRILLE
mkdir -p "$out/html" "$out/odt"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
"$here/sample-workspace.sh" "$scratch/ws" "$language" >/dev/null
(cd "$scratch/ws" && SOURCE_DATE_EPOCH=1796083200 "$GRILLE" report --authors -o "$out/rapport.html" >/dev/null &&
	SOURCE_DATE_EPOCH=1796083200 "$GRILLE" report --authors --format odt -o "$out/rapport.fodt" >/dev/null)
status=0
if [ "$language" = en ]; then
	pages=8-20 words=Questions,answered,unanswered,Deadline caption="Each bar shows" timeline=Milestones
else
	pages=12-24 words=Questions,répondues,réponse,Échéance caption="Chaque barre montre" timeline=Jalons
fi
echo "== HTML printed by Chromium"
LANGUAGE_SAMPLE=$language "$here/print-html.sh" "$out/rapport.html" "$out/html" || status=1
python3 "$here/pdf_check.py" "$out/html/rapport.pdf" --pages "$pages" --step-heading '^[1-5]\. ' \
	--together "$caption" Questions --words "$words" || status=1
echo "== OpenDocument converted by LibreOffice"
REPORT_LANGUAGE=$language "$here/convert-odt.sh" "$out/rapport.fodt" "$out/odt" "$pages" || status=1
echo "== the same content"
python3 - "$out/html/rapport.pdf" "$out/odt/rapport.pdf" "$caption" "$timeline" <<'PY' || status=1
import re, subprocess, sys
html, odt, caption, timeline = sys.argv[1:5]
def text(pdf):
    return re.sub(r"\s+", " ", subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], check=True,
                                              capture_output=True).stdout.decode())
a, b = text(html), text(odt)
ids = lambda t: set(re.findall(r"\b[1-5]\.\d+\.[a-z]\b", t))
failed = 0
for name, only in (("the HTML's PDF only", ids(a) - ids(b)), ("the OpenDocument's PDF only", ids(b) - ids(a))):
    if only:
        print(f"not ok: questions in {name}: {' '.join(sorted(only))}")
        failed = 1
for phrase in (caption, timeline, "Camille Martin", "Dominique Petit"):
    for name, t in (("HTML", a), ("OpenDocument", b)):
        if phrase not in t:
            print(f"not ok: « {phrase} » missing from the {name} PDF")
            failed = 1
print(f"{len(ids(a))} questions in the HTML's PDF, {len(ids(b))} in the OpenDocument's: "
      + ("the same" if ids(a) == ids(b) else "they differ"))
sys.exit(failed)
PY
echo "pictures: $out/html/page-*.png, $out/odt/page-*.png"
[ "$status" = 0 ] && echo "all checks passed" || echo "some checks failed"
exit "$status"
