#!/usr/bin/env bash
# What issue 10's data files rely on: a file declared `merge=union` in
# .gitattributes keeps the rows two members added at once, whether libgit2
# merges (grille sync) or the git command does; the same row changed on both
# sides leaves both versions, for grille to show as a conflict.
. "$(dirname "$0")/lib.sh"

shared="$TEST_ROOT/partage.git"
git init -q --bare "$shared"
alice="$TEST_ROOT/alice" bob="$TEST_ROOT/bob"
GIT_AUTHOR_NAME=Alice GIT_AUTHOR_EMAIL=alice@example.org "$GRILLE" init "$alice" >/dev/null 2>&1
cd "$alice" || exit 1
printf '# Membres\n\n| Nom | Rôles |\n|---|---|\n| Awa | animation |\n' >membres.md
printf 'membres.md merge=union\n' >.gitattributes
git add -A && git commit -qm "Membres"
run sync --set-remote "$shared"
is "$rc" 0 "alice shares the workspace"
git clone -q "file://$shared" "$bob"

# Both add a member at once; bob merges with grille sync (libgit2).
echo '| Paul | trésorerie |' >>membres.md
git commit -qam "Paul" && git push -q origin main
cd "$bob" || exit 1
echo '| Léa | secrétariat |' >>membres.md
git commit -qam "Léa"
run sync
is "$rc" 0 "grille sync merges the two additions"
is "$(grep -c '^| ' membres.md)" 4 "the header, Awa's row and both new ones"
check "Paul's row is there" grep -q '^| Paul | trésorerie |$' membres.md
check "Léa's row is there" grep -q '^| Léa | secrétariat |$' membres.md
check "no conflict marker" bash -c "! grep -q '^<<<<<<<' membres.md"
check "git's status is clean" test -z "$(git status --porcelain)"
is "$(git rev-list --parents -n 1 HEAD | wc -w)" 3 "a merge commit"

# The same, merged by the git command.
cd "$alice" || exit 1
git pull -q --no-rebase origin main
echo '| Sam | communication |' >>membres.md
git commit -qam "Sam"
cd "$bob" || exit 1
echo '| Nour | accueil |' >>membres.md
git commit -qam "Nour" && git push -q origin main
cd "$alice" || exit 1
git pull -q --no-rebase --no-edit origin main >/dev/null 2>&1
ok $? "git merges the two additions"
for name in Awa Paul Léa Sam Nour; do
	check "$name is there after git's merge" grep -q "^| $name |" membres.md
done

# The same row changed on both sides: union keeps both versions.
git push -q origin main
cd "$bob" && git pull -q --no-rebase origin main
sed -i 's/^| Awa | animation |$/| Awa | animation, agenda |/' membres.md && git commit -qam "Awa : agenda" && git push -q origin main
cd "$alice" || exit 1
sed -i 's/^| Awa | animation |$/| Awa | coordination |/' membres.md && git commit -qam "Awa : coordination"
run sync
is "$rc" 0 "grille sync merges the two changes of one row"
is "$(grep -c '^| Awa |' membres.md)" 2 "both versions of Awa's row are kept, nothing is lost"

done_testing
