#!/usr/bin/env bash
# grille init never overwrites: twice, inside a workspace, collisions, bad folders.
. "$(dirname "$0")/lib.sh"

ws="$TEST_ROOT/ws"
run init "$ws"
is "$rc" 0 "a first init"
echo "Nos premières idées." >>"$ws/etape-1-par-ou-commencons-nous.md"
before=$(tree_sum "$ws")
head=$(git -C "$ws" rev-parse HEAD)

run init "$ws"
is "$rc" 1 "init twice fails"
contains "$err" "« $ws » est déjà un espace de travail : rien n'a été modifié." "it says the folder holds a workspace"
is "$(tree_sum "$ws")" "$before" "no file changed, .git included"
is "$(git -C "$ws" rev-parse HEAD)" "$head" "no new commit"

run init "$ws/sous-dossier"
is "$rc" 1 "init inside a workspace fails"
contains "$err" "« $ws » est déjà un espace de travail" "it names the enclosing workspace"
check "the subfolder was not created" test ! -e "$ws/sous-dossier"

# Collisions in a non-empty folder: listed, nothing made.
col="$TEST_ROOT/collisions"
mkdir "$col"
echo "Notre README à nous." >"$col/README.md"
echo "notes" >"$col/etape-3-diagnostic.md"
echo "autre chose" >"$col/a-garder.txt"
before=$(tree_sum "$col")
run init "$col"
is "$rc" 1 "init with colliding files fails"
contains "$err" "ces fichiers sont déjà dans « $col »" "it says files are in the way"
contains "$err" "  README.md" "README.md is listed"
contains "$err" "  etape-3-diagnostic.md" "the step file is listed"
case "$err" in *a-garder.txt*) ok 1 "a file that is not in the way is not listed" ;;
               *) ok 0 "a file that is not in the way is not listed" ;; esac
is "$(tree_sum "$col")" "$before" "nothing was created or changed"
check "no repository was created" test ! -e "$col/.git"

# A non-empty folder without collisions: the files are added beside the others.
other="$TEST_ROOT/autres"
mkdir "$other" && echo "à garder" >"$other/a-garder.txt"
run init "$other"
is "$rc" 0 "init in a non-empty folder without collisions"
is "$(cat "$other/a-garder.txt")" "à garder" "the existing file is untouched"
is "$(git -C "$other" status --porcelain)" "?? a-garder.txt" "and not committed"

# Not a folder.
echo x >"$TEST_ROOT/fichier"
run init "$TEST_ROOT/fichier"
is "$rc" 1 "init on a file fails"
contains "$err" "n'est pas un dossier" "it says it is not a folder"

# A folder that cannot be written: nothing half-made.
if [ "$(id -u)" -ne 0 ]; then
	mkdir "$TEST_ROOT/ro" && chmod 555 "$TEST_ROOT/ro"
	run init "$TEST_ROOT/ro"
	is "$rc" 1 "init in a read-only folder fails"
	is "$(ls -A "$TEST_ROOT/ro")" "" "and leaves it empty"
	chmod 755 "$TEST_ROOT/ro"
fi

done_testing
