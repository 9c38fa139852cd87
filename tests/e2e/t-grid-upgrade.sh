#!/usr/bin/env bash
# A workspace keeps the grid of the version it records, and `grille grid
# upgrade` brings it to the shipped one: the grid's rewordings carried over,
# nothing the group wrote changed, one commit; refused when it cannot be done
# safely.
#
# The workspace of grid 1.2: `grille init --grid` with the 1.2 grid grille
# embeds (templates/fr/history/grille-1.2.yaml) writes the step files from it
# with the same scaffolder; taking the copied grid file out of the workspace
# and its `file:` line out of grille.yaml leaves what `grille init` wrote when
# 1.2 was the default grid: grid collaboration-numerique, version "1.2".
. "$(dirname "$0")/lib.sh"

grid12="$(cd "$(dirname "$0")/../.." && pwd)/templates/fr/history/grille-1.2.yaml"
step1=etape-1-par-ou-commencons-nous.md
step2=etape-2-principes-d-action.md
step4=etape-4-plan-d-action.md
step5=etape-5-bilan.md

make_workspace_12() { # make_workspace_12 DIR: a workspace of grid 1.2, committed
	"$GRILLE" init --grid "$grid12" "$1" >/dev/null 2>&1 || return 1
	(cd "$1" && git rm -q grille-grid.yaml && sed -i '/^  file: grille-grid.yaml$/d' grille.yaml &&
	 sed -i 's/^level: 1$/# Notre niveau de détail\nlevel: 1/' grille.yaml &&
	 git commit -qam "Un espace de travail de la grille 1.2")
}

ws="$TEST_ROOT/ws"
make_workspace_12 "$ws"
ok $? "a workspace of grid 1.2 is made"
cd "$ws" || exit 1
contains "$(cat grille.yaml)" 'version: "1.2"' "it records version 1.2"

# Until it upgrades, it keeps its grid: 4.4.b's 1.2 guidance is template text.
run status --json
is "$rc" 0 "status reads it"
is "$(json "d['totals']['questions'], d['totals']['answered']")" "38 0" "38 questions at level 1, none answered"
is "$(state 4.4.b)" "unanswered" "the 1.2 guidance is no answer: the 1.2 grid is loaded"
is "$(json "d['grid_upgrade']")" "{'version': '1.2', 'newer': '1.3', 'command': 'grille grid upgrade'}" \
	"--json says a newer grid is there"
run status
is "$(printf '%s\n' "$out" | grep -c 'grid upgrade')" 1 "status says so once, in one line"
contains "$out" "suit la grille 1.2 ; grille fournit la 1.3" "naming both versions"

# The group answers, checks an option, rewrites a heading.
answer "$step1" 1.1.a "Nous sommes douze, dont trois salariées."
sed -i 's/^- \[ \] Plutôt en collaboration : chacun réalise sa part$/- [x] Plutôt en collaboration : chacun réalise sa part/' "$step1"
sed -i 's/^### 1\.2\.a .*/### 1.2.a Ce qui nous réunit vraiment/' "$step1"
run commit -m "Premières réponses"
is "$rc" 0 "the answers are committed"
run status --json
is "$(state 1.1.a) $(state 1.5.a) $(state 4.4.b)" "answered answered unanswered" "the answers count, 4.4.b still not"
before=$(git rev-parse HEAD)
mkdir "$TEST_ROOT/before" && cp etape-*.md grille.yaml "$TEST_ROOT/before/"

# --dry-run lists, writes nothing.
WS=. refuses 0 "" "grid upgrade --dry-run" grid upgrade --dry-run
contains "$out" "rien n'a été écrit" "--dry-run says nothing was written"
contains "$out" "4.4.b : texte de la grille mis à jour" "and lists what would change"

run grid upgrade
is "$rc" 0 "grid upgrade"
contains "$out" "Grille mise à jour de la version 1.2 à 1.3" "says what it did"
contains "$out" "$step1 : 1 texte de la grille mis à jour" "per file"
printf '%s\n' "$out" >"$TEST_ROOT/upgrade.out"
is "$(git rev-list --count "$before"..HEAD)" 1 "in one commit"
is "$(git log -1 --format=%s)" "Grille mise à jour de la version 1.2 à 1.3" "whose subject says so"
is "$(git show --name-only --format= HEAD | sort | tr '\n' ' ')" "$step1 $step2 $step4 $step5 grille.yaml " \
	"holding grille.yaml and the step files that changed"
is "$(git status --porcelain)" "" "nothing left to commit"
contains "$(cat grille.yaml)" 'version: "1.3"' "grille.yaml records 1.3"
is "$(diff "$TEST_ROOT/before/grille.yaml" grille.yaml | grep -c '^[<>]')" 2 "and only its version line changed"
contains "$(cat grille.yaml)" "# Notre niveau de détail" "its comments stay"

# Byte for byte: every line of each step file the upgrade did not list is as it was.
"$PYTHON" - "$TEST_ROOT/before" "$TEST_ROOT/upgrade.out" etape-*.md <<'EOF'
import difflib, re, sys
before, report, files = sys.argv[1], sys.argv[2], sys.argv[3:]
listed, current = {}, None
for line in open(report, encoding='utf-8'):
    m = re.match(r'  (\S+\.md) : ', line)
    if m:
        current = m.group(1)
        continue
    m = re.search(r'\(lignes? (\d+)(?: à (\d+))?\)$', line.rstrip('\n'))
    if m and current:
        listed.setdefault(current, []).append((int(m.group(1)), int(m.group(2) or m.group(1))))
bad = []
for name in files:
    old = open(f'{before}/{name}', 'rb').read().split(b'\n')
    new = open(name, 'rb').read().split(b'\n')
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == 'equal':
            continue
        # A heading inserted after a blank line diffs as "blank, heading" or
        # "heading, blank": blank lines an insert adds are the upgrade's too.
        lines = [n for n in range(j1 + 1, j2 + 1) if not (op == 'insert' and new[n - 1].strip() == b'')]
        if j1 == j2 or not all(any(a <= n <= b for a, b in listed.get(name, [])) for n in lines):
            bad.append(f'{name}: {op} old {i1 + 1}-{i2} new {j1 + 1}-{j2}')
print('\n'.join('# ' + b for b in bad))
sys.exit(1 if bad or not listed else 0)
EOF
ok $? "every line outside the listed changes is byte for byte as it was"
contains "$(cat "$step1")" "Nous sommes douze, dont trois salariées." "the answer is there"
contains "$(cat "$step1")" "### 1.2.a Ce qui nous réunit vraiment" "the group's heading stays"
contains "$(cat "$step1")" "- [x] Plutôt en collaboration : chacune et chacun réalise sa part" \
	"the reworded option keeps its checked box"
contains "$(cat "$step4")" "> Nous les fixons dès maintenant et les inscrivons dans l'agenda" "4.4.b's guidance in 1.3's words"
case "$(cat etape-*.md)" in *Fixez-les*|*": chacun réalise"*) ok 1 "no 1.2 wording left" ;; *) ok 0 "no 1.2 wording left" ;; esac
contains "$out" "$step2 : 8 textes de la grille mis à jour, 3 titres de groupe ajoutés" "the three families of step 2"
contains "$out" "    2.4 : le titre de son groupe ajouté avant lui" "each before its first item"
is "$(grep -n "^## Donner une couleur à notre démarche\$\|^## 2.4 " "$step2" | cut -d: -f2- | tr '\n' '|')" \
   "## Donner une couleur à notre démarche|## 2.4 Penser notre démarche par le prisme de l'innovation sociale|" \
   "a group's heading right before its first item"
"$GRILLE" init "$TEST_ROOT/fresh" >/dev/null 2>&1
cmp -s "$step2" "$TEST_ROOT/fresh/$step2"
ok $? "step 2, never answered, is byte for byte what grid 1.3 scaffolds"

run status --json
is "$(json "d['totals']['questions'], d['grid_upgrade']")" "38 None" "status: the same questions, no newer grid"
is "$(state 1.1.a) $(state 1.5.a) $(state 4.4.b)" "answered answered unanswered" "and the same answers"
run log --json
is "$(json "[(c['answered'], c['delta']) for c in d['commits'][:2]]")" "[(2, 0), (2, 2)]" \
	"the log reads each commit with its own grid: the upgrade changes no count"
run status
case "$out" in *"grid upgrade"*) ok 1 "status no longer mentions the upgrade" ;; *) ok 0 "status no longer mentions the upgrade" ;; esac

# A second run has nothing to do.
head=$(git rev-parse HEAD)
WS=. refuses 0 "" "a second grid upgrade" grid upgrade
contains "$out" "déjà la version 1.3" "says there is nothing to do"
is "$(git rev-parse HEAD)" "$head" "and makes no commit"
check "the repository is sound" fsck_clean "$ws"

# A question left under the note (as an upgrade leaves one the grid removed):
# its answer counts, the note does not; status lists it.
note="> Cette question n'est plus dans la grille (version 1.3) : elle reste ici avec sa réponse."
printf '\n### 2.8.y Une question retirée, répondue ?\n\n%s\n\nNotre ancienne réponse.\n\n### 2.8.z Une question retirée, sans réponse ?\n\n%s\n' \
	"$note" "$note" >>etape-2-principes-d-action.md
run status --json
is "$(state 2.8.y) $(state 2.8.z)" "answered skipped" "a flagged question: its answer counts, the note alone does not"
is "$(json "[q['id'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['retired']]")" \
	"['2.8.y', '2.8.z']" "--json marks them retired"
run status
contains "$out" "2.8.y n'est plus dans la grille 1.3 : sa réponse est gardée" "status lists them"
git checkout -q -- etape-2-principes-d-action.md

# Refused, nothing changed: changes not yet committed in a step file...
ws2="$TEST_ROOT/ws2"
make_workspace_12 "$ws2"
cd "$ws2" || exit 1
answer "$step1" 1.1.a "Pas encore enregistré."
WS=. refuses 1 "grille commit" "uncommitted answers" grid upgrade
WS=. refuses 0 "" "--dry-run with uncommitted answers" grid upgrade --dry-run
contains "$out" "4.4.b : texte de la grille mis à jour" "still shows what would change"
git checkout -q -- "$step1"

# ...in grille.yaml too...
sed -i 's/^title: .*/title: Un autre titre/' grille.yaml
WS=. refuses 1 "grille commit" "an uncommitted grille.yaml" grid upgrade
git checkout -q -- grille.yaml

# ...a workspace with a grid file of its own...
ws3="$TEST_ROOT/ws3"
"$GRILLE" init --grid "$grid12" "$ws3" >/dev/null 2>&1
cd "$ws3" || exit 1
WS=. refuses 1 "suit sa propre grille" "a workspace with its own grid" grid upgrade
contains "$err" "grid: file:" "naming the setting"

# ...a version grille does not know: every command says what to do.
cd "$ws2" || exit 1
sed -i 's/^  version: "1.2"$/  version: "9.1"/' grille.yaml
WS=. refuses 1 "ne connaît pas" "an unknown grid version" status
contains "$err" "1.0, 1.1, 1.2 et 1.3" "naming the versions grille knows"
git checkout -q -- grille.yaml

# ...and a bad command line.
WS=. refuses 2 "grille grid upgrade" "no action" grid
WS=. refuses 2 "inconnue" "an unknown action" grid downgrade
WS=. refuses 2 "inattendu" "an extra argument" grid upgrade now
run grid upgrade --help
is "$rc" 0 "grid upgrade --help"
contains "$out" "--dry-run" "documents --dry-run"
done_testing
