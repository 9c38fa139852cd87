#!/usr/bin/env bash
# Check that a report prints: headless Chromium turns the HTML into a PDF,
# offline, then pdf_check.py checks its pages by program and keeps each as a
# picture for a person to look at.
#   tests/check/print-html.sh [REPORT.html] [OUTDIR]
# Without a report (or with "-"), the report of tests/check/sample-workspace.sh
# (French; LANGUAGE_SAMPLE=en for the English one), made on 2026-12-01, is
# printed and checked against what that report should give: 12 to 22 pages,
# each step starting a page, the progress chart's caption on the page of its
# table's header, the table headers' words unbroken. A report given by path
# gets the fill check only (a step's last page may be short, as in any report).
# Needs Debian's chromium and poppler-utils (not installed by .ci/install-deps:
# this is a check for people, not a test), and python3.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
html=${1:--}
out=${2:-$(mktemp -d)}
mkdir -p "$out"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
checks=(--step-heading '^[1-5]\. ')
if [ "$html" = - ]; then
	language=${LANGUAGE_SAMPLE:-fr}
	"$here/sample-workspace.sh" "$scratch/ws" "$language" >/dev/null
	html=$out/rapport.html
	(cd "$scratch/ws" && SOURCE_DATE_EPOCH=1796083200 "${GRILLE:-$here/../../build/cli/grille}" report -o "$html" >/dev/null)
	if [ "$language" = en ]; then
		checks=(--pages 8-18 --step-heading '^[1-5]\. [A-Z]'
			--together "Each bar shows" "Questions"
			--words "Questions,answered,unanswered")
	else
		checks=(--pages 12-22 --step-heading '^[1-5]\. [A-ZÀ-Ý]'
			--together "Chaque barre montre" "Questions"
			--together "Chaque barre montre" "répondues"
			--words "Questions,répondues,réponse,conflit,Échéance,Indicateur")
	fi
fi
html=$(realpath "$html")
# Flags that keep Chromium off the network: the report must need nothing from it.
start=$(date +%s%N)
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--user-data-dir="$scratch/profile" --no-pdf-header-footer \
	--print-to-pdf="$out/rapport.pdf" "file://$html" 2>/dev/null
test -s "$out/rapport.pdf"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
printf '%s: printed in %d.%03d s\n' "$out/rapport.pdf" $((ms / 1000)) $((ms % 1000))
python3 "$here/pdf_check.py" "$out/rapport.pdf" "${checks[@]}" --png "$out"
