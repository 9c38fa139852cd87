# Shared by t-member, t-plan and t-calendar, after lib.sh: a workspace in
# "$TEST_ROOT/ws" (the current folder), and refusals that change nothing.

ws="$TEST_ROOT/ws"
"$GRILLE" init "$ws" >/dev/null 2>&1
cd "$ws" || exit 1

# git's view of the workspace, with the bytes of the group's files: what "nothing changed" compares.
snapshot() {
	{ git status --porcelain; cat membres.md plan.md calendrier.md grille.yaml 2>/dev/null; } | sha1sum
}

# refused WANT_RC NEEDLE DESCRIPTION ARGS...: refuses (lib.sh: exit code, message, no file
# changed, .git included), and `git status --porcelain` and the group's files are as before.
refused() {
	local before
	before=$(snapshot)
	refuses "$@"
	is "$(snapshot)" "$before" "$3: git status and the files are as before"
}
