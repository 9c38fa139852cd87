#!/usr/bin/env bash
# Injection payloads through answers, titles, members, reasons and history:
# no executable markup from the group's text reaches any report.
. "$(dirname "$0")/lib.sh"

: "${MD2HTML:?names the helper that renders Markdown like a forge}"
payloads="$TEST_DIR/../injection.txt"
check_html() { "$PYTHON" "$TEST_DIR/html_check.py" "$1"; }

ws="$TEST_ROOT/ws"
"$GRILLE" init "$ws" --level 3 >/dev/null 2>&1
cd "$ws" || exit 1
count=$(grep -c . "$payloads")

# Every payload as the answer of its own question, as a block and inline.
"$PYTHON" - "$ws" "$payloads" <<'PY'
import os, re, sys
ws, payloads = sys.argv[1], [l.rstrip("\n") for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
files = sorted(f for f in os.listdir(ws) if f.startswith("etape-"))
k = 0
for f in files:
    p = os.path.join(ws, f)
    out = []
    for line in open(p, encoding="utf-8"):
        out.append(line)
        if re.match(r"^### \d+\.\d+\.[a-z] ", line) and k < len(payloads):
            out.append(f"\n{payloads[k]}\n\nTexte autour : {payloads[k]} et la suite.\n")
            k += 1
    open(p, "w", encoding="utf-8").write("".join(out))
assert k == len(payloads), k
PY
# Titles and collective; members, actions and reviews in the group's tables.
"$PYTHON" - grille.yaml "$payloads" <<'PY'
import sys, yaml
p, payloads = sys.argv[1], [l.rstrip("\n") for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
d = yaml.safe_load(open(p))
d["title"] = payloads[0]
d["collective"] = payloads[1]
yaml.safe_dump(d, open(p, "w"), allow_unicode=True)
# Members, reviews and actions are rows of their tables: a payload's "|" escaped, as a person would.
cell = lambda x: x.replace("\\", "\\\\").replace("|", "\\|")
with open("membres.md", "a", encoding="utf-8") as f:
    for i, (x, y) in enumerate(zip(payloads[2::2], payloads[3::2])):
        f.write("| %s %d | %s | | |\n" % (cell(x.replace(",", " ")), i, cell(y)))
with open("calendrier.md", "a", encoding="utf-8") as f:
    for i, x in enumerate(payloads):
        f.write("| 2999-01-%02d | bilan | %s | |\n" % (i % 28 + 1, cell(x)))
with open("plan.md", "a", encoding="utf-8") as f:
    for i, x in enumerate(payloads):
        state = ["à faire", "en cours", "fait", "abandonnée"][i % 4]
        f.write(f"| A{i + 1} | {cell(x)} | | 20{i % 40 + 10:02d}-03-01 | {state} | {cell(x)} | {cell(x)} | 1.1, 2.5.a | {cell(x)} |\n")
PY
# Reasons, commit messages and author names.
n=0
while IFS= read -r payload; do
	[ -n "$payload" ] || continue
	n=$((n + 1))
	"$GRILLE" skip "5.3.$(printf "\\x$(printf %x $((96 + (n % 3) + 1)))")" --reason "$payload" >/dev/null 2>&1
	[ "$n" -le 3 ] && "$GRILLE" defer "4.4" --until 2999-01-01 --reason "$payload" >/dev/null 2>&1
done <"$payloads"
"$GRILLE" skip 3.5 --reason "$(sed -n 1p "$payloads")" >/dev/null
"$GRILLE" defer 2.8 --until 2000-01-01 --reason "$(sed -n 2p "$payloads")" >/dev/null
# git itself refuses < and > in a name: the payload without them.
GIT_AUTHOR_NAME="$(sed -n 14p "$payloads")" GIT_AUTHOR_EMAIL=x@example.org "$GRILLE" commit -m "$(sed -n 4p "$payloads")" >/dev/null
ok $? "the payloads are committed (answers, reasons, message, author)"
run status --json
ok $(( $(json "d['totals']['answered']") > 0 ? 0 : 1 )) "status still reads the files (an unclosed <!-- hides what follows, as on a forge)"

run report -o "$TEST_ROOT/r.html"
is "$rc" 0 "HTML report"
out=$(check_html "$TEST_ROOT/r.html")
is "$(json "d['problems']")" "[]" "HTML: no executable markup from any payload"
is "$(json "d['style_count']")" 1 "HTML: only grille's own stylesheet"
tidy -e -q "$TEST_ROOT/r.html" >/dev/null 2>&1
ok $(( $? <= 1 ? 0 : 1 )) "HTML: tidy finds no error"
text=$(json "d['text']")
contains "$text" "Rôles <svg onload=alert(1)>" "a payload outside Markdown is shown as text"
contains "$text" "[lien](javascript:alert(1))" "so is a payload in an author's name"

run report -o "$TEST_ROOT/r.md"
"$MD2HTML" "$TEST_ROOT/r.md" >"$TEST_ROOT/r.md.html"
out=$(check_html "$TEST_ROOT/r.md.html")
is "$(json "d['problems']")" "[]" "Markdown, rendered with raw HTML allowed: no executable markup"

run report -o "$TEST_ROOT/r.fodt"
xmllint --noout "$TEST_ROOT/r.fodt"
ok $? "OpenDocument: well-formed XML despite the payloads"
"$PYTHON" - "$TEST_ROOT/r.fodt" <<'PY'
import re, sys, xml.etree.ElementTree as ET
tree = ET.parse(sys.argv[1])
allowed = ("urn:oasis:names:tc:opendocument:", "http://purl.org/dc/", "http://www.w3.org/1999/xlink")
bad = []
for el in tree.iter():
    ns = el.tag[1:].split("}")[0] if el.tag.startswith("{") else ""
    if not ns.startswith(allowed):
        bad.append(el.tag)
    for k, v in el.attrib.items():
        if k.endswith("}href") and re.sub(r"[\x00-\x20]", "", v).lower().startswith(("javascript:", "vbscript:", "data:", "file:")):
            bad.append(f"{k}={v}")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
ok $? "OpenDocument: only ODF elements, no unsafe link"

run report -o "$TEST_ROOT/r.json"
"$PYTHON" -c 'import json,sys; json.load(open(sys.argv[1]))' "$TEST_ROOT/r.json"
ok $? "JSON: valid despite the payloads"
"$PYTHON" - "$TEST_ROOT/r.json" "$MD2HTML" "$TEST_DIR/html_check.py" <<'PY'
import json, subprocess, sys
d = json.load(open(sys.argv[1]))
answers = "\n\n".join(q["answer"] for s in d["steps"] for i in s["items"] for q in i["questions"] if q["answer"])
html = subprocess.run([sys.argv[2]], input=answers, capture_output=True, text=True).stdout
open(sys.argv[1] + ".html", "w").write(html)
out = json.loads(subprocess.run([sys.executable, sys.argv[3], sys.argv[1] + ".html"], capture_output=True, text=True).stdout)
print("\n".join(out["problems"]))
sys.exit(1 if out["problems"] else 0)
PY
ok $? "JSON: the answers' Markdown, rendered with raw HTML allowed, runs nothing either"

done_testing
