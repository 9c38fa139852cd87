#!/usr/bin/env bash
# Files grille must never write over or read (issue 8, items 9, 10, 11, 18): the
# group's files, links, tubes and devices; temporary files git must never see;
# the workspace lock. Every grille that could block runs under `timeout`.
. "$(dirname "$0")/lib.sh"

ws="$TEST_ROOT/ws"
"$GRILLE" init "$ws" >/dev/null 2>&1 || { echo "Bail out! init failed"; exit 1; }
cd "$ws" || exit 1
WS=$ws
step1=etape-1-par-ou-commencons-nous.md
step5=etape-5-bilan.md
export GRILLE_LOCK_WAIT_MS=0

# Every grille run here stops after 20 s: a FIFO must never make it wait (lib.sh's run).
RUN_TIMEOUT=20

answer "$step1" 1.1.a 'Une réponse pas encore enregistrée.'

# --- 9. The report is never written over a file of the group ----------------------
refuses 1 "fichier d'étape" "report -o a step file" report --format md -o "$step1"
refuses 1 "réglages" "report -o grille.yaml" report --format md -o grille.yaml
refuses 1 "mode d'emploi" "report -o README.md" report -o README.md
refuses 1 "git ignore" "report -o .gitignore" report --format md -o .gitignore
refuses 1 "règles de fusion" "report -o .gitattributes" report --format md -o .gitattributes
for table in membres.md plan.md calendrier.md; do
	refuses 1 "tableau du groupe" "report -o $table" report --format md -o "$table"
done
refuses 1 "dossier de git" "report -o inside .git" report -o .git/rapport.html
mkdir -p sous
refuses 1 "fichier d'étape" "report -o a step file named through a folder" report --format md -o "sous/../$step1"
printf 'Nos notes\n' >notes.md
git add notes.md && git commit -qm notes
refuses 1 "suivi par git" "report -o a file git tracks" report -o notes.md
# An old report the group committed: the default report is refused, and says how to go on.
git add -f grille-rapport.html 2>/dev/null || { printf 'ancien' >grille-rapport.html; git add -f grille-rapport.html; }
git commit -qm "ancien rapport"
refuses 1 "git rm --cached" "report over a committed grille-rapport.html" report
git rm -q --cached grille-rapport.html && git commit -qm "rapport hors de git"
refuses 1 "dossier" "report -o a folder" report --format md -o sous
# A grid naming a step file grille-rapport.md is refused before anything is made.
sed 's/^\(\s*file:\s*\).*/\1grille-rapport.md/; /^# expect/d' "$TEST_DIR/../grids/file-readme.yaml" >"$TEST_ROOT/report-grid.yaml"
run -C "$TEST_ROOT" init made --grid report-grid.yaml
is "$rc" 1 "a grid with a step file grille-rapport.md: exit 1"
contains "$err" "réservé au rapport" "a grid with a step file grille-rapport.md: says so"
check "a grid with a step file grille-rapport.md: nothing made" test ! -e "$TEST_ROOT/made"

# A link: refused, the link and what it points to untouched.
printf 'à garder\n' >"$TEST_ROOT/cible.html"
ln -s "$TEST_ROOT/cible.html" lien.html
refuses 1 "lien symbolique" "report -o a symbolic link" report -o lien.html
is "$(cat "$TEST_ROOT/cible.html")" "à garder" "report -o a link: its target untouched"
check "report -o a link: still a link" test -L lien.html
rm lien.html

# A tube nobody reads: refused at once, never waited on.
mkfifo tube.html
refuses 1 "personne ne lit le tube" "report -o a tube nobody reads" report -o tube.html
# A tube someone reads: written into, still a tube.
cat tube.html >"$TEST_ROOT/from-tube.html" &
reader=$!
run report -o tube.html
is "$rc" 0 "report -o a tube being read: exit 0"
wait "$reader"
contains "$(cat "$TEST_ROOT/from-tube.html")" "</html>" "report -o a tube: the reader got the whole report"
check "report -o a tube: still a tube" test -p tube.html
rm tube.html

# Devices are written into, never replaced; a full one says so.
run report -o /dev/null
is "$rc" 0 "report -o /dev/null: exit 0"
check "report -o /dev/null: still a device" test -c /dev/null
if [ -c /dev/full ]; then
	refuses 1 "/dev/full" "report -o /dev/full (no space left)" report -o /dev/full
	check "report -o /dev/full: still a device" test -c /dev/full
else
	ok 0 "# SKIP no /dev/full here"
fi
if [ "$(id -u)" -eq 0 ]; then
	# As root a rename over a device node would succeed: it must not happen.
	mknod "$TEST_ROOT/null-node" c 1 3
	run report -o "$TEST_ROOT/null-node"
	is "$rc" 0 "as root, report -o a device node: exit 0"
	check "as root, report -o a device node: still a device node" test -c "$TEST_ROOT/null-node"
else
	ok 0 "# SKIP device nodes can only be made as root"
fi

# --- 10. Only regular files of the workspace are read -----------------------------
cp "$step5" "$TEST_ROOT/step5.bak"
swap_step5() { rm -f "$step5"; "$@"; }
restore_step5() { rm -f "$step5"; cp "$TEST_ROOT/step5.bak" "$step5"; }

swap_step5 ln -s /dev/zero "$step5"
refuses 1 "lien symbolique" "status, a step file linked to /dev/zero" status
refuses 1 "lien symbolique" "skip, a step file linked to /dev/zero" skip 5.1
check "skip on a linked step file: still a link" test -L "$step5"
swap_step5 mkfifo "$step5"
refuses 1 "pas un fichier ordinaire" "status, a step file that is a tube" status
refuses 1 "pas un fichier ordinaire" "defer, a step file that is a tube" defer 5.1
check "defer on a tube: still a tube" test -p "$step5"
# A link to a file outside the workspace: never read, never shown in the report.
sed 's/^### 5.1.a .*/&\n\nSECRET-HORS-ESPACE/' "$TEST_ROOT/step5.bak" >"$TEST_ROOT/outside.md"
swap_step5 ln -s "$TEST_ROOT/outside.md" "$step5"
run report -o -
is "$rc" 1 "report, a step file linked outside the workspace: exit 1"
case "$out" in *SECRET-HORS-ESPACE*) ok 1 "report: the linked file's content is not shown" ;;
*) ok 0 "report: the linked file's content is not shown" ;; esac
refuses 1 "lien symbolique" "skip, a step file linked outside the workspace" skip 5.1
check "skip on a linked step file: the link stays a link" test -L "$step5"
check "skip on a linked step file: the outside file untouched" grep -q SECRET-HORS-ESPACE "$TEST_ROOT/outside.md"
restore_step5

cp grille.yaml "$TEST_ROOT/settings.bak"
rm grille.yaml && mkfifo grille.yaml
refuses 1 "pas un fichier ordinaire" "status, grille.yaml a tube" status
rm grille.yaml && ln -s /dev/zero grille.yaml
refuses 1 "lien symbolique" "status, grille.yaml linked to /dev/zero" status
rm grille.yaml && { cat "$TEST_ROOT/settings.bak"; head -c 9000000 /dev/zero | tr '\0' '#'; } >grille.yaml
refuses 1 "trop gros" "status, a 9 MB grille.yaml" status
rm grille.yaml && cp "$TEST_ROOT/settings.bak" grille.yaml

# Grids named with --grid: a tube, a device, a huge file.
mkfifo "$TEST_ROOT/grid-tube.yaml"
head -c 9000000 /dev/zero | tr '\0' '#' >"$TEST_ROOT/grid-huge.yaml"
for grid in "$TEST_ROOT/grid-tube.yaml" /dev/zero "$TEST_ROOT/grid-huge.yaml"; do
	run -C "$TEST_ROOT" init made --grid "$grid"
	is "$rc" 1 "init --grid $(basename "$grid"): exit 1"
	contains "$err" "impossible de charger la grille" "init --grid $(basename "$grid"): says so"
	check "init --grid $(basename "$grid"): nothing made" test ! -e "$TEST_ROOT/made"
done

# A tube in place of the log cache (a report runs the log): ignored and
# replaced, never waited on.
rm -f .git/grille/log-cache && mkfifo .git/grille/log-cache
run report -o "$TEST_ROOT/r.html"
is "$rc" 0 "report, the log cache a tube: exit 0"
check "the log cache is a file again" test -f .git/grille/log-cache

# --- 11. Temporary files git never sees --------------------------------------------
git add -A && git commit -qm avant
# A report killed while writing (SIGXFSZ past a 4 KiB file size limit).
(ulimit -f 4; exec "$GRILLE" report -o grille-rapport.html) >/dev/null 2>&1
killed=$?
is "$killed" 153 "a report killed while writing (SIGXFSZ)"
is "$(git status --porcelain)" "" "after the kill, git sees no new file"
# Leftovers of earlier versions beside the files, and of a dead writer in the git folder.
for f in ".grille-rapport.html.Ab12Cd" ".$step1.xY98zW"; do
	printf 'copie partielle' >"$f"
	touch -d '1 hour ago' "$f"
done
mkdir -p .git/grille/tmp
printf 'partiel' >".git/grille/tmp/.$step1.999999.0badcafe"
answer "$step1" 1.2.a 'Une autre réponse.'
run commit
is "$rc" 0 "commit after leftovers: exit 0"
is "$(git show --stat --format= HEAD | grep -c 'Ab12Cd\|xY98zW')" 0 "commit: no leftover temporary file committed"
is "$(git ls-files | grep '^\.' | tr '\n' ' ')" ".gitattributes .gitignore " "git tracks no temporary file (.gitattributes and .gitignore only)"
check "the leftovers are cleaned up" test ! -e ".grille-rapport.html.Ab12Cd" -a ! -e ".$step1.xY98zW"
check "the dead writer's temporary file is cleaned up" test ! -e ".git/grille/tmp/.$step1.999999.0badcafe"

# Modes: a new file gets 0666 less the umask; a replaced one keeps its mode.
(umask 077; "$GRILLE" report -o "$TEST_ROOT/private.html" >/dev/null 2>&1)
is "$(stat -c %a "$TEST_ROOT/private.html")" 600 "a new report follows the umask"
chmod 640 "$step5"
run skip 5.2
is "$(stat -c %a "$step5")" 640 "skip keeps the step file's mode"

# --- 18. The workspace lock ------------------------------------------------------------
lock=.git/grille.lock
printf '%s %s\n' "$$" "$(uname -n)" >"$lock"
refuses 1 "grille.lock" "skip while another grille holds the lock" skip 3.1
refuses 1 "occupé" "commit while another grille holds the lock" commit
refuses 1 "occupé" "report into the workspace while the lock is held" report
run report -o "$TEST_ROOT/dehors.html"
is "$rc" 0 "a report written outside the workspace needs no lock"
depot="$TEST_ROOT/depot"
git init -q "$depot" && git -C "$depot" commit -q --allow-empty -m "Premier commit"
printf '%s %s\n' "$$" "$(uname -n)" >"$depot/.git/grille.lock"
depot_head=$(git -C "$depot" rev-parse HEAD)
WS="$depot" refuses 1 "occupé" "init into a repository whose lock is held" init "$depot/atelier"
check "  nothing of it was created" test ! -e "$depot/atelier"
is "$(git -C "$depot" rev-parse HEAD)" "$depot_head" "  and no commit was made"
rm "$depot/.git/grille.lock"
run init "$depot/atelier"
is "$rc" 0 "once the lock is gone, init into that repository works"
check "  and leaves no lock behind" test ! -e "$depot/.git/grille.lock"
# A lock left by a process that died on this machine is taken over.
sleep 0 & dead=$!
wait "$dead"
printf '%s %s\n' "$dead" "$(uname -n)" >"$lock"
run skip 3.1
is "$rc" 0 "a stale lock (dead process) is taken over"
check "the lock is released after" test ! -e "$lock"

export GRILLE_LOCK_WAIT_MS=20000
git add -A && git commit -qm marques
pids=()
for q in 2.1 2.2 2.3; do
	"$GRILLE" skip "$q" >"$TEST_ROOT/skip-$q.out" 2>&1 &
	pids+=($!)
done
fails=0
for p in "${pids[@]}"; do wait "$p" || fails=$((fails + 1)); done
is "$fails" 0 "three skips at once: all exit 0"
is "$(grep -c '^\*\*Mis de côté\*\*' etape-2-principes-d-action.md)" 3 "three skips at once: three marks"

answer etape-3-diagnostic.md 3.1.a 'Réponse pour les commits simultanés.'
"$GRILLE" commit >"$TEST_ROOT/c1" 2>&1 & c1=$!
"$GRILLE" commit >"$TEST_ROOT/c2" 2>&1 & c2=$!
"$GRILLE" milestone ensemble >"$TEST_ROOT/c3" 2>&1 & c3=$!
codes=""
for p in $c1 $c2 $c3; do wait "$p"; codes="$codes$?"; done
is "$codes" 000 "two commits and a milestone at once: all exit 0"
empty=0
for c in $(git log --format=%H); do
	[ -n "$(git diff-tree --root --no-commit-id -r "$c")" ] || empty=$((empty + 1))
done
is "$empty" 0 "two commits and a milestone at once: no empty commit"
is "$(git status --porcelain)" "" "two commits and a milestone at once: everything recorded"
check "the milestone is there" git rev-parse -q --verify refs/tags/ensemble
check "no lock left behind" test ! -e "$lock"

# Standard streams started closed: the files grille opens must not take their
# numbers, or its messages land inside them.
f1=etape-1-par-ou-commencons-nous.md
"$GRILLE" skip 1.2 --reason fermé >&- 2>&-
is "$?" 0 "skip with stdout and stderr closed works"
is "$(grep -c 'mis de côté (' "$f1")" 0 "its message went nowhere near the step file"
is "$(grep -c '^\*\*Mis de côté\*\* : fermé$' "$f1")" 1 "and the mark is there, once"
"$GRILLE" reopen 1.2 <&- >&- 2>&-
is "$?" 0 "reopen with all three streams closed works"
is "$(grep -c 'Mis de côté\|est rouvert' "$f1")" 0 "the mark is gone and no message was written into the file"
check "no lock left behind" test ! -e "$lock"

# What the repository's configuration could make run: git hooks, filter drivers
# and fsmonitor are git's, never grille's (libgit2 runs none of them).
ran="$TEST_ROOT/ran"
mkdir -p .git/hooks
for hook in pre-commit commit-msg post-commit pre-push post-merge reference-transaction; do
	printf '#!/bin/sh\necho %s >>"%s"\n' "$hook" "$ran" >".git/hooks/$hook"
	chmod +x ".git/hooks/$hook"
done
git config filter.espion.clean "sh -c 'echo clean >>\"$ran\"; cat'"
git config filter.espion.smudge "sh -c 'echo smudge >>\"$ran\"; cat'"
git config core.fsmonitor "$TEST_ROOT/fsmonitor.sh"
printf '#!/bin/sh\necho fsmonitor >>"%s"\n' "$ran" >"$TEST_ROOT/fsmonitor.sh"
chmod +x "$TEST_ROOT/fsmonitor.sh"
printf '*.md filter=espion\n' >.git/info/attributes
answer "$f1" 1.3.a 'Une réponse, enregistrée sous des crochets git piégés.'
run status
run commit
is "$rc" 0 "commit with hooks, a filter driver and fsmonitor configured works"
run milestone piege
run report -o "$TEST_ROOT/piege.html"
check "no hook, filter or fsmonitor ran" test ! -e "$ran"
git commit -q --allow-empty -m "témoin" >/dev/null 2>&1
check "the traps were armed: the git command itself ran them" grep -q pre-commit "$ran"
rm -f .git/info/attributes .git/hooks/pre-commit .git/hooks/commit-msg .git/hooks/post-commit \
	.git/hooks/pre-push .git/hooks/post-merge .git/hooks/reference-transaction
git config --unset core.fsmonitor

done_testing
