#!/usr/bin/env bash
# The log cache (.git/grille/log-cache): a second log reads what each commit
# holds from it and no step file, and says byte for byte what the first said,
# on a history with a grid upgrade, a merge and tags; a cache cut short,
# broken inside or made for another key is rebuilt, never used in part.
. "$(dirname "$0")/lib.sh"

grid12="$(cd "$(dirname "$0")/../.." && pwd)/templates/fr/history/grille-1.2.yaml"
s1=etape-1-par-ou-commencons-nous.md
s3=etape-3-diagnostic.md
cache=.git/grille/log-cache

# A workspace of grid 1.2 (as t-grid-upgrade.sh makes it), answered, upgraded to 1.3.
ws="$TEST_ROOT/ws"
"$GRILLE" init --grid "$grid12" "$ws" >/dev/null 2>&1
cd "$ws" || exit 1
git rm -q grille-grid.yaml && sed -i '/^  file: grille-grid.yaml$/d' grille.yaml &&
	git commit -qam "Un espace de travail de la grille 1.2"
answer "$s1" 1.1.a "Nous sommes douze."
"$GRILLE" commit -m "Première réponse" >/dev/null 2>&1
"$GRILLE" grid upgrade >/dev/null 2>&1
is "$(git log -1 --format=%s)" "Grille mise à jour de la version 1.2 à 1.3" "the history holds a grid upgrade"
# A branch and a merge, a milestone, a commit beside the workspace.
git checkout -qb cote
answer "$s1" 1.1.b "Depuis trois ans."
"$GRILLE" commit -m "Sur une branche" >/dev/null 2>&1
git checkout -q -
answer "$s3" 3.1.a "En cercle."
"$GRILLE" commit -m "Sur la branche principale" >/dev/null 2>&1
git merge -q --no-edit cote
git tag tour-1
echo "notes" >notes.txt && git add notes.txt && git commit -qm "Des notes"
is "$(git rev-list --merges --count HEAD)" 1 "and a merge"

rm -rf .git/grille
run log
is "$rc" 0 "a first log"
cold_text=$out
check "writes the log cache" test -s "$cache"
run log --json
cold_json=$out
is "$(json "[(c['summary'], c['answered'], c['delta'], c['tags'], c['round_end']) for c in d['commits']][:3]")" \
	"[('Des notes', 3, 0, [], None), (\"Merge branch 'cote'\", 3, 1, ['tour-1'], 1), ('Sur la branche principale', 2, 1, [], None)]" \
	"counts, changes and tags"
is "$(tail -n 1 "$cache")" "end $(git rev-list --count HEAD)" "one line a commit, and an end that says how many"

run log
is "$out" "$cold_text" "a warm log says the same, byte for byte"
run log --json
is "$out" "$cold_json" "and so does --json"

# A warm log reads no step file: with every step file's blob gone from the
# repository, it still works; without its cache, it cannot.
rm -f .git/grille/scan-cache.json
is "$(ls .git/objects/pack)" "" "the history's objects are loose files"
for rev in $(git rev-list HEAD); do git ls-tree "$rev"; done | awk '$4 ~ /^etape-.*\.md$/ { print $3 }' |
	sort -u >"$TEST_ROOT/blob-ids"
mkdir "$TEST_ROOT/blobs"
while read -r id; do
	mv ".git/objects/${id:0:2}/${id:2}" "$TEST_ROOT/blobs/$id"
done <"$TEST_ROOT/blob-ids"
git cat-file -e "$(head -n 1 "$TEST_ROOT/blob-ids")" 2>/dev/null
[ $? -ne 0 ]; ok $? "the step files' blobs are out of the repository"
run log --json
is "$out" "$cold_json" "a warm log reads no step file"
check "and scans nothing (no scan cache written)" test ! -e .git/grille/scan-cache.json
mv "$cache" "$TEST_ROOT/log-cache"
run log --json
[ "$out" != "$cold_json" ]; ok $? "without its cache, the log needs them"
is "$(cat "$cache" 2>/dev/null | grep -c '^[0-9a-f]\{40\} [0-9]')" 0 "and keeps none of the counts of steps it could not read"
mv "$TEST_ROOT/log-cache" "$cache"
while read -r id; do
	mv "$TEST_ROOT/blobs/$id" ".git/objects/${id:0:2}/${id:2}"
done <"$TEST_ROOT/blob-ids"
check "the blobs are back" fsck_clean .

# rebuilt WHAT: the log still says the same, says the cache was rebuilt, and writes it whole.
commits() { "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["commits"])'; }
rebuilt() {
	run log --json
	is "$(printf '%s' "$out" | commits)" "$(printf '%s' "$cold_json" | commits)" "$1: the same log"
	is "$(json "d['cache_rebuilt']")" True "$1: rebuilt"
	is "$(tail -n 1 "$cache")" "end $(git rev-list --count HEAD)" "$1: written whole again"
	run log --json
	is "$(json "d['cache_rebuilt']")" False "$1: the next log uses it"
}
# edit STATEMENTS: change the cache's lines (`lines`; `c`: the first line of a
# commit with counts) and write it back.
edit() {
	"$PYTHON" - "$cache" "$1" <<'PY'
import re, sys
path, code = sys.argv[1], sys.argv[2]
lines = open(path).read().split("\n")
c = next(i for i, l in enumerate(lines) if re.match(r"[0-9a-f]{40} [0-9]", l))
exec(code)
open(path, "w").write("\n".join(lines))
PY
}
good=$(cat "$cache")
edit 'del lines[-2]'
rebuilt "a cache without its end"
printf '%s' "$good" | head -c 300 >"$cache"
rebuilt "a cache cut in a line"
# Wrong counts that still read well would be trusted: the cache is grille's own.
# What cannot be is thrown away whole.
edit 'lines[c] = re.sub(r" [0-9]+ [0-9]+$", " 9 1", lines[c])'
rebuilt "more answered questions than open ones"
edit 'lines[c] = re.sub(r" [0-9]+$", " 99999999999", lines[c])'
rebuilt "a count too large"
edit 'lines[c] = re.sub(r" [0-9]+$", " x", lines[c])'
rebuilt "a count that is no number"
edit 'lines[c] = lines[c] + " 1 1"'
rebuilt "a count too many"
edit 'lines[c] = lines[c].split(" ")[0] + " 7 1 1"'
rebuilt "a list of steps that is not there"
edit 'lines.insert(c, lines[c]); lines[-2] = "end %d" % (int(lines[-2].split()[1]) + 1)'
rebuilt "a commit twice"
edit 'lines[c] = lines[c].upper()'
rebuilt "a commit in capitals"
edit 'lines[1] = re.sub(r"^key [^@]*@", "key autre-grille@", lines[1])'
rebuilt "a cache of another grid"
edit 'lines[1] = re.sub(r"[|]level [0-9]+[|]", "|level 9|", lines[1])'
rebuilt "a cache of another level"
edit 'lines[1] = re.sub(r"[|]grille [^|]*[|]", "|grille 0.0.0|", lines[1])'
rebuilt "a cache of another grille"
edit 'lines[0] = "grille log cache 2"'
rebuilt "a cache of another format"
edit 'lines.append("de trop")'
rebuilt "a cache with more after its end"
rm "$cache" && mkdir "$cache"
run log --json
is "$rc" 0 "a folder in the cache's place is no failure"
is "$(printf '%s' "$out" | commits)" "$(printf '%s' "$cold_json" | commits)" "and the log is the same"
rmdir "$cache"

# New commits are read and learnt; the tags, which move, are not kept.
answer "$s1" 1.2.a "Mieux travailler ensemble."
"$GRILLE" commit -m "Encore une" >/dev/null 2>&1
git tag -d tour-1 >/dev/null && git tag tour-1 HEAD
run log --json
is "$(json "[(c['answered'], c['delta'], c['tags']) for c in d['commits'][:3]]")" \
	"[(4, 1, ['tour-1']), (3, 0, []), (3, 1, [])]" "a new commit and a moved tag"
is "$(tail -n 1 "$cache")" "end $(git rev-list --count HEAD)" "the new commit is learnt"
warm=$out
rm -rf .git/grille
run log --json
is "$out" "$warm" "and says what a log without cache says"

# The walk keeps a commit's group data for the next while grille.yaml and the
# group's tables are the same blobs: a member added (two questions answered by
# membres.md), then removed, still counts.
"$GRILLE" init "$TEST_ROOT/group" >/dev/null 2>&1
cd "$TEST_ROOT/group" || exit 1
"$GRILLE" member add Zoé >/dev/null 2>&1 && "$GRILLE" commit -m "Zoé arrive" >/dev/null 2>&1
answer "$s1" 1.1.a "Une réponse."
"$GRILLE" commit -m "Une réponse" >/dev/null 2>&1
"$GRILLE" member remove Zoé >/dev/null 2>&1 && "$GRILLE" commit -m "Zoé repart" >/dev/null 2>&1
rm -rf .git/grille
run log --json
is "$(json "[(c['summary'], c['delta']) for c in d['commits']][:3]")" \
	"[('Zoé repart', -2), ('Une réponse', 1), ('Zoé arrive', 2)]" \
	"a member added then removed counts in the log, the step between kept with its group"
branch=$(git symbolic-ref --short HEAD)
for rev in HEAD HEAD~1 HEAD~2; do
	git checkout -q "$branch" && git checkout -q "$rev" 2>/dev/null
	want=$("$GRILLE" status --json | "$PYTHON" -c "import json, sys; print(json.load(sys.stdin)['answered'])")
	got=$(json "[c['answered'] for c in d['commits'] if c['id'] == '$(git rev-parse HEAD)'][0]")
	is "$got" "$want" "the log's count at $rev is status's there"
done
git checkout -q "$branch"

done_testing
