#!/usr/bin/env bash
# A realistic workspace to print and look at: level 2, about thirty answers
# (two choice questions among them), an item set aside with a reason, an item
# deferred, two members, a plan, a calendar, and seven milestones over seven
# weeks, made by two people on their own dates.
#   tests/check/sample-workspace.sh DIR [fr|en]
# DIR must not exist. GRILLE names the grille to run (default: build/cli/grille
# beside this script). Dates are fixed (git's through its environment): two
# runs give the same history; grille's "today" is the caller's, or
# SOURCE_DATE_EPOCH's when set.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:?usage: sample-workspace.sh DIR [fr|en]}
language=${2:-fr}
GRILLE=${GRILLE:-$here/../../build/cli/grille}
GRILLE=$(realpath "$GRILLE")
[ ! -e "$dir" ] || { echo "sample-workspace.sh: $dir exists already" >&2; exit 2; }

export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL GIT_AUTHOR_DATE GIT_COMMITTER_DATE
at() { # at DATE NAME EMAIL: the next git commands happen then, by them
	GIT_AUTHOR_DATE="$1 +0100" GIT_COMMITTER_DATE="$1 +0100"
	GIT_AUTHOR_NAME=$2 GIT_AUTHOR_EMAIL=$3 GIT_COMMITTER_NAME=$2 GIT_COMMITTER_EMAIL=$3
}
camille() { at "$1" "Camille Martin" camille@example.org; }
dominique() { at "$1" "Dominique Petit" dominique@example.org; }

# answer FILE ID TEXT: TEXT (printf format) under the question ID's heading.
answer() {
	local file=$1 id=$2
	shift 2
	ANSWER_TEXT=$(printf "$@") awk -v id="$id" '
		{ print }
		$0 ~ "^#+ " id " " && !done { print ""; print ENVIRON["ANSWER_TEXT"]; done = 1 }
	' "$file" >"$file.tmp" && mv "$file.tmp" "$file"
}
# choose FILE OPTION...: tick the choice question's options, as a member would.
choose() {
	local file=$1
	shift
	for option; do
		OPTION=$option awk '$0 == "- [ ] " ENVIRON["OPTION"] { $0 = "- [x] " ENVIRON["OPTION"] } { print }' \
			"$file" >"$file.tmp" && mv "$file.tmp" "$file"
	done
}
# milestone MESSAGE [TAG]: a commit of everything, at the date of `at`, and a named milestone.
milestone() {
	git add -A
	git commit -q -m "$1"
	[ -z "${2:-}" ] || git tag -a "$2" -m "$1"
}

camille "2026-10-01T18:00:00"
if [ "$language" = en ]; then
	"$GRILLE" init "$dir" --language en --level 2 --title "Working better together" --collective "Friends of the Neighbourhood" >/dev/null
else
	"$GRILLE" init "$dir" --level 2 --title "Mieux travailler ensemble" --collective "Les Amis du Quartier" >/dev/null
fi
cd "$dir"
git commit -q --amend --no-edit --reset-author
. "$here/sample-workspace-$language.sh"
git status --porcelain | grep -q . && { echo "sample-workspace.sh: changes left uncommitted" >&2; exit 1; }
echo "$dir: $(git rev-list --count HEAD) commits, $("$GRILLE" status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["totals"]["answered"])') answers"
