#!/usr/bin/env bash
# Check that every picture of an HTML report is drawn: headless Chromium
# loads the page offline, a script added to a copy measures each <svg>, and
# a picture of zero width or height fails.
#   tests/check/svg-size.sh grille-rapport.html
# Needs Debian's chromium (not installed by .ci/install-deps: a check for
# people and CI images that have it, not a test).
set -euo pipefail
html=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The copy measures its pictures once laid out and writes the sizes in the page.
sed 's|</body>|<script>document.body.setAttribute("data-svg-sizes", Array.from(document.querySelectorAll("svg")).map(function (s) { var r = s.getBoundingClientRect(); return Math.round(r.width) + "x" + Math.round(r.height); }).join(" "));</script></body>|' \
	"$html" >"$work/page.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--user-data-dir="$work/profile" --dump-dom "file://$work/page.html" 2>/dev/null >"$work/dom.html"
sizes=$(sed -n 's/.*data-svg-sizes="\([^"]*\)".*/\1/p' "$work/dom.html" | head -n 1)
if [ -z "$sizes" ]; then
	echo "no picture measured in $1" >&2
	exit 1
fi
echo "$1: pictures drawn at $sizes"
for size in $sizes; do
	case "$size" in
	0x* | *x0) echo "a picture is not drawn: $size" >&2; exit 1 ;;
	esac
done
