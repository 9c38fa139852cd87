#!/usr/bin/env bash
# grille status: answers in any form, the JSON contract, scope options, the calendar, git.
. "$(dirname "$0")/lib.sh"

ws="$TEST_ROOT/ws"
run init "$ws" --collective "Les Jardins partagés"
is "$rc" 0 "init"
# grille.yaml is exactly what init writes, and nothing init printed is in it.
yaml_keys() {
	"$PYTHON" -c 'import sys, yaml; d = yaml.safe_load(open(sys.argv[1])); print(sorted(d))' "$1" 2>&1
}
is "$(yaml_keys "$ws/grille.yaml")" \
   "['collective', 'format', 'grid', 'language', 'level', 'title']" \
   "grille.yaml after init: its own keys only"
case "$(cat "$ws/grille.yaml")" in *"$(printf '%s' "$out" | head -n 1)"*) ok 1 "init's output is not in grille.yaml" ;;
*) ok 0 "init's output is not in grille.yaml" ;; esac
yaml_sum=$(sha1sum <"$ws/grille.yaml")
s1="$ws/etape-1-par-ou-commencons-nous.md"
s2="$ws/etape-2-principes-d-action.md"
s3="$ws/etape-3-diagnostic.md"
cd "$ws" || exit 1

run status
is "$rc" 0 "status on a fresh workspace"
contains "$out" "Travailler de manière collaborative grâce au numérique — Les Jardins partagés" "title and collective"
contains "$out" "1. Par où commençons-nous ?" "step titles"
contains "$out" "0/9 réponses · 9 sans réponse" "nothing answered in step 1"
contains "$out" "En tout : 0/38 réponses, 38 sans réponse" "totals"
line=$(grep -n '^### 1.1.a ' "$s1" | cut -d: -f1)
contains "$out" "  etape-1-par-ou-commencons-nous.md:$line: 1.1.a Comment décririons-nous" "unanswered questions as file:line"
case "$out" in *$'\033'*) ok 1 "no colour when not on a terminal" ;; *) ok 0 "no colour when not on a terminal" ;; esac

run status --json
is "$rc" 0 "status --json"
before="$out"
is "$(json "d['format']")" 1 "format is 1"
is "$(json "sorted(d.keys())")" "['actions', 'format', 'git', 'grid_upgrade', 'group_files', 'level', 'reviews', 'steps', 'test_phase', 'today', 'totals', 'workspace']" "top-level keys"
is "$(json "len(d['steps'])")" 5 "five steps"
is "$(json "sorted(d['steps'][0].keys())")" "['counts', 'file', 'id', 'items', 'problem', 'title']" "step keys"
is "$(json "sorted(d['steps'][0]['items'][0].keys())")" "['group', 'id', 'line', 'pending', 'questions', 'state', 'title']" "item keys"
is "$(json "sorted(d['steps'][0]['items'][0]['questions'][0].keys())")" \
   "['added', 'file', 'has_data', 'id', 'kind', 'level', 'line', 'missing', 'overdue', 'reason', 'retired', 'state', 'text', 'until', 'until_unread']" "question keys"
is "$(json "sorted(d['totals'].keys())")" "['answered', 'conflict', 'deferred', 'questions', 'skipped', 'unanswered']" "totals keys"
is "$(json "d['steps'][0]['id'], d['steps'][0]['file']")" "1 etape-1-par-ou-commencons-nous.md" "a step's id and file"
is "$(json "[q for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '1.1.a'][0]['line']")" "$line" "a question's line"
is "$(json "d['totals']['questions'] == sum(s['counts']['questions'] for s in d['steps']) == 38")" True "totals add up"
is "$(json "all(s['counts']['questions'] == sum(s['counts'][k] for k in ('answered','unanswered','skipped','deferred','conflict')) for s in d['steps'])")" True "each step's counts add up"
is "$(json "set(q['state'] for s in d['steps'] for i in s['items'] for q in i['questions'])")" "{'unanswered'}" "every question starts unanswered"
is "$(json "d['git']['repository'], d['git']['changes']")" "True []" "a clean repository"

# Answers in several forms flip exactly their question.
answer "$s1" 1.1.a 'Une association de quartier.'
answer "$s1" 1.2.a -- '- trop de courriels\n- des réunions sans décision'
answer "$s1" 1.3.a '| qui | temps |\n|---|---|\n| Léa | 2 h |'
answer "$s1" 1.4.a '> « On ne se suit plus. »'
answer "$s1" 1.6.a '```\nréunion -> compte rendu -> oubli\n```'
"$PYTHON" - "$s2" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read().replace("- [ ] Faire ensemble", "- [x] Faire ensemble", 1)
open(p, "w").write(s)
PY
run status --json
is "$(json "sorted(q['id'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['state'] == 'answered')")" \
   "['1.1.a', '1.2.a', '1.3.a', '1.4.a', '1.6.a', '2.0.a']" "exactly the answered questions flip"
is "$(json "d['totals']['answered'], d['totals']['unanswered'], d['totals']['skipped']")" "6 25 7" \
   "and the totals follow: one principle chosen in 2.0.a sets the seven others aside"
is "$(json "d['steps'][0]['counts']['answered']")" 5 "step 1 counts five"
is "$(json "d['git']['changes']")" "['M etape-1-par-ou-commencons-nous.md', 'M etape-2-principes-d-action.md']" "uncommitted changes are listed"
run status
contains "$out" "Pas encore enregistré dans l'historique :" "the text output says so"
contains "$out" "  M etape-1-par-ou-commencons-nous.md" "naming the file"

# A question moved to another step's file is found there, with that file's name.
"$PYTHON" - "$s1" "$s3" <<'PY'
import sys
src, dst = sys.argv[1], sys.argv[2]
s = open(src).read()
start = s.index("### 1.2.d ")
end = s.index("\n", start) + 1
moved = s[start:end]
open(src, "w").write(s[:start] + s[end:])
open(dst, "a").write("\n" + moved + "\nDéplacée ici, et répondue.\n")
PY
run status --json
is "$(json "[(q['file'], q['state']) for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '1.2.d'][0]")" \
   "('etape-3-diagnostic.md', 'answered')" "a question moved to another file is found there"
is "$(json "[q['line'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '1.2.d'][0]")" \
   "$(grep -n '^### 1.2.d ' "$s3" | cut -d: -f1)" "with its line in that file"
git -C "$ws" checkout -q -- "$s3"
"$PYTHON" - "$s1" <<'PY'
import sys
open(sys.argv[1], "a").write("\n### 1.2.d Dans quelle mesure ce besoin est-il partagé au sein du collectif ?\n")
PY

# Scope options.
run status --step 2 --json
is "$(json "[s['id'] for s in d['steps']]")" "['2']" "--step keeps one step"
is "$(json "d['totals']['answered'], d['totals']['questions']")" "1 10" "with its own totals"
run status --step 9
is "$rc" 2 "an unknown step is a usage error"
run status --all
contains "$out" "  répondue      niv. 1   etape-1-par-ou-commencons-nous.md:" "--all lists answered questions too"
contains "$out" "  sans réponse  niv. 1   etape-1-par-ou-commencons-nous.md:" "with their state and level in words"
run status --check
is "$rc" 1 "--check fails while questions are open"
run status --check --json
is "$rc" 1 "--check with --json too"
is "$(json "d['format']")" 1 "and still prints the document"

# From a subfolder, with -C, and outside any workspace.
mkdir -p "$ws/notes/vieilles"
out=$(cd "$ws/notes/vieilles" && "$GRILLE" status --json 2>&1)
is "$(json "d['workspace']")" "$ws" "found from a subfolder"
run -C "$ws/notes" status
is "$rc" 0 "-C finds it too"
mkdir "$TEST_ROOT/ailleurs"
run -C "$TEST_ROOT/ailleurs" status
is "$rc" 2 "outside a workspace exits 2"
contains "$err" "n'est pas dans un espace de travail grille" "and says so"
contains "$err" "grille init" "and how to make one"

yaml_now=$(sha1sum <"$ws/grille.yaml")
is "$yaml_now" "$yaml_sum" "no command since init wrote into grille.yaml"
[ "$yaml_now" = "$yaml_sum" ] || sed 's/^/#   /' "$ws/grille.yaml"
# The calendar and the members, written by hand in their tables.
printf '%s\n' '| 2000-01-15 | bilan | Bilan de lancement | |' '| 2999-03-01 | bilan | Bilan de mi-parcours | |' \
	'| 2999-06-30 | Bilan | Bilan final | |' '| 2001-01-01 | bilan | Fait | oui |' >>"$ws/calendrier.md"
printf '%s\n' '| Léa Martin | animatrice | | |' '| Sami | référent outils | sami@example.org | |' >>"$ws/membres.md"
ok $? "reviews and members written into their tables"
run status
is "$rc" 0 "status with reviews and members"
contains "$out" "Bilan en retard : 2000-01-15 — Bilan de lancement" "an overdue review"
contains "$out" "Prochain bilan : 2999-03-01 — Bilan de mi-parcours" "the next review"
case "$out" in *"Fait"*) ok 1 "a done review is not shown" ;; *) ok 0 "a done review is not shown" ;; esac
run status --json
is "$(json "d['reviews']['next']['date'], [r['date'] for r in d['reviews']['overdue']]")" "2999-03-01 ['2000-01-15']" "reviews in JSON"

# Colour only on a terminal, and NO_COLOR respected.
tty_out=$(TERM=xterm script -qec "$GRILLE -C '$ws' status" /dev/null)
case "$tty_out" in *$'\033['*) ok 0 "colour on a terminal" ;; *) ok 1 "colour on a terminal" ;; esac
tty_out=$(NO_COLOR=1 TERM=xterm script -qec "$GRILLE -C '$ws' status" /dev/null)
case "$tty_out" in *$'\033['*) ok 1 "NO_COLOR turns it off" ;; *) ok 0 "NO_COLOR turns it off" ;; esac

git -C "$ws" add -A && git -C "$ws" commit -qm "Réponses"
run status --json
is "$(json "d['git']['changes']")" "[]" "nothing left to commit after git commit"

done_testing
