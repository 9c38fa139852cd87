#!/usr/bin/env bash
# A log with no cache scans the step files' blobs ahead of its walk on other
# threads (lib/log_ahead.c): with one thread, two, three or sixteen, with and
# without its cache, on a history longer than what is listed ahead, with a
# grid upgrade (its early commits read with the earlier grid), a merge, tags
# and a commit that changes two step files, it says the same, byte for byte,
# in text and in JSON; a blob missing fails the same way on any thread count.
. "$(dirname "$0")/lib.sh"

grid12="$(cd "$(dirname "$0")/../.." && pwd)/templates/fr/history/grille-1.2.yaml"
cache=.git/grille/log-cache

ws="$TEST_ROOT/ws"
"$GRILLE" init --grid "$grid12" "$ws" >/dev/null 2>&1
cd "$ws" || exit 1
git rm -q grille-grid.yaml && sed -i '/^  file: grille-grid.yaml$/d' grille.yaml &&
	git commit -qam "Un espace de travail de la grille 1.2"
steps=(etape-*.md)
# commits FIRST COUNT: COUNT commits, each answering the next question of the
# next step file in turn (plain git: the log reads commits, whoever made them).
commits() {
	local i file id
	for ((i = $1; i < $1 + $2; i++)); do
		file=${steps[i % ${#steps[@]}]}
		id=$(grep -o '^### [0-9][0-9.a-z]* ' "$file" | sed -n "$((i / ${#steps[@]} % 5 + 1))p" | cut -d' ' -f2)
		answer "$file" "$id" "Réponse numéro %d." "$i"
		git commit -qam "Réponse $i"
	done
}
commits 0 20
"$GRILLE" grid upgrade >/dev/null 2>&1
is "$(git log -1 --format=%s)" "Grille mise à jour de la version 1.2 à 1.3" "the history holds a grid upgrade"
commits 20 30
git checkout -qb cote
commits 50 10
git checkout -q -
commits 60 10
git merge -q --no-edit cote >/dev/null
git tag tour-1
answer "${steps[0]}" 1.2.a "Deux fichiers à la fois." && answer "${steps[2]}" 3.1.a "En cercle."
git commit -qam "Deux étapes"
commits 70 10
git tag jalon HEAD~3
is "$(git rev-list --count HEAD)" 85 "a history of 85 commits"

# log_with THREADS ARGS...: a log with no cache on THREADS threads.
log_with() {
	local threads=$1
	shift
	rm -rf .git/grille
	GRILLE_THREADS=$threads run log "$@"
}
log_with 1
is "$rc" 0 "a log on one thread"
one_text=$out
log_with 1 --json
one_json=$out
is "$(json "len(d['commits'])")" 85 "every commit in the log"
is "$(json "len({c['answered'] for c in d['commits']}) > 20")" True "counts that change along the history"
for threads in 2 3 16; do
	log_with $threads
	is "$out" "$one_text" "on $threads threads, the same text"
	log_with $threads --json
	is "$out" "$one_json" "on $threads threads, the same JSON"
	GRILLE_THREADS=$threads run log --json
	is "$out" "$one_json" "on $threads threads, from the cache, the same JSON"
done

# A cache that knows the older commits: the walk scans ahead only the new ones.
rm -rf .git/grille
GRILLE_THREADS=2 run log
commits 80 40
GRILLE_THREADS=2 run log --json
partly=$out
is "$(tail -n 1 "$cache")" "end $(git rev-list --count HEAD)" "the new commits are learnt"
log_with 1 --json
is "$partly" "$out" "a log with part of its cache says what a log on one thread without says"

# A step file's blob gone: the same log, or the same failure, whoever scanned it first.
id=$(git rev-parse "HEAD~100:${steps[1]}")
mv ".git/objects/${id:0:2}/${id:2}" "$TEST_ROOT/blob"
log_with 1
one=("$rc" "$out" "$err")
[ "$out" != "$one_text" ] || [ "$rc" -ne 0 ]; ok $? "a blob missing changes the log"
for threads in 2 3; do
	log_with $threads
	is "$rc" "${one[0]}" "a blob missing, on $threads threads: the same exit"
	is "$out" "${one[1]}" "a blob missing, on $threads threads: the same log"
	is "$err" "${one[2]}" "a blob missing, on $threads threads: the same message"
done
mv "$TEST_ROOT/blob" ".git/objects/${id:0:2}/${id:2}"
log_with 2 --json
is "$(json "len(d['commits'])")" 125 "the blob back, the log again"

done_testing
