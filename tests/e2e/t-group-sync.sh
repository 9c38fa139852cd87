#!/usr/bin/env bash
# Two members of one shared repository add members, actions and reviews at
# the same time, by hand in the tables: after syncing, everything from both is
# there without a conflict. Then both change the same entry: a conflict on
# that entry, shown by every command, settled without losing either version.
. "$(dirname "$0")/lib.sh"

shared="$TEST_ROOT/partage.git"
git init -q --bare "$shared"
as_alice() { GIT_AUTHOR_NAME="Alice" GIT_AUTHOR_EMAIL=alice@example.org "$@"; }
as_bob() { GIT_AUTHOR_NAME="Bob" GIT_AUTHOR_EMAIL=bob@example.org "$@"; }

alice="$TEST_ROOT/alice"
bob="$TEST_ROOT/bob"
as_alice "$GRILLE" init "$alice" >/dev/null 2>&1
(cd "$alice" && "$GRILLE" sync --set-remote "$shared" >/dev/null 2>&1)
git clone -q "file://$shared" "$bob"

# Both add at once, neither has synced.
cd "$alice" || exit 1
printf '%s\n' '| Alice | animatrice | alice@example.org | |' >>membres.md
printf '%s\n' '| A1 | Ouvrir un agenda partagé | Alice | 2027-01-15 | à faire |  |  |  |  |' >>plan.md
printf '%s\n' '| 2027-01-01 | début du test |  |  |' '| 2027-03-31 | fin du test |  |  |' \
	'| 2027-02-01 | bilan | Mi-parcours |  |' >>calendrier.md
as_alice "$GRILLE" commit >/dev/null 2>&1
run sync
is "$rc" 0 "Alice shares her rows"

cd "$bob" || exit 1
printf '%s\n' '| Bob | trésorier | bob@example.org | |' >>membres.md
printf '%s\n' '| A1 | Former le bureau | Bob | 2027-02-01 | à faire |  |  |  |  |' >>plan.md
printf '%s\n' '| 2027-03-15 | bilan | Bilan final |  |' >>calendrier.md
as_bob "$GRILLE" commit >/dev/null 2>&1
out=$(as_bob "$GRILLE" sync 2>&1); rc=$?
is "$rc" 0 "Bob syncs: the tables merge without a conflict"
contains "$out" "Deux actions ajoutées des deux côtés portaient le numéro A1 : la vôtre devient A2" \
	"the two A1 added at once: Bob's becomes A2, and sync says so"
case "$out" in *attention*) ok 1 "no conflict left on any entry" ;; *) ok 0 "no conflict left on any entry" ;; esac
is "$(git status --porcelain)" "" "the merge is committed whole"
contains "$(git log -1 --format=%B)" "la vôtre devient A2" "the merge commit says it too"
is "$(grep -o '^| A[0-9]* | [^|]*' plan.md | sort | tr '\n' ';')" \
	"| A1 | Ouvrir un agenda partagé ;| A2 | Former le bureau ;" "both actions, numbered apart"
grep -c '^| \(Alice\|Bob\) |' membres.md >"$TEST_ROOT/n"
is "$(cat "$TEST_ROOT/n")" 2 "both members are in membres.md"
is "$(grep -c '| bilan |' calendrier.md)" 2 "both reviews are in calendrier.md"
check "git agrees: an ordinary merge" git merge-base --is-ancestor "$(git -C "$alice" rev-parse HEAD)" HEAD

cd "$alice" && run sync
is "$rc" 0 "Alice takes Bob's merge"
is "$(grep -c '^| A[12] |' plan.md)" 2 "her plan has both actions"

# The same entry changed on both sides: two rows with one key, never a silent loss.
cd "$alice" || exit 1
sed -i 's/^| Alice | animatrice |/| Alice | animatrice, secrétaire |/' membres.md
as_alice "$GRILLE" commit >/dev/null 2>&1
run sync
cd "$bob" || exit 1
sed -i 's/^| Alice | animatrice |/| Alice | coordinatrice |/' membres.md
as_bob "$GRILLE" commit >/dev/null 2>&1
out=$(as_bob "$GRILLE" sync 2>&1); rc=$?
is "$rc" 0 "the sync itself goes through: the union merge keeps both rows"
contains "$out" "attention : membres.md : « Alice » a été changé de deux façons" "sync names the entry in conflict"
contains "$out" "animatrice, secrétaire" "with Alice's version"
contains "$out" "coordinatrice" "and Bob's"
run diff
contains "$err" "« Alice » a été changé de deux façons" "any other command warns too"
is "$(grep -c '^| Alice |' membres.md)" 2 "both rows are in the file"
# Settled by hand: keep one row.
sed -i '/^| Alice | coordinatrice |/d' membres.md
run diff
case "$err" in *"deux façons"*) ok 1 "settled: no warning any more" ;; *) ok 0 "settled: no warning any more" ;; esac
as_bob "$GRILLE" commit >/dev/null 2>&1
is "$(git status --porcelain)" "" "and committed"

done_testing
