#!/usr/bin/env bash
# A status kept whole (.git/grille/status-kept, cli/status_kept.h): printed
# again without loading grille's module while nothing it depends on changed,
# byte for byte what the real work prints, and never when anything changed:
# a step file edited in the same second with the same size, grille.yaml, a
# commit made with git, another branch, a merge in progress, the index, today,
# a worktree's gitfile, a kept file damaged or replaced; and the same with no
# memfd or no thread to be had.
. "$(dirname "$0")/lib.sh"

ws="$TEST_ROOT/ws"
"$GRILLE" init "$ws" --title "Notre démarche" >/dev/null 2>&1
cd "$ws" || exit 1
ws=$(pwd -P)
s1=etape-1-par-ou-commencons-nous.md
kept=.git/grille/status-kept
answer "$s1" 1.1.a 'Réponse AAAA.'
"$GRILLE" commit -m "Premières réponses" >/dev/null

# in_place FILE FROM TO: text of the same length replaced in FILE, its inode
# and its modification time (to the nanosecond) kept.
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

# A status is kept only when every file it read is more than a second old.
settle() { sleep 1.2; }

# slow ARGS...: the real work, the kept file moved aside for the run.
slow() {
	[ -e "$kept" ] && mv "$kept" "$TEST_ROOT/aside"
	"$GRILLE" status "$@"
	local rc=$?
	[ -e "$TEST_ROOT/aside" ] && mv "$TEST_ROOT/aside" "$kept"
	return $rc
}

can_trace=0
if command -v strace >/dev/null 2>&1 && strace -f -o /dev/null true >/dev/null 2>&1; then
	can_trace=1
fi
trace="$TEST_ROOT/trace"
# traced ARGS...: `grille status ARGS` under strace, its output in $out, its opens in $trace.
traced() {
	out=$(ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -qq -e trace=openat,open -o "$trace" "$GRILLE" status "$@" 2>/dev/null)
	rc=$?
}
# served WHAT ARGS...: the status was printed from the kept file: grille's module never loaded.
served() {
	local what=$1
	shift
	if [ $can_trace = 0 ]; then
		ok 0 "$what # SKIP strace is missing or may not trace here"
		return
	fi
	traced "$@"
	check "$what" test "$(grep -c 'grille-cli.so' "$trace")" = 0
}
# worked WHAT ARGS...: the status did the real work (its module loaded).
worked() {
	local what=$1
	shift
	if [ $can_trace = 0 ]; then
		ok 0 "$what # SKIP strace is missing or may not trace here"
		return
	fi
	traced "$@"
	check "$what" grep -q 'grille-cli.so' "$trace"
}

# Just written files: the first status is not kept.
"$GRILLE" status >/dev/null
check "a status right after a change keeps nothing" test ! -e "$kept"
settle
first=$("$GRILLE" status)
check "a status on files more than a second old keeps its result" test -s "$kept"
second=$("$GRILLE" status)
is "$second" "$first" "the kept status prints what the real work printed"
is "$(slow)" "$first" "byte for byte (the text)"
served "the next status is printed without loading grille's module"
if [ $can_trace = 1 ]; then
	is "$(grep -c -e 'ca-certificates' -e '\.md"' "$trace")" 0 \
		"nor the certificate bundle nor a step file"
fi

if [ -w /dev/full ]; then
	"$GRILLE" status >/dev/full 2>"$TEST_ROOT/err"
	is "$?" 1 "a kept status that cannot be written: a failure"
	contains "$(cat "$TEST_ROOT/err")" "impossible d'écrire le résultat" "said as the real work says it"
	is "$("$GRILLE" status)" "$first" "and the kept file is still there"
fi
GRILLE_KEEP_STATUS=0 worked "GRILLE_KEEP_STATUS=0: the real work, whatever was kept"
is "$out" "$first" "and the same status"

# A new file, not yet in git: listed.
settle
"$GRILLE" status >/dev/null
echo "Des notes." >notes.txt
contains "$("$GRILLE" status)" "notes.txt" "a file added since the kept status is listed"
rm notes.txt
settle

# --json, --level, --step, --all: each its own kept result, each the same as the real work.
for args in "--json" "--level 1" "--step 2 --all" "--all --json"; do
	# shellcheck disable=SC2086 # the options, split
	a=$("$GRILLE" status $args)
	# shellcheck disable=SC2086
	b=$("$GRILLE" status $args)
	# shellcheck disable=SC2086
	c=$(slow $args)
	is "$b" "$c" "status $args: kept, the same as the real work"
	is "$a" "$c" "status $args: the run that kept it printed the same"
	# shellcheck disable=SC2086
	served "status $args: printed from the kept file" $args
done
is "$(slow --json)" "$("$GRILLE" status --json)" "the JSON kept is the JSON made"

# The racy case: same second, same size, same inode, modification time put back.
"$GRILLE" status --json >/dev/null
inode=$(stat -c %i "$s1") size=$(stat -c %s "$s1") mtime=$(stat -c %y "$s1")
in_place "$s1" 'Réponse AAAA.' '<!--AAAAAAA-->'
is "$(stat -c %i:%s:%y "$s1")" "$inode:$size:$mtime" "the step file has its inode, size and modification time"
out=$("$GRILLE" status --json)
is "$(state 1.1.a)" unanswered "a status sees a change made with the same size and time"
in_place "$s1" '<!--AAAAAAA-->' 'Réponse AAAA.'
out=$("$GRILLE" status --json)
is "$(state 1.1.a)" answered "and the change back"

# A commit made with git: HEAD's branch moves, nothing left to record.
answer "$s1" 1.1.b 'Réponse BBBB.'
settle
"$GRILLE" status >/dev/null
contains "$("$GRILLE" status)" "Pas encore enregistré" "an answer not committed is listed"
git add -A && git commit -qm "Par git"
after=$("$GRILLE" status)
is "$after" "$(slow)" "after a commit made with git, the status of the real work"
case $after in *"Pas encore enregistré"*) ok 1 "the commit is seen" ;; *) ok 0 "the commit is seen" ;; esac

# Another branch checked out: HEAD names another ref.
git checkout -qb autre
answer "$s1" 1.2.a "Sur la branche autre."
git commit -qam "Sur autre"
git checkout -q main
settle
"$GRILLE" status --json >/dev/null
out=$("$GRILLE" status --json)
is "$(state 1.2.a)" unanswered "on main, 1.2.a has no answer"
git checkout -q autre
out=$("$GRILLE" status --json)
is "$(state 1.2.a)" answered "after git checkout of the other branch, it has one"
git checkout -q main

# HEAD's branch moved by another hand (git update-ref), with the same files: the real work.
settle
"$GRILLE" status >/dev/null
git update-ref refs/heads/main "$(git rev-parse autre)"
worked "a status after HEAD's branch moved does the real work"
git update-ref refs/heads/main "$(git rev-parse autre~1)"

# A merge in progress, the index changed, today: each seen.
settle
"$GRILLE" status >/dev/null
git rev-parse autre >.git/MERGE_HEAD
worked "a status with a merge in progress does the real work"
rm .git/MERGE_HEAD
settle
"$GRILLE" status >/dev/null
git update-index --add --cacheinfo "100644,$(git hash-object -w --stdin </dev/null),vide.md"
worked "a status after the index changed does the real work"
git rm -q --cached vide.md
settle
"$GRILLE" status >/dev/null
SOURCE_DATE_EPOCH=86400 worked "a status on another day does the real work"

# grille.yaml changed: the level.
settle
"$GRILLE" status >/dev/null
before=$(slow --json)
sed -i 's/^level: 1/level: 3/' grille.yaml
! git diff --quiet grille.yaml
ok $? "grille.yaml's level changed"
is "$("$GRILLE" status --json)" "$(slow --json)" "after grille.yaml changed, the status of the real work"
check "which is another status" test "$("$GRILLE" status --json)" != "$before"
git checkout -q grille.yaml

# A status that failed or said something on stderr is not kept: --check with open questions.
settle
"$GRILLE" status --check >/dev/null
is "$?" 1 "status --check fails with open questions"
worked "and its next run does the real work again" --check
is "$rc" 1 "with the same exit code"

# The kept file cut short, damaged inside, a FIFO, a link: the real work, the same output.
settle
good=$(slow)
"$GRILLE" status >/dev/null
size=$(stat -c %s "$kept")
truncate -s $((size - 9)) "$kept"
is "$("$GRILLE" status)" "$good" "a kept file cut short: the real work"
"$PYTHON" - "$kept" <<'EOF'
import sys
path = sys.argv[1]
data = bytearray(open(path, 'rb').read())
data[len(data) - 40] ^= 0x20
open(path, 'wb').write(data)
EOF
is "$("$GRILLE" status)" "$good" "a kept file with a byte changed inside: the real work"
cp "$kept" "$TEST_ROOT/copy"
rm -f "$kept"
mkfifo "$kept"
is "$(timeout 20 "$GRILLE" status)" "$good" "a FIFO in its place is not read"
rm -f "$kept"
ln -s "$TEST_ROOT/copy" "$kept"
is "$("$GRILLE" status)" "$good" "a link in its place is not followed"
rm -f "$kept"

# A worktree: its .git is a file, read by libgit2 only; nothing kept.
git worktree add -q "$TEST_ROOT/wt" autre 2>/dev/null
(
	cd "$TEST_ROOT/wt" || exit 1
	sleep 1.2
	"$GRILLE" status >/dev/null
	"$GRILLE" status >/dev/null
)
check "a worktree keeps no status" test ! -e "$ws/.git/worktrees/wt/grille/status-kept"
cd "$TEST_ROOT/wt" && worked "a worktree's status does the real work"
cd "$ws" || exit 1

# The fallbacks, with the kernel's answers changed by strace. The output is
# captured in the kept file itself, unnamed (O_TMPFILE in .git/grille/tmp);
# where that is refused (a file system without it), in memory, then copied
# to be kept; with no memfd either (an old kernel, a seccomp policy) and no
# folder to write in, in a temporary file, printed the same and not kept. No
# thread at all: libgit2 starts in the main thread and the step files are
# scanned one after the other, to the same status.
# inject_status INJECTION [-P PATH] ARGS...: `grille status ARGS` with strace's -e
# inject=INJECTION (strace tampers only with calls it traces; -P: only those on PATH): its
# output in $got, its exit code in $rc, its opens in $trace, how many calls were refused in
# $injected.
inject_status() {
	local injection=$1 only=()
	shift
	if [ "${1-}" = -P ]; then
		only=(-P "$2")
		shift 2
	fi
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -qq -o "$trace" -e "trace=openat,open,${injection%%:*}" -e "inject=$injection" "${only[@]}" \
		"$GRILLE" status "$@" >"$TEST_ROOT/out" 2>"$TEST_ROOT/err"
	rc=$?
	got=$(cat "$TEST_ROOT/out")
	injected=$(grep -c INJECTED "$trace")
}
# Debian's libgit2 reads its certificates as it starts (t-startup): the witness that it did.
certificates() { grep -E '"[^"]*(/ssl/|cert)[^"]*"' "$trace" | grep -vc -- '= -1 '; }
if [ $can_trace = 1 ]; then
	settle
	good=$(slow)
	rm -f "$kept"
	"$GRILLE" status >/dev/null
	check "a status captured in the kept file leaves no temporary file" test -z "$(ls -A .git/grille/tmp)"
	dead=$(sh -c 'echo $$') # a process gone: what a crash between naming and renaming leaves
	echo partial >".git/grille/tmp/.status-kept.$dead.00000000"
	rm -f "$kept"
	"$GRILLE" status >/dev/null
	check "and one left by a process that died is removed" test ! -e ".git/grille/tmp/.status-kept.$dead.00000000"
	rm -f "$kept"
	inject_status openat:error=EOPNOTSUPP -P "$ws/.git/grille/tmp"
	is "$rc:$got" "0:$good" "no O_TMPFILE: the status captured in memory, printed the same"
	check "(O_TMPFILE refused)" grep -q 'O_TMPFILE.*INJECTED' "$trace"
	check "and kept" test -s "$kept"
	is "$("$GRILLE" status)" "$good" "the status kept that way is served the same"
	served "and served without the module"
	rm -f "$kept"
	mv .git/grille/tmp "$TEST_ROOT/tmp-aside" && : >.git/grille/tmp
	inject_status memfd_create:error=ENOSYS
	is "$rc:$got" "0:$good" "nowhere to write and no memfd: captured in a temporary file, printed the same"
	check "(memfd_create refused)" test "$injected" -ge 1
	is "$(cat "$TEST_ROOT/err")" "" "and nothing said about it"
	check "and not kept, with no folder to keep it in" test ! -e "$kept"
	rm .git/grille/tmp && mv "$TEST_ROOT/tmp-aside" .git/grille/tmp
	inject_status clone3:error=EAGAIN --json
	is "$rc:$got" "0:$(slow --json)" "no thread can start: the same status, in JSON too"
	check "(every thread refused)" test "$injected" -ge 2
	is "$(cat "$TEST_ROOT/err")" "" "and nothing said about it"
	is "$(certificates)" 1 "libgit2 started all the same, once"
else
	for what in "no temporary file left" "one left removed" "no O_TMPFILE" "(O_TMPFILE refused)" "and kept" "served the same" \
		"served without the module" "no memfd" "(memfd_create refused)" "nothing said" "not kept" "no thread" \
		"(every thread refused)" "nothing said" "libgit2 started"; do
		ok 0 "$what # SKIP strace is missing or may not trace here"
	done
fi

done_testing
