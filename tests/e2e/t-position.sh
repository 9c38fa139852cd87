#!/usr/bin/env bash
# grille position: each member's subsection under a "positions" question,
# then the group's synthesis; refusals; status counts; the report shows the
# positions side by side. Then two clones: each member writes their position
# at the same time, and the merge is clean.
. "$(dirname "$0")/lib.sh"

S5=etape-5-bilan.md
cd "$TEST_ROOT" || exit 1
"$GRILLE" init ws >/dev/null 2>&1
cd ws || exit 1
git commit -q --allow-empty -m "Dominique passe" --author "Dominique <dominique@example.org>"

# Without a members list: the writer's subsection alone, named from git.
run position 5.1.a
is "$rc" 0 "grille position 5.1.a"
contains "$out" "Position de Camille Martin sous 5.1.a : écrivez-la à la ligne $S5:" "it says where to write"
line=$(printf '%s' "$out" | sed -n 's/.*ligne [^:]*:\([0-9]*\)\..*/\1/p')
is "$(sed -n "$((line - 2))p" $S5)" "#### Position de Camille Martin" "two lines under the member's heading"
is "$(grep -c '^#### Synthèse du groupe$' $S5)" 1 "and the synthesis's heading after it"
run status --json
is "$(json "[q['positions'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '5.1.a'][0]['expected']")" 2 \
	"without members, the git identities of the history are expected"

refuses 1 "est déjà sous la question « 5.1.a », dans $S5:$((line - 2))" "the same member again" position 5.1.a
refuses 2 "n'est pas une question où chaque personne donne sa position" "a text question" position 5.1.b
refuses 2 "n'est pas une question de la grille" "an ID the grid lacks" position 9.9.z
refuses 2 "un identifiant de question est attendu" "no ID" position
refuses 2 "n'est pas un nom sur une ligne" "a name that is not one line" position 5.2.a --member $'A\nB'

# A facilitator types for someone else, a name with an accent.
run position 5.1.a --member "Élodie"
is "$rc" 0 "--member without a members list writes that name"
is "$(grep -c "^#### Position d'Élodie$" $S5)" 1 "« d' » before a vowel"
is "$(grep -n '^#### ' $S5 | sed -n '1,3p' | cut -d' ' -f2- | tr '\n' ';')" \
	"Position de Camille Martin;Position d'Élodie;Synthèse du groupe;" "added before the synthesis"

refuses 1 "la position de « Élodie » est déjà sous la question" "the same name typed with spaces around it" \
	position 5.1.a --member "  Élodie "
run position 5.1.a --member '*Bob* #2'
is "$(grep -c '^#### Position de \\\*Bob\\\* \\#2$' $S5)" 1 "Markdown in a name is escaped in its heading"
refuses 1 "la position de « *bob* #2 » est déjà" "and read back as the same name" position 5.1.a --member '*bob* #2'
sed -i '/^#### Position de \\\*Bob/,+3d' $S5

# Positions written, no synthesis yet: not answered, counted.
sed -i "$((line))s/^\$/Les outils nous ont fait gagner du temps./" $S5
run status --all
contains "$out" "5.1.a Comment et en quoi les outils choisis ont-ils contribué à renforcer la collaboration au sein du collectif ? (positions : 1 sur 2, synthèse à écrire)" \
	"status: one position written of two, synthesis to write"
run status --json
is "$(json "[q['state'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '5.1.a'][0]")" unanswered \
	"positions alone leave it unanswered"
run report -o - --format md --step 5
contains "$out" "**Camille Martin**" "the report shows the positions before the synthesis is written"
contains "$out" "$(printf '##### Synthèse du groupe\n\n(pas encore écrite)')" "and says the synthesis is still to write"
awk '{ print } /^#### Synthèse du groupe$/ && !done { print ""; print "Nous gardons les outils."; done = 1 }' $S5 >s && mv s $S5
run status --json
is "$(json "[q['state'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '5.1.a'][0]")" answered \
	"the synthesis answers it"

# The report: positions side by side, then the synthesis, escaped.
sed -i "s/^#### Position d'Élodie\$/&\n\n<b>Plus<\/b> simple \& rapide !/" $S5
run report -o - --format html --step 5
contains "$out" '<div class="positions">' "HTML: the positions in a grid of cards"
contains "$out" "<h5>Camille Martin</h5>" "HTML: each card names its member"
contains "$out" "<code>&lt;b&gt;</code>Plus" "HTML: raw HTML a member wrote is shown as code, escaped"
contains "$out" "<h5>Synthèse du groupe</h5>" "HTML: then the synthesis"
printf '%s\n' "$out" >"$TEST_ROOT/r.html"
tidy -e -q "$TEST_ROOT/r.html" >/dev/null 2>&1
ok $? "HTML: the page passes tidy, with no warning"
out=$("$PYTHON" "$TEST_DIR/html_check.py" "$TEST_ROOT/r.html")
is "$(json "d['problems']")" "[]" "HTML: nothing executable"
is "$(json "d['heading_jumps']")" "[]" "HTML: no gap in the heading hierarchy"
run report -o - --format md --step 5
contains "$out" "**Camille Martin**" "Markdown: a list of positions"
run report -o "$TEST_ROOT/r.fodt" --step 5
check "OpenDocument: well-formed" xmllint --noout "$TEST_ROOT/r.fodt"
contains "$(cat "$TEST_ROOT/r.fodt")" "Les outils nous ont fait gagner du temps." "OpenDocument: the position is in the table"
run report -o - --format json --step 5
is "$(json "[q['positions'][0]['text'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '5.1.a'][0].strip()")" \
	"Les outils nous ont fait gagner du temps." "JSON: each position's text"

# With members: every member's subsection at once, in the list's order.
"$GRILLE" member add "Camille Martin" --email camille@example.org >/dev/null 2>&1
"$GRILLE" member add "Zoé" >/dev/null 2>&1
"$GRILLE" member add "Élodie" >/dev/null 2>&1
run position 5.2.a
is "$rc" 0 "grille position with a members list"
contains "$out" "Les autres membres ont aussi leur sous-partie" "it says every member has one"
is "$(sed -n '/^### 5.2.a/,/^### 5.3.a\|^## 5.3/p' $S5 | grep '^#### ' | tr '\n' ';')" \
	"#### Position de Camille Martin;#### Position de Zoé;#### Position d'Élodie;#### Synthèse du groupe;" \
	"all members, in the list's order, then the synthesis"
refuses 2 "n'est pas dans la liste des membres" "a name not in membres.md" position 5.3.a --member Inconnu
run status --all
contains "$out" "(positions : 0 sur 3)" "status: the members are expected"
GIT_AUTHOR_NAME=Inconnu GIT_AUTHOR_EMAIL=x@example.org refuses 2 "ne correspond à aucun membre" \
	"an identity that is no member" position 5.3.a

# A step file saved with Windows line endings keeps them.
sed -i 's/$/\r/' $S5
run position 5.3.a --member zoé
is "$rc" 0 "--member matches membres.md whatever the case"
is "$(grep -c $'\r$' $S5)" "$(wc -l <$S5)" "every line, new ones too, ends with CRLF"
contains "$(grep -a '^#### Position de Zoé' $S5)" "Zoé" "the name as membres.md writes it"

# Two clones, two members writing at once: the merge is clean.
shared="$TEST_ROOT/partage.git"
git init -q --bare "$shared"
alice="$TEST_ROOT/alice" bob="$TEST_ROOT/bob"
as_alice() { GIT_AUTHOR_NAME=Alice GIT_AUTHOR_EMAIL=alice@example.org GIT_COMMITTER_NAME=Alice GIT_COMMITTER_EMAIL=alice@example.org "$@"; }
as_bob() { GIT_AUTHOR_NAME=Bob GIT_AUTHOR_EMAIL=bob@example.org GIT_COMMITTER_NAME=Bob GIT_COMMITTER_EMAIL=bob@example.org "$@"; }
as_alice "$GRILLE" init "$alice" >/dev/null 2>&1
cd "$alice" || exit 1
as_alice "$GRILLE" member add Alice --email alice@example.org >/dev/null 2>&1
as_alice "$GRILLE" member add Bob --email bob@example.org >/dev/null 2>&1
as_alice "$GRILLE" commit -m "Les membres" >/dev/null 2>&1
as_alice "$GRILLE" sync --set-remote "$shared" >/dev/null 2>&1
git clone -q "file://$shared" "$bob"

write_at() { # write_at OUTPUT TEXT: put TEXT on the line grille position named
	local n
	n=$(printf '%s' "$1" | sed -n 's/.*ligne [^:]*:\([0-9]*\)\..*/\1/p')
	sed -i "${n}s/^\$/$2/" $S5
}
out=$(as_alice "$GRILLE" position 5.3.a 2>&1)
write_at "$out" "Alice s'en sert chaque jour."
as_alice "$GRILLE" commit -m "Position d'Alice" >/dev/null 2>&1
run sync
is "$rc" 0 "Alice shares her position"
cd "$bob" || exit 1
out=$(as_bob "$GRILLE" position 5.3.a 2>&1)
write_at "$out" "Bob ne s'en sert pas encore."
as_bob "$GRILLE" commit -m "Position de Bob" >/dev/null 2>&1
out=$(as_bob "$GRILLE" sync 2>&1); rc=$?
is "$rc" 0 "Bob syncs: the two positions merge"
is "$(git status --porcelain)" "" "nothing left in conflict or uncommitted"
is "$(git log --merges --format=%s | wc -l)" 1 "a merge commit joins them"
check "no conflict marker in the step file" bash -c "! grep -q '^<<<<<<<\|^>>>>>>>' $S5"
is "$(grep -c "^Alice s'en sert chaque jour.\$\|^Bob ne s'en sert pas encore.\$" $S5)" 2 "both positions are there"
is "$(grep -c "^#### Position d'Alice\$" $S5)" 1 "Alice's heading once, elided: « Position d'Alice »"
is "$(sed -n '/^### 5.3.a/,/^### 5.3.c/p' $S5 | grep -c '^#### ')" 3 "each heading once: Alice's, Bob's, the synthesis"
run status --all
contains "$out" "(positions : 2 sur 2, synthèse à écrire)" "status counts both positions"
check "git log shows both members' commits" bash -c "git log --format=%an | grep -q Alice && git log --format=%an | grep -q Bob"

# Both write under the same heading: that stays a conflict, both versions kept.
cd "$alice" && as_alice "$GRILLE" sync >/dev/null 2>&1
line=$(grep -n '^#### Synthèse du groupe$' $S5 | tail -1 | cut -d: -f1)
sed -i "$((line + 2))s/^\$/Nous gardons tout./" $S5
as_alice "$GRILLE" commit -m "Synthèse d'Alice" >/dev/null 2>&1
as_alice "$GRILLE" sync >/dev/null 2>&1
cd "$bob" || exit 1
sed -i "$((line + 2))s/^\$/Nous abandonnons le tableur./" $S5
as_bob "$GRILLE" commit -m "Synthèse de Bob" >/dev/null 2>&1
out=$(as_bob "$GRILLE" sync 2>&1); rc=$?
is "$rc" 1 "two syntheses written at once: sync stops on a conflict"
check "both versions are kept between git's markers" bash -c "grep -q '^<<<<<<<' $S5 && grep -q 'Nous gardons tout.' $S5 && grep -q 'Nous abandonnons le tableur.' $S5"

done_testing
