#!/usr/bin/env bash
# grille status on bad input: grille.yaml, missing or broken step files, git conflicts.
. "$(dirname "$0")/lib.sh"

ws="$TEST_ROOT/ws"
"$GRILLE" init "$ws" >/dev/null 2>&1
cd "$ws" || exit 1
s1=etape-1-par-ou-commencons-nous.md
s3=etape-3-diagnostic.md

# A bad grille.yaml: the place and the problem, nothing touched.
cp grille.yaml "$TEST_ROOT/grille.yaml.bak"
sed -i 's/^title:/titel:/' grille.yaml
before=$(tree_sum "$ws")
run status
is "$rc" 1 "an unknown key in grille.yaml fails"
is "$err" "grille : $ws/grille.yaml:2:1: grille.yaml : clé inconnue « titel » (clés possibles : format, title, collective, language, grid, level, round, members, test_phase, reviews)" \
   "with file:line:col and what is wrong"
is "$(tree_sum "$ws")" "$before" "and changes nothing"
cp "$TEST_ROOT/grille.yaml.bak" grille.yaml
sed -i 's/^level: 1/level: 7/' grille.yaml
run status
contains "$err" "grille.yaml:8:8: « level » vaut un nombre de 1 à 3, pas « 7 »" "a level out of range"
cp "$TEST_ROOT/grille.yaml.bak" grille.yaml
# A workspace of format 1 kept its reviews in grille.yaml: still read, still checked.
printf 'reviews:\n- date: 2027-02-30\n' >"$TEST_ROOT/r" && sed -i 's/^format: 2/format: 1/' grille.yaml && cat "$TEST_ROOT/r" >>grille.yaml
run status
contains "$err" "grille.yaml:10:9: date « 2027-02-30 » invalide pour « date »" "an impossible date"
cp "$TEST_ROOT/grille.yaml.bak" grille.yaml
printf 'title: [oops\n' >grille.yaml
run status
is "$rc" 1 "broken YAML fails"
contains "$err" "grille.yaml:1:8: une liste entre crochets « [ … ] » n'est pas refermée" "with its place, in French"
cp "$TEST_ROOT/grille.yaml.bak" grille.yaml
sed -i 's/id: collaboration-numerique/id: autre-grille/' grille.yaml
run status
is "$rc" 1 "an unknown grid fails"
contains "$err" "« autre-grille », que grille ne connaît pas" "and names it"
cp "$TEST_ROOT/grille.yaml.bak" grille.yaml

# A missing step file: reported, the other steps still show.
answer "$s1" 1.1.a 'Une association.'
mv "$s3" "$TEST_ROOT/s3"
run status
is "$rc" 1 "a missing step file makes status fail"
contains "$err" "le fichier « $s3 » de l'étape 3 a disparu" "and says which"
contains "$out" "1/9 réponses" "while step 1 still shows"
contains "$out" "5. Nous réalisons un bilan" "and step 5 too"
run status --json
is "$(json "d['steps'][2]['problem'] is not None, d['steps'][0]['counts']['answered']")" "True 1" "the JSON carries the problem"
is "$(json "set(q['missing'] for i in d['steps'][2]['items'] for q in i['questions'])")" "{True}" "its questions are missing"
mv "$TEST_ROOT/s3" "$s3"

# Not UTF-8, NUL bytes: named clearly, never a crash, nothing changed.
cp "$s3" "$TEST_ROOT/s3"
printf '\n### 3.1.a Réponse\n\ncaf\xe9\n' >>"$s3"
run status
is "$rc" 1 "a Latin-1 step file fails"
contains "$err" "$s3:" "the message names the file"
contains "$err" "n'est pas en UTF-8 valide" "and the problem"
contains "$out" "1. Par où commençons-nous ?" "the other steps still show"
cp "$TEST_ROOT/s3" "$s3"
printf 'du texte\0binaire\n' >>"$s3"
run status
is "$rc" 1 "a step file with a NUL byte fails"
contains "$err" "octet nul" "and says so"
cp "$TEST_ROOT/s3" "$s3"
head -c 3000 /dev/urandom >"$s1.bin" && cat "$s1.bin" >>"$s1"
run status
ok $(( rc == 1 || rc == 0 ? 0 : 1 )) "random bytes do not crash status (exit $rc)"
git checkout -q -- "$s1" && rm "$s1.bin"

# A real git conflict: both sides kept, the question in conflict.
git add -A && git commit -qm base --allow-empty
git checkout -qb autre
answer "$s1" 1.1.b 'Un nouveau local, version B.'
git commit -qam "B"
git checkout -q main
answer "$s1" 1.1.b 'Un nouveau local, version A.'
answer "$s1" 1.2.a 'Une réponse sans conflit.'
git commit -qam "A"
git merge autre >/dev/null 2>&1
run status --json
is "$(state 1.1.b)" conflict "the question both sides answered is in conflict"
is "$(state 1.2.a)" answered "its neighbour is not"
is "$(json "d['git']['conflicts']")" "['$s1']" "git's conflicted file is listed"
is "$(json "d['totals']['conflict']")" 1 "and counted"
run status
contains "$out" "En conflit (les deux versions sont dans le fichier) :" "the text output lists conflicts"
contains "$out" "Fichiers en conflit dans git :" "and git's conflicted files"
grep -q "version A" "$s1" && grep -q "version B" "$s1"
ok $? "both sides' text is in the file"
run status --check
is "$rc" 1 "--check fails on a conflict"
"$PYTHON" - "$s1" <<'PY'
import sys
p = sys.argv[1]
out = [l for l in open(p) if not l.startswith(("<<<<<<<", "=======", ">>>>>>>"))]
open(p, "w").write("".join(out))
PY
git add -A && git commit -qm "Fusion"
run status --json
is "$(state 1.1.b)" answered "resolved, the question is answered"
check "git fsck is clean" fsck_clean "$ws"

done_testing
