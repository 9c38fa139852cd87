#!/usr/bin/env bash
# Whatever bytes the group's text holds, every output stays valid for its
# format and shows that text: raw HTML as text in every report, control
# characters, noncharacters and bytes that are not UTF-8 replaced in HTML,
# OpenDocument and Markdown, kept (escaped) in JSON, made visible on a
# terminal; nesting flattened past 32 levels; and the report's "not saved
# yet" says what grille status says.
. "$(dirname "$0")/lib.sh"

: "${MD2HTML:?names the helper that renders Markdown like a forge}"
check_html() { "$PYTHON" "$TEST_DIR/html_check.py" "$1"; }

# valid_chars FILE: FILE is UTF-8 and holds no character XML 1.0 forbids or
# HTML calls a parse error (C0 but tab/LF/CR, DEL, C1, noncharacters).
valid_chars() {
	"$PYTHON" - "$1" <<'PY'
import sys
text = open(sys.argv[1], "rb").read().decode("utf-8")  # strict: raises on a bad byte
bad = [hex(ord(c)) for c in text if (ord(c) < 32 and c not in "\t\n\r") or 0x7f <= ord(c) <= 0x9f
       or 0xfdd0 <= ord(c) <= 0xfdef or (ord(c) & 0xfffe) == 0xfffe]
print(" ".join(bad[:10]))
sys.exit(1 if bad else 0)
PY
}

# fodt_text FILE: every text of an OpenDocument file, one paragraph a line.
fodt_text() {
	"$PYTHON" - "$1" <<'PY'
import sys, xml.etree.ElementTree as ET
for el in ET.parse(sys.argv[1]).iter():
    if el.tag.endswith("}p") or el.tag.endswith("}h"):
        print("".join(el.itertext()))
PY
}

step1=etape-1-par-ou-commencons-nous.md

# ---------------------------------------------------------------------------
# Raw HTML the group wrote is an answer, shown as the text they typed.
ws="$TEST_ROOT/html"
"$GRILLE" init "$ws" >/dev/null 2>&1
cd "$ws" || exit 1
raw_block='<table><tr><td>Agenda partagé</td></tr></table>'
raw_details='<details><summary>Résumé</summary>Détail caché</details>'
raw_div='<div class="note">Texte dans un div</div>'
answer "$step1" 1.1.a '%s' "$raw_block"
answer "$step1" 1.1.b '%s' "$raw_details"
answer "$step1" 1.2.d 'Un outil <span class="x">en ligne</span> et gratuit.'
answer "$step1" 1.2.a '%s' "$raw_div"
run status --json
for id in 1.1.a 1.1.b 1.2.d 1.2.a; do
	is "$(state $id)" answered "raw HTML: $id counts as answered"
done

run report -o "$TEST_ROOT/html.html"
is "$rc" 0 "raw HTML: HTML report"
out=$(check_html "$TEST_ROOT/html.html")
is "$(json "d['problems']")" "[]" "raw HTML: nothing of it is markup in the HTML report"
text=$(json "d['text']")
for raw in "$raw_block" "$raw_details" "$raw_div" '<span class="x">' '</span>'; do
	contains "$text" "$raw" "raw HTML: the HTML report shows $raw as text"
done
contains "$text" "en ligne" "raw HTML: the text around an inline tag stays"
tidy -e -q "$TEST_ROOT/html.html" >/dev/null 2>&1
ok $(( $? <= 1 ? 0 : 1 )) "raw HTML: tidy finds no error in the HTML report"

run report -o "$TEST_ROOT/html.fodt"
xmllint --noout "$TEST_ROOT/html.fodt"
ok $? "raw HTML: the OpenDocument report is well-formed"
text=$(fodt_text "$TEST_ROOT/html.fodt")
for raw in "$raw_block" "$raw_details" "$raw_div" '<span class="x">'; do
	contains "$text" "$raw" "raw HTML: the OpenDocument report shows $raw as text"
done

run report -o "$TEST_ROOT/html.md"
"$MD2HTML" "$TEST_ROOT/html.md" >"$TEST_ROOT/html.md.html"
out=$(check_html "$TEST_ROOT/html.md.html")
is "$(json "d['problems']")" "[]" "raw HTML: the Markdown report, rendered with raw HTML allowed, runs nothing"
text=$(json "d['text']")
for raw in "$raw_block" "$raw_details" "$raw_div" '<span class="x">'; do
	contains "$text" "$raw" "raw HTML: the Markdown report, rendered with raw HTML allowed, shows $raw as text"
done

run report -o "$TEST_ROOT/html.json"
out=$(cat "$TEST_ROOT/html.json")
answer_of() { json "[q['answer'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '$1'][0]"; }
contains "$(answer_of 1.1.a)" "$raw_block" "raw HTML: the JSON report holds the table as typed"
contains "$(answer_of 1.1.b)" "$raw_details" "raw HTML: the JSON report holds <details> as typed"
contains "$(answer_of 1.2.d)" '<span class="x">' "raw HTML: the JSON report holds the inline tag as typed"

# ---------------------------------------------------------------------------
# "Not saved yet" in a report means what grille status means.
ws="$TEST_ROOT/dirty"
"$GRILLE" init "$ws" >/dev/null 2>&1
cd "$ws" || exit 1
answer "$step1" 1.1.a 'Une association de quartier.'
run commit -m "Premières réponses"
is "$rc" 0 "dirty: the answers are committed"
run status --json
is "$(json "d['git']['changes']")" "[]" "dirty: status lists no change after commit"
for n in 1 2; do
	run report
	is "$rc" 0 "dirty: report into the workspace (run $n)"
	ok $(grep -c "pas encore enregistrés" grille-rapport.html) "dirty: right after commit, the HTML report (run $n) has no unsaved change"
	run report --format md
	ok $(grep -c "pas encore enregistrés" grille-rapport.md) "dirty: the Markdown report (run $n) has none either"
	run report --format odt
	ok $(grep -c "pas encore enregistrés" grille-rapport.fodt) "dirty: nor the OpenDocument report (run $n)"
	run report --format json -o -
	is "$(json "d['dirty']")" False "dirty: the JSON report (run $n) says false"
done
run status --json
is "$(json "d['git']['changes']")" "[]" "dirty: the reports written are no change for status either"
answer "$step1" 1.1.b 'Un nouveau projet.'
run status --json
is "$(json "len(d['git']['changes'])")" 1 "dirty: status lists the new answer"
run report
contains "$(cat grille-rapport.html)" "(avec des changements pas encore enregistrés)" "dirty: then the HTML report says so"
run report --format json -o -
is "$(json "d['dirty']")" True "dirty: and the JSON report says true"

# ---------------------------------------------------------------------------
# Every control character, noncharacter and odd entity, in answers, headings,
# reasons and history: each output is valid for its format, nothing dropped.
ws="$TEST_ROOT/bytes"
"$GRILLE" init "$ws" --level 3 >/dev/null 2>&1
cd "$ws" || exit 1
# payload N: "pNN <what> a<bytes>b" (the label and the b after are checked in every output).
"$PYTHON" - "$ws" >"$TEST_ROOT/labels" <<'PY'
import os, re, sys
ws = sys.argv[1]
payloads = []
for c in range(1, 32):
    if chr(c) not in "\t\n\r":
        payloads.append(("C0 %02x" % c, chr(c)))
payloads.append(("DEL", "\x7f"))
for c in range(0x80, 0xa0):
    payloads.append(("C1 %02x" % c, chr(c)))
for e in ["&#xFFFE;", "&#xFFFF;", "&#xD800;", "&#xDFFF;", "&#xFDD0;", "&#x1FFFE;", "&#x10FFFF;", "&#x110000;",
          "&#0;", "&#x1B;", "&#x85;", "&#x7F;", "&#65534;"]:
    payloads.append(("entity " + e[1:-1], e))
payloads.append(("raw U+FFFE", "\ufffe"))
payloads.append(("raw U+FDD0", "\ufdd0"))
payloads.append(("terminal", "\x1b]0;PWNED\x07\x1b[31m\x9b1m"))
files = sorted(f for f in os.listdir(ws) if f.startswith("etape-"))
k = 0
for f in files:
    p = os.path.join(ws, f)
    out = []
    for line in open(p, encoding="utf-8"):
        out.append(line)
        if re.match(r"^### \d+\.\d+\.[a-z] ", line) and k < len(payloads):
            label, data = payloads[k]
            out.append("\np%02d %s a%sb\n" % (k, label, data))
            print("p%02d" % k)
            k += 1
    if f.startswith("etape-1"):
        # Questions the group added, their headings holding the same.
        out.append("\n### 1.6.y Titre \x1b]0;PWNED\x07\x1b[31m rouge \x01\x7f\x9b &#xFFFE; fin\n\nh01 réponse a\x1b[0mb\n")
        out.append("\n### 1.6.z Autre &#xFFFF;&#xD800;\x0b\x0c fin\n\nh02 réponse a&#xFFFF;b\n")
        print("h01\nh02")
    open(p, "w", encoding="utf-8").write("".join(out))
assert k == len(payloads), k
PY
labels=$(cat "$TEST_ROOT/labels")
label_count=$(wc -l <"$TEST_ROOT/labels")
ok $(( label_count == 79 ? 0 : 1 )) "bytes: $label_count payloads written"
esc=$'\e'
# (grille may refuse control characters in --reason; if it takes one, status must not print it raw.)
"$GRILLE" skip 5.3.a --reason "raison ${esc}[31m rouge" >/dev/null 2>&1 && reason_taken=1 || reason_taken=0
"$GRILLE" defer 5.3.b --until 2999-01-01 --reason "plus tard ${esc}]0;PWNED"$'\a' >/dev/null 2>&1
run commit -m "Les réponses"
is "$rc" 0 "bytes: grille commit takes them"
# What git lets through and grille never checked: a commit message and a tag
# that are not UTF-8 and hold escapes.
git commit -q --allow-empty -m $'Caf\xe9 \e[31m rouge \x01' && git tag $'jalon-caf\xe9'
ok $? "bytes: a plain git commit and tag, not in UTF-8"

# status: nothing reaches the terminal raw.
for args in "status" "status --all" "status --step 1"; do
	run $args
	ok $(( rc <= 1 ? 0 : 1 )) "bytes: grille $args runs"
	case "$out$err" in
	*"$esc"* | *$'\x07'* | *$'\x01'* | *$'\xc2\x9b'*) ok 1 "bytes: grille $args prints no control character" ;;
	*) ok 0 "bytes: grille $args prints no control character" ;;
	esac
done
run status --all
contains "$out" "1.6.y Titre ^[]0;PWNED^G^[[31m rouge" "bytes: status shows a heading's escapes as ^[ and ^G"
[ "$reason_taken" = 0 ] || contains "$out" "raison ^[[31m rouge" "bytes: status shows a reason's escape as ^["
run status --step "${esc}[31m"
is "$rc" 2 "bytes: an unknown step with an escape is refused"
contains "$err" "« ^[[31m »" "bytes: the message shows the escape as ^["
case "$err" in *"$esc"*) ok 1 "bytes: the message holds no ESC byte" ;; *) ok 0 "bytes: the message holds no ESC byte" ;; esac

# status --json: every question, every text.
run status --json
is "$rc" 0 "bytes: status --json"
is "$(json "sum(1 for s in d['steps'] for i in s['items'] for q in i['questions'] if not isinstance(q.get('text'), str))")" 0 \
	"bytes: status --json gives every question its text"
contains "$(json "[q['text'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '1.6.y'][0]")" \
	$'Titre \e]0;PWNED\a\e[31m rouge' "bytes: status --json keeps the heading's text, escaped as JSON"
status_questions=$(json "sum(len(i['questions']) for s in d['steps'] for i in s['items'])")
status_answered=$(json "d['totals']['answered']")

# Each report, checked by a parser of its format, shows every payload.
for format in html fodt md json; do
	file="$TEST_ROOT/bytes.$format"
	run report -o "$file"
	is "$rc" 0 "bytes: $format report"
	if [ "$format" != json ]; then
		bad=$(valid_chars "$file")
		ok $? "bytes: the $format report is UTF-8 without a forbidden character${bad:+ (found $bad)}"
	fi
	case $format in
	html)
		out=$(check_html "$file")
		is "$(json "d['problems']")" "[]" "bytes: the HTML report holds no executable markup"
		tidy -e -q "$file" >/dev/null 2>&1
		ok $(( $? <= 1 ? 0 : 1 )) "bytes: tidy finds no error in the HTML report"
		shown=$(json "d['text']")
		;;
	fodt)
		xmllint --noout "$file"
		ok $? "bytes: xmllint finds the OpenDocument report well-formed"
		shown=$(fodt_text "$file")
		;;
	md)
		"$MD2HTML" "$file" >"$file.html"
		out=$(check_html "$file.html")
		is "$(json "d['problems']")" "[]" "bytes: the Markdown report, rendered with raw HTML allowed, runs nothing"
		shown=$(cat "$file")
		;;
	json)
		out=$(cat "$file")
		json "1" >/dev/null 2>&1
		ok $? "bytes: python reads the JSON report"
		is "$(json "sum(len(i['questions']) for s in d['steps'] for i in s['items'])")" "$status_questions" \
			"bytes: the JSON report leaves no question out"
		is "$(json "sum(1 for s in d['steps'] for i in s['items'] for q in i['questions'] if q['state'] == 'answered' and q['answer'])")" \
			"$status_answered" "bytes: the JSON report gives every answered question its answer"
		contains "$(json "[m['summary'] for m in d['milestones']]")" "Caf" "bytes: the JSON report keeps the commit that is not UTF-8"
		contains "$(json "[t for m in d['milestones'] for t in m['tags']]")" "jalon-caf" "bytes: and its tag"
		shown=$(json "'\n'.join(q['answer'] or '' for s in d['steps'] for i in s['items'] for q in i['questions'])")
		;;
	esac
	missing=$(printf '%s' "$shown" | "$PYTHON" -c 'import re, sys
text = sys.stdin.read()
print(" ".join(l for l in open(sys.argv[1]).read().split() if not re.search(l + r" [^\n]{1,30} a[^\n]{0,40}b", text)))' \
		"$TEST_ROOT/labels")
	is "$missing" "" "bytes: the $format report shows every payload, up to the b after it"
	[ "$format" = json ] || contains "$shown" "Caf" "bytes: the $format report shows the commit that is not UTF-8"
done

# Bytes that are not UTF-8, written raw into a step file: the scan names the
# place and asks for UTF-8; the reports stay valid and say a file was unreadable.
cp "$step1" "$TEST_ROOT/step1.orig"
line=$(( $(wc -l <"$step1") + 2 ))
for seq in '\xc0\xaf' '\xe0\x80\xaf' '\xf0\x80\x80\xaf' '\xed\xa0\x80' '\xed\xbf\xbf' '\xf4\x90\x80\x80' '\xf5\x80\x80\x80' \
	'\xff' '\x80' '\xe2\x82'; do
	cp "$TEST_ROOT/step1.orig" "$step1"
	printf '\nx%b y\n' "$seq" >>"$step1"
	refuses 1 "$step1:$line:2: le texte n'est pas en UTF-8 valide" "raw $seq in a step file: status" status
	refuses 1 "n'a pas pu être lu" "raw $seq in a step file: report" report -o "$TEST_ROOT/raw.html"
	valid_chars "$TEST_ROOT/raw.html" >/dev/null
	ok $? "raw $seq in a step file: the report written is valid text"
done
cp "$TEST_ROOT/step1.orig" "$step1"

# ---------------------------------------------------------------------------
# 400,000 nested emphasis delimiters: cmark-gfm parses them in linear time, and so
# must the report (a walk that looked up each node's parents took minutes). The
# timeout only stops a hang; the work itself takes about a second.
ws="$TEST_ROOT/stars"
"$GRILLE" init "$ws" >/dev/null 2>&1
cd "$ws" || exit 1
stars=$(printf '%400000s' '' | tr ' ' '*')
printf '\n%sétoiles%s\n' "$stars" "$stars" >>"$step1" # under the step's last question
for format in html md; do
	timeout 240 "$GRILLE" report -o "$TEST_ROOT/stars.$format" >/dev/null 2>&1
	rc=$?
	is "$rc" 0 "stars: the $format report of 400,000 nested emphasis is made (124: it hung)"
	contains "$(cat "$TEST_ROOT/stars.$format" 2>/dev/null)" "étoiles" "stars: the $format report keeps the text"
done

# ---------------------------------------------------------------------------
# Deep nesting is flattened before any renderer walks it; the text stays.
ws="$TEST_ROOT/deep"
"$GRILLE" init "$ws" >/dev/null 2>&1
cd "$ws" || exit 1
answer "$step1" 1.1.a '%s' "$(printf -- '- %.0s' $(seq 300))liste profonde"
answer "$step1" 1.1.b '%s' "$(printf -- '> %.0s' $(seq 300))citation profonde"
answer "$step1" 1.2.d '%s' "$(printf -- '*%.0s' $(seq 300))gras profond$(printf -- '*%.0s' $(seq 300))"
answer "$step1" 1.2.a '%s' $'- [x] une tâche faite\n\n  la suite de la tâche\n\n  > et une citation'
for format in fodt html md json; do
	run report -o "$TEST_ROOT/deep.$format"
	is "$rc" 0 "deep: $format report"
	for words in "liste profonde" "citation profonde" "gras profond"; do
		contains "$(cat "$TEST_ROOT/deep.$format")" "$words" "deep: the $format report keeps \"$words\""
	done
done
xmllint --noout "$TEST_ROOT/deep.fodt"
ok $? "deep: the OpenDocument report is well-formed"
depth=$("$PYTHON" - "$TEST_ROOT/deep.fodt" <<'PY'
import sys, xml.etree.ElementTree as ET
deepest, todo = 0, [(ET.parse(sys.argv[1]).getroot(), 1)]
while todo:
    el, d = todo.pop()
    deepest = max(deepest, d)
    todo.extend((c, d + 1) for c in el)
print(deepest)
PY
)
text=$(fodt_text "$TEST_ROOT/deep.fodt")
contains "$text" "☑ une tâche faite" "task item: the OpenDocument report shows its box and first paragraph"
contains "$text" "la suite de la tâche" "task item: and its next paragraph"
contains "$text" "et une citation" "task item: and the quote it holds"
ok $(( depth <= 50 ? 0 : 1 )) "deep: 300 nested lists make an OpenDocument at most 50 elements deep (got $depth)"

# ---------------------------------------------------------------------------
# A title and a collective holding escapes (YAML writes them "\e", "\x01"…):
# if grille takes them, neither the terminal nor any report gets them raw.
ws="$TEST_ROOT/title"
"$GRILLE" init "$ws" >/dev/null 2>&1
cd "$ws" || exit 1
"$PYTHON" - grille.yaml <<'PY'
import re, sys
p = sys.argv[1]
text = open(p, encoding="utf-8").read()
text = re.sub(r"(?m)^title: .*$", lambda m: r'title: "Titre \e]0;PWNED\a\e[31m rouge \x01 \uFFFE fin"', text)
text = re.sub(r"(?m)^collective:.*$", lambda m: r'collective: "Collectif \x9b1m \x7f fin"', text)
open(p, "w", encoding="utf-8").write(text)
PY
run status
case "$out$err" in
*"$esc"* | *$'\x07'* | *$'\x01'* | *$'\x7f'* | *$'\xc2\x9b'*) ok 1 "title: grille status prints no control character" ;;
*) ok 0 "title: grille status prints no control character" ;;
esac
if [ "$rc" -eq 0 ]; then
	contains "$out" "Titre ^[]0;PWNED^G^[[31m rouge ^A" "title: status shows the title's escapes as ^[, ^G, ^A"
	contains "$out" "Collectif �1m ^? fin" "title: status shows a C1 control as U+FFFD and DEL as ^?"
	for format in html fodt md; do
		run report -o "$TEST_ROOT/title.$format"
		bad=$(valid_chars "$TEST_ROOT/title.$format")
		ok $? "title: the $format report is UTF-8 without a forbidden character${bad:+ (found $bad)}"
		contains "$(cat "$TEST_ROOT/title.$format")" "rouge" "title: the $format report shows the title"
	done
	xmllint --noout "$TEST_ROOT/title.fodt"
	ok $? "title: xmllint finds the OpenDocument report well-formed"
	run report --format json -o -
	is "$(json "d['title']")" $'Titre \e]0;PWNED\a\e[31m rouge \x01 \uFFFE fin' "title: the JSON report keeps the title, escaped as JSON"
fi

done_testing
