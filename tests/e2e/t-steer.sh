#!/usr/bin/env bash
# Choices that steer: the principles of step 2 depend on their option in 2.0.a.
. "$(dirname "$0")/lib.sh"

ws="$TEST_ROOT/ws"
"$GRILLE" init "$ws" >/dev/null 2>&1
cd "$ws" || exit 1
s2=etape-2-principes-d-action.md
cp "$s2" "$TEST_ROOT/s2.orig"
check_option() { # check_option TEXT: tick an option of 2.0.a by hand
	OPTION="$1" "$PYTHON" - "$s2" <<'PY'
import os, sys
p = sys.argv[1]
s = open(p, encoding='utf-8').read()
old = '- [ ] ' + os.environ['OPTION'] + '\n'
assert old in s, old
open(p, 'w', encoding='utf-8').write(s.replace(old, '- [x] ' + os.environ['OPTION'] + '\n', 1))
PY
}
uncheck_all() { sed -i 's/^- \[x\] /- [ ] /' "$s2"; }
item_state() { json "[i['state'] for s in d['steps'] for i in s['items'] if i['id'] == '$1'][0]"; }
item_pending() { json "[i['pending'] for s in d['steps'] for i in s['items'] if i['id'] == '$1'][0]"; }

run status --json
is "$(item_state 2.3)" unanswered "before the choice, every principle applies"
is "$(json "d['totals']['questions']")" 38 "38 questions at level 1"

# Three principles chosen, and an answer already written under one left out.
check_option "Faire ensemble"
check_option "Adopter une démarche progressive"
check_option "Des outils au service de l'humain"
answer "$s2" 2.4.a 'Nous y avons réfléchi avant de choisir.'
run status --json
for id in 2.1 2.2 2.6 2.7; do
	is "$(item_state $id)" skipped "$id not chosen: set aside"
	is "$(item_pending $id)" 1 "$id: the file does not say so yet"
done
is "$(item_state 2.4)" skipped "a principle left out is set aside even with an answer"
is "$(state 2.4.a)" answered "but the answer under it stays answered"
for id in 2.3 2.5 2.8; do
	is "$(item_state $id)" unanswered "$id chosen: still to answer"
done
is "$(json "[q['reason'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '2.1.a'][0]")" \
   "principe non retenu en 2.0.a" "with the grid's reason"
is "$(json "d['totals']['questions'] - d['totals']['skipped']")" 34 "the five left out leave 33 open questions and an answered one"

run commit -m "Nos principes"
is "$rc" 0 "commit"
contains "$out" "2.1 mis de côté : principe non retenu en 2.0.a ($s2:" "commit says what it set aside"
is "$(grep -c '^\*\*Mis de côté\*\* : principe non retenu en 2.0.a$' "$s2")" 5 "five marks in the file, visibly"
is "$(git status --porcelain)" "" "and they are in the commit"
is "$(git show HEAD:"$s2" | grep -c 'principe non retenu')" 5 "git has them"
run status --json
is "$(item_pending 2.1)" 0 "nothing pending once written"
contains "$(sed -n '/^## 2.4 /,/^## 2.5 /p' "$s2")" "Nous y avons réfléchi avant de choisir." "the answer under 2.4 is still there"

# A mark the group wrote itself is never taken as the grid's.
run skip 2.5 --reason "pas cette année"
run commit -m "2.5 plus tard"
is "$(grep -c '^\*\*Mis de côté\*\* : pas cette année$' "$s2")" 1 "the group's own mark stays"

# The choice changes: the principle comes back.
check_option "Créer ou renforcer la confiance"
run status --json
is "$(item_state 2.2)" unanswered "checked now: it applies again"
is "$(item_pending 2.2)" -1 "its mark is to go"
run commit -m "La confiance aussi"
contains "$out" "2.2 reprend" "commit says it came back"
is "$(sed -n '/^## 2.2 /,/^### 2.2.a/p' "$s2" | grep -c 'Mis de côté')" 0 "its mark is gone"

# No option checked any more: every principle applies, the file is as before.
uncheck_all
run reopen 2.5
run commit -m "On recommence le choix"
is "$rc" 0 "commit"
"$PYTHON" - "$s2" "$TEST_ROOT/s2.orig" <<'PY'
import sys
now = open(sys.argv[1], encoding='utf-8').read()
orig = open(sys.argv[2], encoding='utf-8').read()
# the only difference left is the answer written under 2.4.a
now = now.replace('\nNous y avons réfléchi avant de choisir.\n', '', 1)
sys.exit(0 if now == orig else 1)
PY
ok $? "every automatic mark went: the file is as scaffolded but for the answer"
run status --json
is "$(item_state 2.1)" unanswered "all principles apply again"

# reopen refuses an item its condition sets aside; a milestone writes the marks too.
check_option "Faire ensemble"
run milestone un-principe
is "$rc" 0 "milestone"
contains "$out" "2.8 mis de côté : principe non retenu en 2.0.a" "a milestone writes the marks as commit does"
is "$(git show un-principe:"$s2" | grep -c 'principe non retenu')" 7 "and its commit has them"
run reopen 2.1
is "$rc" 2 "reopen refuses a principle not chosen"
contains "$err" "2.0.a" "and says to check its option in 2.0.a"
# Groups of items: in the step file, status, the report and the worksheet.
is "$(grep -c "^## L'humain au cœur de la démarche$" "$s2")" 1 "the step file shows the family before 2.1"
is "$(grep -n "^## L'humain au cœur de la démarche$\|^## 2.1 " "$s2" | cut -d: -f2 | tr '\n' '|')" \
   "## L'humain au cœur de la démarche|## 2.1 Être au clair sur sa volonté de collaborer|" "right before its first item"
run status --all --step 2
contains "$out" "◆ Mettre l'outil au service de l'humain" "status lists the questions under their family"
run status --json
is "$(json "[i['group'] for s in d['steps'] for i in s['items'] if i['id'] in ('2.0', '2.4', '4.4')]")" \
   "[None, 'Donner une couleur à notre démarche', 'Nous planifions la phase de test et les dates de bilan']" \
   "status --json gives each item's group"
answer "$s2" 2.3.a 'Des ateliers ouverts à toutes et tous.'
run report -o - --step 2
contains "$out" '<p class="group-title" id="g-2-3">L' "the report shows the family of an answered principle"
contains "$out" 'principe non retenu en 2.0.a' "and why the others are set aside"
run report -o - --step 2 --format md
contains "$out" "◆ L'humain au cœur de la démarche" "the Markdown report too"
run sheet 2 -o -
is "$(printf '%s' "$out" | grep -c 'class="group-title">L.humain au cœur')" 1 "a worksheet page says its item's family"
contains "$out" '<section class="item" id="i-2-3">' "the worksheet has a page for the principle chosen"
is "$(printf '%s' "$out" | grep -c '<section class="item" id="i-2-[124-8]">')" 0 "and none for those set aside"
uncheck_all
run sheet 2 -o -
is "$(printf '%s' "$out" | grep -c 'class="group-title">Mettre l')" 3 "before the choice, every principle has its page"
fsck_clean "$ws"
done_testing
