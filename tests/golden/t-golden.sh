#!/usr/bin/env bash
# Golden files: what grille prints for a fixed workspace with a fixed history
# and a fixed "today", compared byte for byte with tests/golden/*.ref (the way
# libdisplay-info keeps test/data/*.print). A change in any output is a diff a
# reviewer reads. After an intended change: GOLDEN_UPDATE=1 meson test -C BUILD
# "e2e: golden files", then read `git diff tests/golden`.
. "$(dirname "$0")/../e2e/lib.sh"
GOLDEN=$(cd "$(dirname "$0")" && pwd)

# Every date is fixed: git's, through its environment, and grille's "today",
# through SOURCE_DATE_EPOCH (2026-12-01).
export SOURCE_DATE_EPOCH=1796083200
export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
at() { # at DATE NAME EMAIL: the next git commands happen then, by them
	export GIT_AUTHOR_DATE="$1 +0200" GIT_COMMITTER_DATE="$1 +0200"
	GIT_AUTHOR_NAME=$2 GIT_AUTHOR_EMAIL=$3 GIT_COMMITTER_NAME=$2 GIT_COMMITTER_EMAIL=$3
}

cd "$TEST_ROOT" || exit 1
at "2026-10-01T18:00:00" "Camille Martin" "camille@example.org"
run init ws --level 2 --collective "Les Amis du Quartier" --title "Mieux travailler ensemble"
ok "$rc" "the fixture's workspace is made"
cd ws || exit 1
git commit -q --amend --no-edit --reset-author
S1=etape-1-par-ou-commencons-nous.md S2=etape-2-principes-d-action.md S3=etape-3-diagnostic.md
S4=etape-4-plan-d-action.md

# First meeting, written down by Camille: step 1, in part.
at "2026-10-08T20:30:00" "Camille Martin" "camille@example.org"
answer $S1 1.1.a 'Une association de quartier : 12 bénévoles, **2 salariées**, un local partagé.'
answer $S1 1.1.b 'Le départ de notre coordinatrice.\n\n- les agendas sont éparpillés\n- les mails se perdent'
answer $S1 1.2.a 'Retrouver nos documents & nos décisions <sans> chercher.'
run skip 1.1.e --reason "hors sujet pour nous"
git add -A && git commit -q -m "Premier atelier : le contexte"
git tag -a atelier-1 -m "Après le premier atelier"

# Second meeting, written down by Dominique: steps 2 and 3, a date for later.
at "2026-10-15T19:00:00" "Dominique Petit" "dominique@example.org"
answer $S2 2.0.a '%s\n%s' '- [x] Coopérer' '- [ ] Documenter'
answer $S3 3.1.a '| Outil | Usage |\n|---|---|\n| Courriel | tout |\n| Tableur | les comptes |'
answer $S1 1.2.b 'Le bureau, lors de l'"'"'assemblée générale de juin.'
run defer 3.2 --until 2026-11-01 --reason "après les vacances"
run skip 2.4
git add -A && git commit -q -m "Deuxième atelier : principes et diagnostic"

# A review behind us and one ahead; then work not yet committed.
at "2026-10-20T10:00:00" "Camille Martin" "camille@example.org"
printf '%s\n' "| 2026-11-15 | bilan | Bilan d'étape | |" '| 2027-01-15 | bilan | Bilan de la phase de test | |' >>calendrier.md
git add -A && git commit -q -m "Dates de bilan"
answer $S1 1.1.c 'Une subvention qui demande un *plan de travail* partagé.'
printf '\n%s\n' "Une ligne de plus, pas encore enregistrée." >>$S3
answer $S4 4.1.a 'Tester un agenda partagé pendant **trois mois**.'

check "git sees an ordinary repository" git fsck --no-progress
is "$(git log --format=%an | sort -u | tr '\n' ,)" "Camille Martin,Dominique Petit," "two people wrote the history"

# Each output, with the scratch folder's path made stable.
golden() { # golden NAME ARGS...: grille ARGS's stdout must be NAME.ref
	local name=$1
	shift
	run "$@"
	local got=${out//$TEST_ROOT/@ROOT@}
	if [ -n "${GOLDEN_UPDATE:-}" ]; then
		printf '%s\n' "$got" >"$GOLDEN/$name.ref"
	fi
	if [ -f "$GOLDEN/$name.ref" ] && [ "$got" = "$(cat "$GOLDEN/$name.ref")" ]; then
		ok 0 "grille $* prints $name.ref"
	else
		ok 1 "grille $* prints $name.ref (exit $rc)"
		diff -u "$GOLDEN/$name.ref" - <<<"$got" | head -n 40 | sed 's/^/#   /'
	fi
}

golden status status
golden status-all status --all
golden status-step-3 status --step 3
golden status-json status --json
golden log log
golden log-json log --json
golden diff diff
golden diff-milestone diff atelier-1 HEAD
golden diff-json diff --json
golden who who
golden who-1.2 who 1.2
golden who-json who --json
golden report-html report -o -
golden report-md report -o - --format md
golden report-json report -o - --format json
golden report-fodt report -o - --format odt
golden report-at-html report -o - --at atelier-1
golden report-step-md report -o - --format md --step 3
golden report-authors-md report -o - --format md --step 1 --authors
golden sheet-2-html sheet 2
# GRILLE_THREADS changes how many threads read and render, never what comes out.
GRILLE_THREADS=1 golden status-json status --json
GRILLE_THREADS=3 golden report-html report -o -
GRILLE_THREADS=abc golden report-md report -o - --format md

# The review, once the members gave their positions and the group its synthesis:
# the positions side by side, then the synthesis (added last: the outputs above stay).
S5=etape-5-bilan.md
run member add "Camille Martin" --email camille@example.org
run member add "Dominique Petit" --email dominique@example.org
run position 5.1.a
under() { # under HEADING TEXT...: TEXT (printf format) under the first HEADING of $S5, a blank line between
	local heading=$1
	shift
	UNDER_TEXT=$(printf "$@") awk -v h="$heading" '{ print } $0 == h && !done { print ""; print ENVIRON["UNDER_TEXT"]; done = 1 }' \
		$S5 >$S5.tmp && mv $S5.tmp $S5
}
under "#### Position de Camille Martin" "L'agenda partagé nous a fait **gagner du temps** : <b>enfin</b> !"
under "#### Position de Dominique Petit" 'Plus simple pour moi, moins pour les bénévoles.\n\n- les rappels\n- le tableur'
under "#### Synthèse du groupe" "Nous gardons l'agenda, & nous formons les bénévoles."
golden status-positions status --step 5 --all
golden report-positions-md report -o - --format md --step 5
golden report-positions-html report -o - --step 5

# What the group changed, shown word by word (added last as well): the work
# above committed, then an answer reworded, a box checked, an item deepened.
at "2026-11-20T18:00:00" "Camille Martin" "camille@example.org"
git add -A && git commit -q -m "Bilan"
sed -i 's/12 bénévoles/15 bénévoles/; s/^- \[ \] Documenter$/- [x] Documenter/' $S1 $S2
run deepen 1.2 --level 3
golden diff-words diff
golden diff-stat diff --stat
golden diff-words-json diff --json

done_testing
