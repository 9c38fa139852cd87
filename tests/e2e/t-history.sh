#!/usr/bin/env bash
# commit, milestone, log, diff and who; plain git commits alongside; the scan cache.
. "$(dirname "$0")/lib.sh"

ws="$TEST_ROOT/ws"
# Level 2: the answers below go to questions of levels 1 and 2.
"$GRILLE" init "$ws" --level 2 >/dev/null 2>&1
cd "$ws" || exit 1
s1=etape-1-par-ou-commencons-nous.md
s3=etape-3-diagnostic.md

for cmd in commit "milestone nom" sync; do
	run $cmd --author "Sans adresse"
	is "$rc" 2 "$cmd: a malformed --author is a usage error"
	contains "$err" "l'adresse manque. Écrivez le nom, une espace, puis l'adresse entre < et >, par exemple : --author \"Sans adresse <adresse@exemple.org>\"" \
		"$cmd: showing the expected form, with the name given"
done
is "$(git rev-list --count HEAD)" 1 "and nothing was committed"

run commit --author "Dominique Léger <dominique@example.org>" -m "rien"
is "$rc" 0 "commit with nothing changed succeeds"
contains "$out" "Rien à enregistrer" "and says so"
is "$(git rev-list --count HEAD)" 1 "no empty commit"

answer "$s3" 3.1.a 'Un bureau, trois commissions.'
answer "$s3" 3.1.b 'Par courriel, surtout.'
answer "$s1" 1.1.a 'Une association de quartier.'
run commit
is "$rc" 0 "commit answers"
is "$(git log -1 --format=%s)" "Étape 1 : 1/26 réponses (+1) ; Étape 3 : 2/30 réponses (+2)" "the message says what progressed, per step"
is "$(git log -1 --format='%an <%ae>')" "Camille Martin <camille@example.org>" "signed with the git identity"
is "$(git status --porcelain)" "" "everything is committed"
contains "$out" "Jalon $(git rev-parse --short=7 HEAD) : Étape 1" "it names the commit"

run commit -m "Notes de la réunion du 12"
is "$(git log -1 --format=%s)" "Étape 1 : 1/26 réponses (+1) ; Étape 3 : 2/30 réponses (+2)" "-m with nothing to commit makes no commit"
answer "$s3" 3.1.c 'En réunion mensuelle.'
run commit -m "Notes de la réunion du 12"
is "$(git log -1 --format=%s)" "Notes de la réunion du 12" "-m gives the message"
sed -i 's/^title: .*/title: Notre démarche/' grille.yaml
run commit
is "$(git log -1 --format=%s)" "réglages mis à jour" "a settings change is said as such"

# A plain git commit between two grille commands is part of the history.
answer "$s1" 1.1.b 'Un nouveau local.'
git add "$s1" && git -c user.name="Dominique Git" -c user.email=dominique@example.org commit -qm "Réponse écrite à la main"
run log --json
is "$rc" 0 "log --json"
is "$(json "d['format'], len(d['commits'])")" "1 5" "five commits"
is "$(json "d['commits'][0]['summary'], d['commits'][0]['author']")" "Réponse écrite à la main Dominique Git" "the plain git commit is there"
is "$(json "d['commits'][0]['answered'], d['commits'][0]['delta']")" "5 1" "with its progress and change"
is "$(json "[s['answered'] for s in d['commits'][0]['steps']]")" "[2, 0, 3, 0, 0]" "per step"
is "$(json "d['commits'][-1]['answered'], d['commits'][-1]['parents']")" "0 0" "the first commit, from nothing"
is "$(json "sorted(d['commits'][0].keys())")" "['answered', 'author', 'commit', 'date', 'delta', 'email', 'member', 'open', 'parents', 'round_end', 'steps', 'summary', 'tags']" "commit keys"
run log
contains "$out" "Réponse écrite à la main" "the text log shows it too"
contains "$out" "5/123 réponses (+1)" "with the progress"

# The scan cache, through which grille commit reads HEAD's step files (a log
# keeps its own: t-log-cache.sh): inside .git, safe to delete, rebuilt when corrupt.
check "the cache lives inside .git" test -s .git/grille/scan-cache.json
run log --json
before=$(json "[c['answered'] for c in d['commits']]")
rm -rf .git/grille
run log --json
is "$(json "[c['answered'] for c in d['commits']]")" "$before" "deleting the caches changes nothing"
# commit_one: commit one more answer (its message counts from HEAD's scans), then undo it.
commit_one() {
	answer "$s1" 1.2.a 'Une demande du conseil.'
	run commit
	msg=$(git log -1 --format=%B)
	git reset -q --hard HEAD~1
}
commit_one
good_msg=$msg
contains "$msg" "(+1)" "a commit counts from HEAD's scans"
printf '{"format": 1, "grid": "nimporte' >.git/grille/scan-cache.json
commit_one
is "$rc" 0 "a truncated cache is no failure"
is "$msg" "$good_msg" "the results are the same"
check "the cache is rebuilt into valid JSON" "$PYTHON" -c 'import json,sys; json.load(open(sys.argv[1]))' .git/grille/scan-cache.json
"$PYTHON" - .git/grille/scan-cache.json <<'PY'
import json, sys
p = sys.argv[1]
d = json.load(open(p))
for k in d["blobs"]:
    d["blobs"][k]["questions"] = [["1.1.a", "faux", "x"]]
json.dump(d, open(p, "w"))
PY
commit_one
is "$msg" "$good_msg" "a cache with wrong entries is not trusted"
check "and is rebuilt" "$PYTHON" -c 'import json,sys; d = json.load(open(sys.argv[1])); assert all(isinstance(q[1], str) and q[1] != "faux" for b in d["blobs"].values() for q in b["questions"])' .git/grille/scan-cache.json

# diff, per question.
run diff HEAD~3 HEAD --json
is "$rc" 0 "diff between two commits"
is "$(json "sorted((c['id'], c['change']) for c in d['changes'])")" "[('1.1.b', 'added'), ('3.1.c', 'added')]" "the answers added"
is "$(json "sorted(d.keys())")" "['changes', 'format', 'from', 'questions', 'to']" "diff keys"
answer "$s1" 1.1.a 'Et encore une précision.'
"$GRILLE" skip 3.2 >/dev/null
"$GRILLE" defer 1.6.a --until 2999-01-01 >/dev/null
"$PYTHON" - "$s3" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read().replace("\nUn bureau, trois commissions.\n", "\n")
open(p, "w").write(s)
PY
run diff --json
is "$(json "sorted((c['id'], c['change']) for c in d['changes'])")" \
   "[('1.1.a', 'changed'), ('1.6.a', 'deferred'), ('3.1.a', 'removed'), ('3.2.a', 'skipped'), ('3.2.b', 'skipped'), ('3.2.c', 'skipped'), ('3.2.d', 'skipped'), ('3.2.e', 'skipped'), ('3.2.f', 'skipped')]" \
   "working tree against HEAD: changed, deferred, removed, skipped"
is "$(json "d['to']")" None "to the working tree"
run commit
run reopen 3.2
run diff
contains "$out" "↺ 3.2.a" "a reopened question"
contains "$out" "rouverte" "is said so"
run diff nulle-part
is "$rc" 1 "an unknown point fails"
contains "$err" "« nulle-part » ne désigne aucun point de l'historique" "and says so"
run diff a b c
is "$rc" 2 "three points are a usage error"
git checkout -q -- .

# who, from git blame.
run who --json
is "$rc" 0 "who"
is "$(json "[(p['name'], p['lines']) for s in d['steps'] if s['id'] == '1' for p in s['people']]")" \
   "[('Camille Martin', 2), ('Dominique Git', 1)]" "authors per step, with their lines"
is "$(json "[[p['name'] for p in q['people']] for s in d['steps'] for q in s['questions'] if q['id'] == '1.1.b']")" \
   "[['Dominique Git']]" "per question"
run who 3.1.b --json
is "$(json "[q['id'] for s in d['steps'] for q in s['questions']]")" "['3.1.b']" "who for one question"
run who 1
contains "$out" "Camille Martin (2 lignes), Dominique Git (1 ligne)" "the text output"
run who x.y
is "$rc" 2 "who with a bad ID is a usage error"

# Milestones: a step with nothing unanswered gets a tag; named milestones.
"$PYTHON" - "$ws" <<'PY'
import os, sys, re
p = os.path.join(sys.argv[1], "etape-5-bilan.md")
out = []
for line in open(p):
    out.append(line)
    if re.match(r"^### 5\.\d\.[a-z] ", line):
        out.append("\nRéponse au bilan.\n")
open(p, "w").write("".join(out))
PY
run commit
is "$rc" 0 "commit a finished step"
contains "$out" "Jalon nommé : etape-5" "it is tagged"
is "$(git tag -l)" "etape-5" "git shows the tag"
is "$(git cat-file -t etape-5)" tag "an annotated tag"
contains "$(git tag -l --format='%(contents)' etape-5)" "Étape 5 terminée" "with a message"
run milestone lancement -m "Après la réunion de lancement"
is "$rc" 0 "milestone with nothing new"
is "$(git rev-parse lancement^{commit})" "$(git rev-parse HEAD)" "marks the last commit"
run milestone lancement
is "$rc" 1 "a milestone name is used once"
contains "$err" "existe déjà" "and says so"
run milestone "mauvais nom"
is "$rc" 2 "a name git cannot hold is a usage error"
answer "$s3" 3.3.a 'Le budget.'
run milestone fin-diagnostic
is "$(git log -1 --format=%s)" "Étape 3 : 3/24 réponses (+1)" "milestone commits pending changes first"
is "$(git rev-parse fin-diagnostic^{commit})" "$(git rev-parse HEAD)" "and tags that commit"
run log --json
is "$(json "d['commits'][0]['tags']")" "['fin-diagnostic']" "log shows the tags"
check "git fsck is clean" fsck_clean "$ws"

# A step with deferred questions is not finished.
"$PYTHON" - "$ws" <<'PY'
import os, sys, re
p = os.path.join(sys.argv[1], "etape-4-plan-d-action.md")
out = []
for line in open(p):
    out.append(line)
    if re.match(r"^### 4\.[123]\.[a-z] ", line):
        out.append("\nRéponse au plan.\n")
open(p, "w").write("".join(out))
PY
"$GRILLE" defer 4.4 --until 2999-01-01 >/dev/null
run commit
is "$(git tag -l 'etape-4')" "" "a step with deferred questions gets no tag"
"$GRILLE" reopen 4.4 >/dev/null
"$GRILLE" skip 4.4 >/dev/null
run commit
is "$(git tag -l 'etape-4')" "etape-4" "skipping them finishes it"

# who credits only the boxes someone checked, not the grid's options.
"$PYTHON" - "$ws" <<'PY'
import os, sys
p = os.path.join(sys.argv[1], "etape-2-principes-d-action.md")
s = open(p).read().replace("- [ ] Faire ensemble", "- [x] Faire ensemble", 1)
open(p, "w").write(s)
PY
git -c user.name="Sacha Coche" -c user.email=sacha@example.org commit -qam "Une case cochée"
run who 2.0.a --json
is "$(json "[[(p['name'], p['lines']) for p in q['people']] for s in d['steps'] for q in s['questions']]")" \
   "[[('Sacha Coche', 1)]]" "the checked box only"

# In a bigger repository, commits beside the workspace are not its history.
big="$TEST_ROOT/gros-depot"
mkdir "$big" && git -C "$big" init -q
echo a >"$big/autre.txt" && git -C "$big" add autre.txt && git -C "$big" commit -qm "avant"
"$GRILLE" init "$big/demarche" >/dev/null 2>&1
echo b >>"$big/autre.txt" && git -C "$big" commit -qam "à côté"
answer "$big/demarche/etape-1-par-ou-commencons-nous.md" 1.1.a 'Réponse.'
(cd "$big/demarche" && "$GRILLE" commit >/dev/null 2>&1)
echo c >>"$big/autre.txt" && git -C "$big" commit -qam "encore à côté"
run -C "$big/demarche" log --json
is "$(json "[c['summary'] for c in d['commits']]")" \
   "['Étape 1 : 1/9 réponses (+1)', 'Démarrage de la démarche : Travailler de manière collaborative grâce au numérique']" \
   "log lists the commits of the workspace only"
is "$(json "d['commits'][0]['delta']")" 1 "and measures progress across the others"

done_testing
