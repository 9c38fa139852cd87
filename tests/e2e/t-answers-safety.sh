#!/usr/bin/env bash
# What the group writes is counted, kept and shown, and no answer can crash,
# hang or blow up grille: task lists of the group's own, answers under a
# mark, Unicode white space, nesting a hundred thousand levels deep, unclosed
# blocks followed by many headings, noncharacters and control characters.
. "$(dirname "$0")/lib.sh"

ws="$TEST_ROOT/ws"
# Level 2: the questions below include some of level 2.
"$GRILLE" init "$ws" --level 2 >/dev/null 2>&1
cd "$ws" || exit 1
s1=$(ls etape-1-*.md)
s4=$(ls etape-4-*.md)

# --- Task lists the group writes are answers, and the reports show them.
answer "$s4" 4.1.a '%s' '- [ ] un pad pour les comptes rendus'
answer "$s1" 1.1.c '%s' '- [ ] Fermer le groupe WhatsApp'
run deepen 4.1
is "$rc" 0 "deepen 4.1: its choice question 4.1.c comes with its options"
run status --json
is "$rc" 0 "status reads task lists"
is "$(state 4.1.a)" answered "an unchecked task item of the group's is an answer"
is "$(state 1.1.c)" answered "an answer made only of an unchecked task item counts"
is "$(state 4.1.c)" unanswered "a choice question's options, left as the grid wrote them, do not"
run report --format md -o -
is "$rc" 0 "report in Markdown"
contains "$out" "un pad pour les comptes rendus" "the Markdown report shows the group's task item"
contains "$out" "Fermer le groupe WhatsApp" "and the answer made of one task item"
run report --format json -o -
is "$rc" 0 "report in JSON"
is "$(json "[q['answer'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '4.1.a'][0]")" \
	"- [ ] un pad pour les comptes rendus" "the JSON report holds the task item as the answer"
contains "$out" "Fermer le groupe WhatsApp" "and the other one"

# --- skip / defer on an item whose first question is answered.
answer "$s1" 1.2.a 'La présidente, après l'"'"'assemblée générale.'
run status --json
before_answered=$(json "d['totals']['answered']")
before_total=$(json "d['totals']['questions']")
item_questions=$(json "len([q for s in d['steps'] for i in s['items'] if i['id'] == '1.2' for q in i['questions']])")
run skip 1.2
is "$rc" 0 "skip an item with an answered question"
run status --json
is "$(state 1.2.a)" answered "the answered question stays answered under the item's skip mark"
is "$(state 1.2.b)" skipped "the mark covers the rest"
is "$(json "d['totals']['answered']")" "$before_answered" "the answered count is unchanged"
is "$(json "d['totals']['skipped']")" "$((item_questions - 1))" "only the unanswered questions are skipped"
is "$(json "d['totals']['questions']")" "$before_total" "no question vanished"
run status --json
a1=$(json "sum(1 for s in d['steps'] if s['id'] == '1' for i in s['items'] for q in i['questions'] if q['state'] == 'answered')")
n1=$(json "sum(1 for s in d['steps'] if s['id'] == '1' for i in s['items'] for q in i['questions'] if q['state'] != 'skipped')")
run status
contains "$out" " $a1/$n1 réponses" "the step's count keeps the answer and leaves out only what is set aside ($a1/$n1)"
run report --format md -o -
contains "$out" "La présidente, après l'assemblée générale." "the report still shows the answer"
contains "$out" "$a1 répondues" "and counts it"
run report --format json -o -
contains "$out" "La présidente, après l'assemblée générale." "the JSON report too"
run reopen 1.2
is "$rc" 0 "reopen the item"
run defer 1.2 --until 2027-01-15
is "$rc" 0 "defer an item with an answered question"
run status --json
is "$(state 1.2.a)" answered "the answered question stays answered under the item's defer mark"
is "$(state 1.2.b)" deferred "the mark covers the rest"
run reopen 1.2
run skip 1.2.a
is "$rc" 0 "skip the answered question itself"
run status --json
is "$(state 1.2.a)" answered "a question's own mark never hides its answer"
run report --format md -o -
contains "$out" "La présidente, après l'assemblée générale." "and the report shows it"
run reopen 1.2.a
git add -A >/dev/null && git commit -qm answers >/dev/null

# --- Unicode white space is not an answer.
for ch in '\u00a0' '\u200b' '\u2003' '\u202f' '\u3000' '\ufeff' '\u2028'; do
	cp "$s1" "$TEST_ROOT/s1.keep"
	answer "$s1" 1.1.b "$(printf '%b' "$ch")"
	run status --json
	is "$(state 1.1.b)" unanswered "a line holding only $ch is not an answer"
	cp "$TEST_ROOT/s1.keep" "$s1"
done

# --- Noncharacters from entities and control characters are kept as text.
cp "$s1" "$TEST_ROOT/s1.keep"
answer "$s1" 1.1.b 'Un local &#xFFFE; partagé\001 et &#xFFFF;'
answer "$s1" 1.1.a '\v'
printf '\n### 1.1.z Notre question &#xFFFE; à nous\n\nUne réponse.\n' >>"$s1"
run status --json
is "$rc" 0 "status reads an answer with noncharacter entities and control characters"
is "$(state 1.1.b)" answered "that answer counts"
is "$(state 1.1.a)" unanswered "a vertical tab alone is white space"
is "$(json "[q['text'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '1.1.z'][0]")" \
	"Notre question $(printf '\uFFFD') à nous" "a question's text keeps its words, the noncharacter replaced"
is "$(state 1.1.z)" answered "and that question counts"
run report --format json -o -
is "$rc" 0 "the JSON report is made"
is "$(json "[q['id'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] in ('1.1.b', '1.1.z')]")" \
	"['1.1.b', '1.1.z']" "no question is dropped from it"
cp "$TEST_ROOT/s1.keep" "$s1"

# --- Nesting a hundred thousand levels deep: no command crashes.
# deep FILE PATTERN COUNT [TAIL]: the pattern repeated on one line under 1.1.a.
deep() {
	"$PYTHON" - "$@" <<'PY'
import sys
f, pattern, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
tail = sys.argv[4] if len(sys.argv) > 4 else ""
s = open(f, encoding="utf-8").read()
i = s.index("\n", s.index("### 1.1.a ")) + 1
open(f, "w", encoding="utf-8").write(s[:i] + "\n" + pattern * count + tail + "\n" + s[i:])
PY
}
# deep_lines FILE COUNT: a quote and a list nested one level more on each line.
deep_lines() {
	"$PYTHON" - "$@" <<'PY'
import sys
f, count = sys.argv[1], int(sys.argv[2])
s = open(f, encoding="utf-8").read()
i = s.index("\n", s.index("### 1.1.a ")) + 1
lines = "".join(">" * k + " x\n" for k in range(1, count))
open(f, "w", encoding="utf-8").write(s[:i] + "\n" + lines + s[i:])
PY
}
# survives DESCRIPTION ARGS...: grille ARGS exits 0 (run flags a crash on its own).
survives() {
	local what=$1
	shift
	run "$@"
	is "$rc" 0 "$what: grille $1 survives it"
}
n=0
for shape in '> |' '- |' '1. |' '> - |' '- |texte' '> - |texte'; do
	pattern=${shape%|*}
	tail=${shape#*|}
	what="« $pattern» × 100000${tail:+ then text}"
	n=$((n + 1))
	cp "$s1" "$TEST_ROOT/s1.keep"
	deep "$s1" "$pattern" 100000 "$tail"
	want=unanswered
	[ -n "$tail" ] && want=answered
	run status --json
	is "$rc" 0 "$what: status survives it"
	is "$(state 1.1.a)" "$want" "$what: 1.1.a is $want"
	case $n in
	1|2|3)
		survives "$what" skip 1.1
		;;
	4)
		survives "$what" skip 1.1
		survives "$what" reopen 1.1
		for format in md json html odt; do
			survives "$what" report --format $format -o "$TEST_ROOT/report.$format"
		done
		survives "$what" diff
		survives "$what" commit -m "profond $n"
		;;
	*)
		survives "$what" report --format html -o "$TEST_ROOT/report.html"
		grep -q texte "$TEST_ROOT/report.html"
		ok $? "$what: the HTML report shows the answer"
		survives "$what" commit -m "profond $n"
		[ "$n" -eq 6 ] && for format in md json odt; do
			survives "$what" report --format $format -o "$TEST_ROOT/report.$format"
			grep -q texte "$TEST_ROOT/report.$format"
			ok $? "$what: the $format report shows the answer"
		done
		;;
	esac
	cp "$TEST_ROOT/s1.keep" "$s1"
done
deep_lines "$s1" 3000
run status --json
is "$rc" 0 "status survives quotes nested one level more on each of 3000 lines"
is "$(state 1.1.a)" answered "their text is an answer"
run report --format md -o -
is "$rc" 0 "and the report"
cp "$TEST_ROOT/s1.keep" "$s1"

# --- Unclosed blocks followed by many headings: the scan stays linear (the
# meson timeout catches a hang; no time is measured here).
for opening in '```' '<div>'; do
	cp "$s1" "$TEST_ROOT/s1.keep"
	"$PYTHON" - "$s1" "$opening" <<'PY'
import sys
f, opening = sys.argv[1], sys.argv[2]
s = open(f, encoding="utf-8").read()
i = s.index("\n", s.index("### 1.1.a ")) + 1
open(f, "w", encoding="utf-8").write(s[:i] + "\n" + opening + "\n" + "# a\n" * 70000 + s[i:])
PY
	run status --json
	is "$rc" 0 "status reads « $opening » left open before 70000 headings (280 KB)"
	is "$(state 1.1.a)" answered "what follows « $opening » is the answer"
	cp "$TEST_ROOT/s1.keep" "$s1"
done

run status
is "$rc" 0 "status works at the end"
done_testing
