#!/usr/bin/env bash
# Without a members list, a "positions" question expects each identity that
# authored the history: counted once, then kept with the HEAD it was
# counted at in .git/grille/authors.json, so that a status or a commit reads
# only the commits made since. What it keeps never hides a change of HEAD.
. "$(dirname "$0")/lib.sh"
export GRILLE_KEEP_STATUS=0 # the work of a status, not a status kept whole (t-status-fast.sh)

cd "$TEST_ROOT" || exit 1
"$GRILLE" init ws >/dev/null 2>&1
cd ws || exit 1
cache=.git/grille/authors.json
expected() {
	run status --json
	json "[q['positions'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['kind'] == 'positions'][0]['expected']"
}
cached_head() { "$PYTHON" -c 'import json, sys; print(json.load(open(sys.argv[1]))["head"])' "$cache"; }
# forge HEAD KEYS...: a cache that says KEYS were counted at HEAD.
forge() {
	local head=$1
	shift
	"$PYTHON" -c 'import json, sys; json.dump({"format": 1, "head": sys.argv[2], "authors": {k: True for k in sys.argv[3:]}}, open(sys.argv[1], "w"))' \
		"$cache" "$head" "$@"
}

is "$(expected)" 1 "one identity in the history"
is "$(cached_head)" "$(git rev-parse HEAD)" "kept with the HEAD it was counted at"
git commit -q --allow-empty -m "Dominique passe" --author "Dominique <dominique@example.org>"
is "$(expected)" 2 "a commit by someone new: counted"
is "$(cached_head)" "$(git rev-parse HEAD)" "...and kept at the new HEAD"
git commit -q --allow-empty -m "Dominique repasse" --author "Dominique <DOMINIQUE@example.org>"
is "$(expected)" 2 "the same e-mail in capitals: the same identity"

# What is kept is read: at the same HEAD, the forged count is the answer.
forge "$(git rev-parse HEAD)" a@example.org b@example.org c@example.org
is "$(expected)" 3 "the same HEAD: the identities kept are not counted again"
# An ancestor: only the commits since are read, added to what was kept.
forge "$(git rev-parse HEAD~1)" a@example.org
is "$(expected)" 2 "HEAD moved on: what was kept, and the authors of the commits since"
is "$(cached_head)" "$(git rev-parse HEAD)" "...kept at the new HEAD"

# HEAD moved back (a reset): not a descendant, counted again in full.
forge "$(git rev-parse HEAD)" a@example.org b@example.org c@example.org d@example.org
git reset -q --hard HEAD~2
is "$(expected)" 1 "after a reset, the whole history is counted again"
# An amend: the new HEAD does not descend from the one kept either.
git commit -q --allow-empty -m "Dominique passe" --author "Dominique <dominique@example.org>"
run status --json
git commit -q --amend --allow-empty -m "Claude passe" --author "Claude <claude@example.org>"
is "$(expected)" 2 "after an amend, the identities of the new history"

# A file that is not what grille wrote: counted again, and written anew.
for bad in 'not json' '{"format": 1, "head": "xyz", "authors": {}}' '[1, 2]' \
	"{\"format\": 99, \"head\": \"$(git rev-parse HEAD)\", \"authors\": {}}" \
	"{\"format\": 1, \"head\": \"$(git rev-parse HEAD)\", \"authors\": []}" \
	"{\"format\": 1, \"head\": \"$(printf '%040d' 0)\", \"authors\": {}}"; do
	printf '%s' "$bad" >"$cache"
	is "$(expected):$rc" "2:0" "a corrupt cache ($bad): counted again"
	is "$(cached_head)" "$(git rev-parse HEAD)" "...and written anew"
done
rm -f "$cache"
mkdir "$cache"
is "$(expected):$rc" "2:0" "a folder in the cache's place: counted, status goes on"
rmdir "$cache"

# An e-mail that is not UTF-8 (git takes any bytes): counted all the same.
git commit -q --allow-empty -m "Octets" --author "$(printf 'Octets <\351t\351@example.org>')"
is "$(expected):$rc" "3:0" "an e-mail that is not UTF-8 is counted"
is "$(expected):$rc" "3:0" "...and again"
git reset -q --hard HEAD~1

# A commit counts through the same cache, and keeps it.
printf '\nUne ligne.\n' >>"$(ls etape-1-*.md)"
run commit -m "Une ligne"
is "$rc" 0 "grille commit"
is "$(expected)" 2 "after grille commit"
is "$(cached_head)" "$(git rev-parse HEAD)" "kept at the commit's HEAD"

done_testing
