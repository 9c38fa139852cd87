#!/usr/bin/env bash
# Who wrote what, from .git/grille/blame-cache.json: after each few commits of a history of
# three authors (insertions, deletions, rewrites, a branch merged back, an amended commit),
# grille who says what git blame says; report --authors says the same; a broken cache is rebuilt.
. "$(dirname "$0")/lib.sh"

ws="$TEST_ROOT/ws"
"$GRILLE" init "$ws" --level 2 >/dev/null 2>&1
cd "$ws" || exit 1
s3=etape-3-diagnostic.md
cache=.git/grille/blame-cache.json
people=("Camille Martin" "Awa Diallo" "Zoé Leroy")

# edit SEED: insert, delete or rewrite lines of the answer to 3.2.b (a list), by a seeded draw.
edit() {
	"$PYTHON" - "$s3" "$1" <<'EOF'
import random, sys
path, seed = sys.argv[1], int(sys.argv[2])
rnd = random.Random(seed)
lines = open(path, encoding="utf-8").read().split("\n")
start = next(i for i, l in enumerate(lines) if l.startswith("### 3.2.b ")) + 2
end = start
while lines[end].startswith("- "):
    end += 1
items = lines[start:end]
words = ["- Courriel : Thunderbird", "- Agenda : papier", "- Partage : clé USB", "- Agenda : Nextcloud",
         "- Visio : Jitsi", "- Courriel : Thunderbird"]
for _ in range(rnd.randint(1, 3)):
    at = rnd.randint(0, len(items))
    op = rnd.random()
    if op < 0.5 or not items:
        items[at:at] = [rnd.choice(words) + f" ({seed}.{k})" for k in range(rnd.randint(1, 3))]
    elif op < 0.8 and at < len(items):
        del items[at:at + rnd.randint(1, 2)]
    elif at < len(items):
        items[at] = rnd.choice(words)
if not items:
    items = ["- Visio : Jitsi"]
lines[start:end] = items
open(path, "w", encoding="utf-8").write("\n".join(lines))
EOF
}

# commit_as NAME: a milestone by NAME; an empty one when the draw changed nothing (a line
# rewritten as it was), so that git's "nothing to commit" does not break the TAP stream.
commit_as() {
	local first=${1%% *}
	git add "$s3" && git -c user.name="$1" -c user.email="${first,,}@example.org" commit -q --allow-empty -m "Par $1"
}

# blame_counts: [(author, lines)] over the answer to 3.2.b, by git blame, most lines first.
blame_counts() {
	git blame --line-porcelain HEAD -- "$s3" | "$PYTHON" -c '
import sys, collections
lines, author = [], None
for l in sys.stdin.read().split("\n"):
    if l.startswith("author "):
        author = l[7:]
    elif l.startswith("\t"):
        lines.append((author, l[1:]))
start = next(i for i, (a, t) in enumerate(lines) if t.startswith("### 3.2.b ")) + 1
count = collections.Counter()
for a, t in lines[start:]:
    if t.startswith("#"):
        break
    if t.strip() and not t.startswith(">"):
        count[a] += 1
print(sorted(count.items(), key=lambda p: (-p[1], p[0])))'
}

who_counts() {
	run who 3.2.b --json
	json "[(p['name'], p['lines']) for s in d['steps'] for q in s['questions'] for p in q['people']]"
}

answer "$s3" 3.2.b '%s\n%s' '- Courriel : Thunderbird' '- Agenda : papier'
commit_as "${people[0]}"
run who 3.2.b
is "$rc" 0 "who, the first time"
ok "$([ -f "$cache" ]; echo $?)" "it keeps the authors in $cache"

# Twelve commits by three people, who asked after every few: each answer is git blame's.
seed=1
for round in 1 2 3; do
	for k in 1 2 3 4; do
		edit $((seed++))
		commit_as "${people[$(( (seed * 7 + k) % 3 ))]}"
	done
	is "$(who_counts)" "$(blame_counts)" "round $round: who says what git blame says, from the cache"
done

# A branch made meanwhile and merged back (as grille sync does), changing the same answer.
git branch autre HEAD~2
edit $((seed++)); commit_as "${people[0]}"
git checkout -q autre
edit $((seed++)); commit_as "${people[2]}"
git checkout -q -
git -c user.name="${people[1]}" -c user.email=awa@example.org merge -q --no-edit -X ours autre >/dev/null 2>&1
is "$(git rev-list --parents -n 1 HEAD | wc -w)" 3 "a merge commit"
is "$(who_counts)" "$(blame_counts)" "after a merge that changed the file: git blame's answer"
edit $((seed++)); commit_as "${people[2]}"
is "$(who_counts)" "$(blame_counts)" "and one commit later, replayed from the cache"

# The report says the same, in the same order.
who_names=$(run who 3.2.b --json; json "[p['name'] for s in d['steps'] for q in s['questions'] for p in q['people']]")
run report -o - --format json --authors
is "$(json "[q['authors'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '3.2.b'][0]")" \
   "$who_names" "report --authors names who who names"

# A rewritten history: the same text, amended by someone else, is that person's now.
edit $((seed++)); commit_as "${people[0]}"
run who 3.2.b
git -c user.name="${people[1]}" -c user.email=awa@example.org commit -q --amend --no-edit --reset-author
is "$(who_counts)" "$(blame_counts)" "an amended commit: the authors its own history gives"
contains "$(who_counts)" "Awa Diallo" "the new author is credited"

# A revert: the text kept for the last who, made again by someone else, is theirs now.
run who 3.2.b
cp "$s3" "$TEST_ROOT/avant"
edit $((seed++)); commit_as "${people[0]}"
cp "$TEST_ROOT/avant" "$s3"; commit_as "${people[2]}"
is "$(who_counts)" "$(blame_counts)" "a revert to the text the cache holds: git blame's answer"
contains "$(who_counts)" "Zoé Leroy" "the one who reverted is credited"

# The cache is a file like any other: a control character written in it is not shown as is.
run who 3.2.b
"$PYTHON" - "$cache" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
for entry in d["tips"][0]["files"].values():
    for q in entry.get("note", {}).get("questions", []):
        q[2][0][0] = "Mallory\u001b[2J"
json.dump(d, open(sys.argv[1], "w"))
EOF
run who 3.2.b --json
is "$(json "[p['name'] for s in d['steps'] for q in s['questions'] for p in q['people'] if p['name'].startswith('Mallory')] == ['Mallory\ufffd[2J']")" \
   True "a control character from the cache is replaced"

# A broken cache is thrown away and rebuilt, never trusted in part.
head -c 100 "$cache" >"$cache.cut" && mv "$cache.cut" "$cache"
is "$(who_counts)" "$(blame_counts)" "a cut cache: rebuilt, git blame's answer"
"$PYTHON" - "$cache" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
for tip in d["tips"]:
    for entry in tip["files"].values():
        entry["runs"][0] += 5  # runs that no longer fit the file
json.dump(d, open(sys.argv[1], "w"))
EOF
is "$(who_counts)" "$(blame_counts)" "runs that do not fit: rebuilt, git blame's answer"
printf '[]' >"$cache"
is "$(who_counts)" "$(blame_counts)" "a cache that is not an object: rebuilt"

# A shallow clone: blame stops at its edge, and so does the cache.
shallow="$TEST_ROOT/superficiel"
git clone -q --depth 3 "file://$ws" "$shallow"
cd "$shallow" || exit 1
is "$(who_counts)" "$(blame_counts)" "a shallow clone: git blame's answer, stopped at its edge"
run who --json
is "$(json "d['partial']")" True "and said to be partial"
edit 99
commit_as "${people[2]}"
is "$(who_counts)" "$(blame_counts)" "one commit later, replayed from its own cache"
cd "$ws" || exit 1

# A hit reads no history: with the step's text of the commit before gone, the cache still
# answers, and only it.
before=$(who_counts)
parent=$(git rev-parse "HEAD~1:$s3")
rm -f ".git/objects/${parent:0:2}/${parent:2}"
is "$(who_counts)" "$before" "at the same commit, the cache answers without the history"
rm -f "$cache"
run who 3.2.b
is "$rc" 1 "without the cache, the missing history is an error"

# Outside git: nothing cached.
plain="$TEST_ROOT/sans-git"
"$GRILLE" init "$plain" >/dev/null 2>&1 && rm -rf "$plain/.git"
(cd "$plain" && "$GRILLE" report -o - --format json --authors >/dev/null 2>&1)
ok "$([ ! -e "$plain/.git" ] && [ ! -e "$plain/.grille/blame-cache.json" ]; echo $?)" "outside git, no cache is written"

done_testing
