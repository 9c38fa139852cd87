#!/usr/bin/env bash
# The stat cache (.git/grille/stat-cache): a status on unchanged step files
# reads no Markdown, and never hides a change: not one made in the same second
# with the same size and the modification time put back, not one the cache's
# key no longer covers, and a cache cut short or broken inside is rebuilt.
. "$(dirname "$0")/lib.sh"
export GRILLE_KEEP_STATUS=0 # the work of a status, not a status kept whole (t-status-fast.sh)

ws="$TEST_ROOT/ws"
"$GRILLE" init "$ws" --title "Notre démarche" >/dev/null 2>&1
cd "$ws" || exit 1
ws=$(pwd -P)
s1=etape-1-par-ou-commencons-nous.md
cache=.git/grille/stat-cache
here=$(cd "$(dirname "$0")" && pwd)

# py EXPR: a Python expression on the cache (as `c`, read by stat_cache.py).
py() { "$PYTHON" -c "import sys; sys.path.insert(0, '$here'); import stat_cache; c = stat_cache.load('$cache'); print($1)"; }
# edit_cache STATEMENTS: change the cache (as `c`) and write it back, its checksum made again.
edit_cache() { "$PYTHON" -c "import sys; sys.path.insert(0, '$here'); import stat_cache; c = stat_cache.load('$cache'); $1; stat_cache.dump(c, '$cache')"; }
# in_place FILE FROM TO: replace text of the same length in FILE without a new
# inode, then put its modification time back to the nanosecond.
in_place() {
	local mtime
	mtime=$(stat -c %y "$1")
	"$PYTHON" - "$1" "$2" "$3" <<'EOF'
import sys
path, old, new = sys.argv[1], sys.argv[2].encode(), sys.argv[3].encode()
assert len(old) == len(new)
with open(path, 'r+b') as f:
    data = f.read()
    assert old in data
    f.seek(0)
    f.write(data.replace(old, new, 1))
EOF
	touch -d "$mtime" "$1"
}
status_json() { out=$("$GRILLE" status --json); }

# 1.1.a answered with a placeholder of the length of the text it becomes.
answer "$s1" 1.1.a 'Réponse AAAA.'
status_json
is "$(state 1.1.a)" answered "a first status sees the answer"
check "the first status writes the cache" test -s "$cache"
# Just written: its file may change again within its timestamps' granularity.
is "$(py "c['files']['$s1'].get('racy')")" True "a file changed in the second of the scan is kept as racy"
is "$(py "'scan' in c['files']['$s1']")" False "and without its scan"

# The racy case: same second, same size, same inode, modification time put back.
inode=$(stat -c %i "$s1") size=$(stat -c %s "$s1") mtime=$(stat -c %y "$s1")
in_place "$s1" 'Réponse AAAA.' '<!--AAAAAAA-->'
is "$(stat -c %i:%s:%y "$s1")" "$inode:$size:$mtime" "the file has its inode, size and modification time"
status_json
is "$(state 1.1.a)" unanswered "status sees the change made in the same second"
in_place "$s1" '<!--AAAAAAA-->' 'Réponse BBBB.'
status_json
is "$(state 1.1.a)" answered "and the change back"

# Older than the racy window: the next status keeps every scan. What a full
# copy must give back: marks with dates and reasons, an item set aside, a
# member's position, answers in several forms.
"$GRILLE" skip 1.2 --reason "Pas pour nous" >/dev/null
"$GRILLE" defer 2.1.a --until 2020-01-01 --reason "Après l'été" >/dev/null
"$GRILLE" defer 1.4.a --until 2099-12-31 >/dev/null
"$GRILLE" member add Zoé >/dev/null 2>&1
"$GRILLE" position 5.3.a --member Zoé >/dev/null 2>&1
answer etape-3-diagnostic.md 3.1.a -- '- une liste\n- de deux lignes'
answer etape-5-bilan.md 5.1.a '> « Une citation. »'
sleep 2.2
status_json
cold=$out
is "$(py "sorted(set('scan' in f and 'racy' not in f for f in c['files'].values()))")" "[True]" \
	"files changed before the racy window are kept with their scans"
is "$(py "len(c['files'])")" "$(ls etape-*.md | wc -l)" "one entry per step file"
is "$(state 1.2.a) $(state 2.1.a) $(json "[q['overdue'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '2.1.a'][0]")" \
	"skipped deferred True" "the scan sees the marks"
is "$(json "len([q for s in d['steps'] for i in s['items'] for q in i['questions'] if q.get('positions') and q['positions']['list']])")" 1 \
	"and the member's position"
status_json
is "$out" "$cold" "status from the cache says what the scan said (every field of --json)"

if command -v strace >/dev/null 2>&1 && strace -f -o /dev/null true >/dev/null 2>&1; then
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -qq -e trace=openat,open -o "$TEST_ROOT/trace" "$GRILLE" status >/dev/null
	# grille reads workspace files with O_NOFOLLOW (fs.c); libgit2's reads have no such flag.
	is "$(grep -F "\"$ws/etape-" "$TEST_ROOT/trace" | grep -F O_NOFOLLOW | grep -vc -- '= -1 ')" 0 \
		"a status on unchanged files opens no step file"
	is "$(grep -F "\"$ws/.git/grille/tmp" "$TEST_ROOT/trace" | grep -E 'O_TMPFILE|O_CREAT' | grep -vc -- '= -1 ')" 0 \
		"and, having learnt nothing, does not write the cache"
else
	ok 0 "# SKIP strace is missing or may not trace here"
	ok 0 "# SKIP strace is missing or may not trace here"
fi

# Not racy, same size, same inode, same modification time: the change time tells.
in_place "$s1" 'Réponse BBBB.' '<!--BBBBBBB-->'
status_json
is "$(state 1.1.a)" unanswered "a change that keeps size, inode and modification time is seen (change time)"
in_place "$s1" '<!--BBBBBBB-->' 'Réponse CCCC.'
sleep 2.2
status_json
is "$(state 1.1.a)" answered "and the change back"

# A lie in the cache shows only when the cache's key matches: the cache is used,
# and a different key (grid, level, grille version, folder) is a real scan.
lie="[q.__setitem__('flags', q['flags'] & ~1) for q in c['files']['$s1']['scan']['questions'] if q['id'] == '1.1.a']"
edit_cache "$lie"
status_json
is "$(state 1.1.a)" unanswered "the cache answers for an unchanged file (a lie planted in it shows)"
edit_cache "$lie; c['key'] = c['key'].replace('level', 'niveau')"
status_json
is "$(state 1.1.a)" answered "a cache made for another grid, level or version is not used"
is "$(py "c['key'].count('level')")" 1 "and is rebuilt"
edit_cache "$lie; c['format'] = 0"
status_json
is "$(state 1.1.a)" answered "a cache of another format is not used"

# Cut short, or broken inside: never trusted in part, rebuilt whole.
edit_cache "$lie"
head -c 300 "$cache" >"$cache.cut" && mv "$cache.cut" "$cache"
status_json
is "$(state 1.1.a)" answered "a cache cut short is not used"
is "$(py "len(c['files'])")" "$(ls etape-*.md | wc -l)" "and is written whole again"
edit_cache "$lie; c['files']['etape-2-principes-d-action.md']['scan'] = b'\\x05'"
status_json
is "$(state 1.1.a)" answered "an entry broken inside: no other entry is trusted either"
is "$(py "type(c['files']['etape-2-principes-d-action.md']['scan']['items']).__name__")" list \
	"and the cache is rebuilt"
edit_cache "$lie; c['files']['$s1']['scan']['questions'][0]['place'][5] = 10**9"
status_json
is "$(state 1.1.a)" answered "an entry whose bytes lie beyond its file is not used"
edit_cache "$lie; c['files']['$s1']['stat'] = c['files']['$s1']['stat'][:6]"
status_json
is "$(state 1.1.a)" answered "an entry without all its stat fields is not used"
printf 'not a cache' >"$cache"
status_json
is "$(state 1.1.a)" answered "a file that is not a cache is not used"
"$PYTHON" -c "
import sys
data = bytearray(open('$cache', 'rb').read())
data[len(data) // 2] ^= 1
open('$cache', 'wb').write(data)"
status_json
is "$(state 1.1.a)" answered "a cache with one bit flipped is not used (its checksum)"
is "$(py "len(c['files'])")" "$(ls etape-*.md | wc -l)" "and is written whole again, its checksum right"
rm -f "$cache"
ln -s /dev/zero "$cache"
status_json
is "$(state 1.1.a)" answered "a link in the cache's place is not followed"
check "and is replaced by the cache" test -f "$cache" -a ! -L "$cache"

# Outside git: no cache, and nothing written into the workspace.
plain="$TEST_ROOT/plain"
"$GRILLE" init "$plain" --title "Sans git" >/dev/null 2>&1
rm -rf "$plain/.git"
before=$(cd "$plain" && find . | sort)
out=$(cd "$plain" && "$GRILLE" status --json)
is "$(json "d['git']['repository']")" False "a workspace outside git has a status"
is "$(cd "$plain" && find . | sort)" "$before" "and no cache is written into it"

done_testing
