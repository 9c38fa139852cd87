# Shared by the end-to-end tests: TAP output, a scratch folder, a git identity.
# Each test script sources this file, then calls ok/is/... and finally done.
set -u

: "${GRILLE:?GRILLE must name the grille binary to test}"
TEST_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TEST_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/grille-test.XXXXXX")
trap 'rm -rf "$TEST_ROOT"' EXIT

# A clean, predictable environment: our own HOME and git identity, French.
export HOME="$TEST_ROOT/home"
mkdir -p "$HOME"
export GIT_CONFIG_NOSYSTEM=1
unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL GIT_DIR GIT_WORK_TREE
export LC_ALL=C.UTF-8 LANGUAGE=
# No pager when a test gives grille a terminal (script, pty_run.py): less would wait for a key.
export GRILLE_PAGER=cat
unset GRILLE_LOCALEDIR
git config --global user.name "Camille Martin"
git config --global user.email "camille@example.org"
git config --global init.defaultBranch main

# Debian's python3, with python3-yaml from .ci/install-deps.
PYTHON=/usr/bin/python3
[ -x "$PYTHON" ] || PYTHON=python3

tap_n=0
tap_failed=0

ok() { # ok CONDITION-STATUS DESCRIPTION
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

check() { # check DESCRIPTION COMMAND...: passes when the command succeeds
	local what=$1
	shift
	"$@" >/dev/null 2>&1
	ok $? "$what"
}

is() { # is GOT WANT DESCRIPTION
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '#   got:  %s\n#   want: %s\n' "$1" "$2"
	fi
}

# The no-break spaces of French typography (U+00A0, U+202F) that reports and
# worksheets print read as ordinary spaces here, as the strings are written.
contains() { # contains HAYSTACK NEEDLE DESCRIPTION
	local hay=${1//$'\xc2\xa0'/ }
	hay=${hay//$'\xe2\x80\xaf'/ }
	case "$hay" in
	*"$2"*) ok 0 "$3" ;;
	*) ok 1 "$3"; printf '#   got:  %s\n#   want it to contain: %s\n' "$1" "$2" ;;
	esac
}

# The exit code tests/meson.build gives AddressSanitizer, UBSan and LeakSanitizer:
# a sanitizer report is never mistaken for one of grille's own refusals (1 or 2).
SANITIZER_EXIT=86

# Run grille, keeping stdout in $out, stderr in $err and the exit code in $rc.
# A sanitizer report, or a death by signal, is a failed test of its own; with
# RUN_TIMEOUT (seconds) set, so is a hang (for inputs that could block: FIFOs).
run() {
	out=$(${RUN_TIMEOUT:+timeout "$RUN_TIMEOUT"} "$GRILLE" "$@" 2>"$TEST_ROOT/stderr")
	rc=$?
	err=$(cat "$TEST_ROOT/stderr")
	if [ -n "${RUN_TIMEOUT:-}" ] && [ "$rc" -eq 124 ]; then
		ok 1 "grille $* did not hang"
	elif [ "$rc" -eq "$SANITIZER_EXIT" ] || [ "$rc" -ge 128 ]; then
		ok 1 "grille $* ran without a sanitizer report or a crash (exit $rc)"
		printf '%s\n' "$err" | sed 's/^/#   /' | head -n 40
	fi
}

# refuses WANT_RC NEEDLE DESCRIPTION ARGS...: `grille ARGS` in the current folder exits
# with WANT_RC, says something holding NEEDLE on stderr, and changes no file below
# ${WS:-.} (.git included; grille's scan cache aside). Three assertions.
refuses() {
	local want=$1 needle=$2 what=$3
	shift 3
	local before
	before=$(tree_sum "${WS:-.}" .git/grille)
	run "$@"
	is "$rc" "$want" "$what: exit $want"
	contains "$err" "$needle" "$what: says so"
	is "$(tree_sum "${WS:-.}" .git/grille)" "$before" "$what: no file changed"
}

# A fingerprint of every file below a folder (content, name, type: links and
# FIFOs count), .git included; tree_sum DIR [SKIP] leaves out folder SKIP (relative to DIR).
# copy_grille FILE: grille copied to FILE, away from its build folder, with
# the program's module where such a copy looks for it (cli/launcher.c):
# GRILLE_MODULEDIR from FILE's folder, as an installed grille.
copy_grille() {
	: "${GRILLE_MODULE:?names the built grille-cli.so}" "${GRILLE_MODULEDIR:?names its folder from bindir}"
	local dir
	case $GRILLE_MODULEDIR in
	/*) echo "# GRILLE_MODULEDIR is absolute: the copy finds the installed module, if any" >&2 ;;
	*) dir="$(dirname "$1")/$GRILLE_MODULEDIR" && mkdir -p "$dir" && cp "$GRILLE_MODULE" "$dir/" || return 1 ;;
	esac
	cp "$GRILLE" "$1"
}

tree_sum() {
	(cd "$1" && {
		find . ${2:+-path "./${2#./}" -prune -o} \( -type f -o -type l -o -type p \) -printf '%y %p %l\n' | sort
		find . ${2:+-path "./${2#./}" -prune -o} -type f -print0 | sort -z | xargs -0 -r sha1sum
	} 2>/dev/null | sha1sum)
}

fsck_clean() { # the repository holding $1 passes git fsck --strict (dangling objects are not damage)
	local report
	report=$(git -C "$1" fsck --strict 2>&1) && [ -z "$(printf '%s' "$report" | grep -v '^dangling ')" ]
}

fsck_pristine() { # ...and holds no dangling object either: nothing grille wrote was left behind
	local report
	report=$(git -C "$1" fsck --strict 2>&1) && [ -z "$report" ]
}

question_count() { # questions scaffolded in a workspace: headings "### <id> "
	cat "$1"/etape-*.md | grep -cE '^### [0-9]+\.[0-9]+\.[a-z]+ '
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}

# answer FILE ID TEXT...: write TEXT (printf format) as the answer under question ID's heading.
answer() {
	local file=$1 id=$2
	shift 2
	local text
	text=$(printf "$@")
	ANSWER_TEXT="$text" awk -v id="$id" '
		{ print }
		$0 ~ "^#+ " id " " && !done { print ""; print ENVIRON["ANSWER_TEXT"]; done = 1 }
	' "$file" >"$file.tmp" && mv "$file.tmp" "$file"
}

# json EXPR: evaluate a Python expression on the JSON document in $out (as `d`).
json() {
	printf '%s' "$out" | "$PYTHON" -c "import json, sys; d = json.load(sys.stdin); print($1)"
}

# state ID: a question's state in the JSON document in $out.
state() {
	json "[q['state'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '$1'][0]"
}
