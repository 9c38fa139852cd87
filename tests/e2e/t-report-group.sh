#!/usr/bin/env bash
# The group's data in who, log and the report: members written by hand in
# membres.md, an action in each state in plan.md, the calendar in
# calendrier.md; two git authors, one a member under another name, one not.
. "$(dirname "$0")/lib.sh"

check_html() { "$PYTHON" "$TEST_DIR/html_check.py" "$1"; }
export SOURCE_DATE_EPOCH=1796083200 # today is 2026-12-01
export GIT_AUTHOR_NAME="Awa D" GIT_AUTHOR_EMAIL=awa@example.org
export GIT_COMMITTER_NAME="Awa D" GIT_COMMITTER_EMAIL=awa@example.org

ws="$TEST_ROOT/ws"
"$GRILLE" init "$ws" --level 2 >/dev/null 2>&1
cd "$ws" || exit 1
s1=etape-1-par-ou-commencons-nous.md
answer "$s1" 1.1.a 'Une association de quartier.'
cat >>membres.md <<'EOF'
| Awa Diallo | animatrice, secrétaire | awa@example.org | |
| Bruno Lefèvre | trésorier | bruno@example.org | |
EOF
cat >>plan.md <<'EOF'
| A1 | Choisir un agenda partagé | Awa Diallo | 2026-11-20 | en cours | Nextcloud | un agenda utilisé | 1.1.a, 2.5 | |
| A2 | Former les bénévoles | Bruno Lefèvre | 2027-01-10 | à faire | | | 1.1 | |
| A3 | Écrire la charte | | 2026-10-01 | fait | | | | |
| A4 | Acheter un serveur | Awa Diallo | 2026-12-15 | abandonnée | | | | trop cher |
EOF
cat >>calendrier.md <<'EOF'
| 2026-11-15 | début du test | | |
| 2027-02-15 | fin du test | | |
| 2026-11-30 | bilan | Bilan d'étape | oui |
| 2027-01-15 | bilan | Bilan intermédiaire | |
EOF
git add -A && git commit -q -m "Le groupe, son plan et son calendrier"
answer "$s1" 1.1.b 'Le départ de la coordinatrice.'
GIT_AUTHOR_NAME="Zoé Martin" GIT_AUTHOR_EMAIL=zoe@example.org git commit -q -a -m "Le contexte"

run who
is "$rc" 0 "who"
contains "$out" "Awa Diallo (Awa D) (1 ligne)" "who names the member, with the git name that differs"
contains "$out" "Zoé Martin (1 ligne)" "and the author who is no member by their git name"
contains "$out" "Identité sans membre : Zoé Martin <zoe@example.org> — à ajouter avec grille member add NOM --email …" \
	"then lists the identity that matches no member"
run who --json
is "$(json "sorted((p['name'], p['member']) for s in d['steps'] for p in s['people'])")" \
	"[('Awa D', 'Awa Diallo'), ('Zoé Martin', None)]" "who --json: each person's member, or null"

run log
contains "$out" "Awa Diallo (Awa D)" "log names the member"
contains "$out" "Identité sans membre : Zoé Martin <zoe@example.org>" "and lists the identity that matches no member"
run log --json
is "$(json "[(c['author'], c['member']) for c in d['commits']]")" \
	"[('Zoé Martin', None), ('Awa D', 'Awa Diallo'), ('Awa D', 'Awa Diallo')]" "log --json: each commit's member"

run report -o "$TEST_ROOT/r.html"
is "$rc" 0 "the HTML report"
html=$(cat "$TEST_ROOT/r.html")
tidy -e -q "$TEST_ROOT/r.html" >/dev/null 2>&1
ok $? "HTML: tidy finds no error and no warning"
out=$(check_html "$TEST_ROOT/r.html")
is "$(json "d['problems']")" "[]" "HTML: nothing executable"
is "$(json "d['heading_jumps']")" "[]" "HTML: no gap in the headings"
is "$(json "len(d['labels']), all(d['labels'])")" "3 True" "HTML: the three pictures have a text alternative"
contains "$(json "d['labels'][1]")" "Frise du calendrier" "HTML: the second is the calendar's timeline"
is "$(json "[t[0] for t in d['tables'] if t[0][:2] == ['N°', 'Action']]")" \
	"[['N°', 'Action', 'Qui', 'Échéance', 'Moyens', 'Indicateur', 'Pour'], ['N°', 'Action', 'Qui', 'Échéance', 'Moyens', 'Indicateur', 'Pour'], ['N°', 'Action', 'Qui', 'Échéance', 'Moyens', 'Indicateur', 'Pour'], ['N°', 'Action', 'Qui', 'Échéance', 'Moyens', 'Indicateur', 'Pour', 'Pourquoi']]" \
	"HTML: a plan table per state, the dropped one saying why"
contains "$html" "<caption>En cours (1)</caption>" "HTML: in progress first"
contains "$html" '<td class="date late">20 novembre 2026 (en retard)</td>' "HTML: the late deadline marked"
contains "$html" '<a href="#q-1-1-a">1.1.a</a>' "HTML: the action links to the question it answers"
contains "$html" '<h4 id="q-1-1-a">' "HTML: which is there"
contains "$html" '<a href="#etape-2">2.5</a> Adopter une démarche progressive' "HTML: and to the step of an item with no answer yet"
contains "$html" "<td>trop cher</td>" "HTML: why A4 was dropped"
ok $([[ "$html" != *awa@example.org* && "$html" != *bruno@example.org* ]]; echo $?) "HTML: no member's e-mail"
contains "$html" "<tr><td>Bruno Lefèvre</td><td>trésorier</td></tr>" "HTML: members and roles"
contains "$html" "<td>Awa Diallo (Awa D)</td>" "HTML: milestones by member"
contains "$html" "Identité sans membre : Zoé Martin — à ajouter" "HTML: the identity without member, no e-mail"
contains "$html" "Phase de test : du 15 novembre 2026 au 15 février 2027." "HTML: the test phase"
contains "$html" "<tr><td class=\"date\">1er décembre 2026</td><td>Aujourd'hui</td></tr>" "HTML: the timeline's dates in a table"
contains "$html" ">1 déc.</text>" "HTML: the axis, in words"
# Where Chromium is there, the pictures are drawn for real, at a size that shows.
if command -v chromium >/dev/null 2>&1; then
	check "HTML: every picture is drawn (headless Chromium)" \
		timeout 120 "$TEST_DIR/../check/svg-size.sh" "$TEST_ROOT/r.html"
fi

run report -o - --format md
is "$rc" 0 "the Markdown report"
contains "$out" "### À faire (1)" "Markdown: the plan by state"
contains "$out" "| A1 | Choisir un agenda partagé | Awa Diallo | 20 novembre 2026 (en retard) | Nextcloud | un agenda utilisé | 1.1.a Comment décririons-nous notre collectif en quelques mots ? ; 2.5 Adopter une démarche progressive |" \
	"Markdown: an action with the IDs it answers and their titles"
contains "$out" "| 15 janvier 2027 | Bilan : Bilan intermédiaire (à venir) |" "Markdown: the timeline as a table"
ok $([[ "$out" != *awa@example.org* ]]; echo $?) "Markdown: no member's e-mail"
# The data questions answered by the group's tables show them in place.
contains "$out" "#### 4.4.a Quelle durée donnons-nous à la phase de test ?" "Markdown: the test phase's question is answered"
contains "$out" "#### 4.1.f Quelles actions menons-nous, qui s'en charge et pour quand ?

4 actions : 1 en cours, 1 à faire, 1 faite, 1 abandonnée. Le plan en entier a sa partie" \
	"Markdown: the plan's question sums the plan up in place"
contains "$html" '<a href="#plan">4 actions : 1 en cours' "HTML: the summary links to the plan"

run report -o "$TEST_ROOT/r.fodt"
is "$rc" 0 "the OpenDocument report"
xmllint --noout "$TEST_ROOT/r.fodt"
ok $? "the .fodt is well-formed XML"
fodt=$(cat "$TEST_ROOT/r.fodt")
contains "$fodt" "Échéance de A1 : Choisir un agenda partagé (en retard)" "ODT: the dates in order"
contains "$fodt" ">Abandonnées (1)<" "ODT: the plan by state"
ok $([[ "$fodt" != *awa@example.org* ]]; echo $?) "ODT: no member's e-mail"

run report -o - --format json
is "$rc" 0 "the JSON report"
is "$(json "[(a['id'], a['state'], a['late']) for a in d['plan']]")" \
	"[('A1', 'en cours', True), ('A2', 'à faire', False), ('A3', 'fait', False), ('A4', 'abandonnée', False)]" \
	"JSON: the plan, the late action"
is "$(json "[(q['kind'], len(q['data'] or [])) for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] in ('4.1.f', '1.3.a')]")" \
	"[('members', 2), ('plan', 4)]" "JSON: a data question carries its kind and its data"
is "$(json "[d['calendar']['test_start'], d['calendar']['test_end'], [r['state'] for r in d['calendar']['reviews']], [x['action'] for x in d['calendar']['deadlines']]]")" \
	"['2026-11-15', '2027-02-15', ['done', 'upcoming'], ['A1', 'A2', 'A3', 'A4']]" "JSON: the calendar"
is "$(json "[(m['name'], m['email']) for m in d['members']]")" \
	"[('Awa Diallo', 'awa@example.org'), ('Bruno Lefèvre', 'bruno@example.org')]" "JSON: members with their e-mail"
is "$(json "[m['member'] for m in d['milestones']]")" "[None, 'Awa Diallo', 'Awa Diallo']" "JSON: milestones' members"

# Two versions of a member, left by a merge: the report says so, naming both.
printf '| Awa Diallo | animatrice | awa@example.org | |\n' >>membres.md
run report -o - --format md
contains "$out" "membres.md : 2 versions de « Awa Diallo », à ramener à une seule ligne : ligne 7 « | Awa Diallo | animatrice, secrétaire | awa@example.org | | » ; ligne 9 « | Awa Diallo | animatrice | awa@example.org | | »" \
	"the report notes an entry conflict, both versions named"
run report -o "$TEST_ROOT/c.html"
contains "$(cat "$TEST_ROOT/c.html")" '<div class="warn" role="note">' "HTML: in a visible note"
is "$(git status --porcelain)" " M membres.md" "the report wrote nothing in the workspace"

# A history of many authors gets a short line: twenty names, then "…".
for n in $(seq 1 21); do
	GIT_AUTHOR_NAME="Auteur $n" GIT_AUTHOR_EMAIL="a$n@example.org" git commit -q --allow-empty -m "vide $n"
done
run log
line=$(printf '%s\n' "$out" | grep '^Identités sans membre')
is "$(printf '%s' "$line" | grep -o '@example.org>' | wc -l)" 20 "log lists twenty identities without member"
contains "$line" ", … — à ajouter" "and says there are more"
run report -o - --format md
contains "$out" "Auteur 2, …" "so does the report"

done_testing
