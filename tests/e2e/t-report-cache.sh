#!/usr/bin/env bash
# The report's kept sections (.git/grille/report-html-N): after each kind of change the HTML
# report is byte for byte the one made with no cache at all; a step that did not change is not
# rendered again (its kept file stays the same file); a damaged, cut, FIFO or linked file is
# rendered again and replaced.
. "$(dirname "$0")/lib.sh"

ws="$TEST_ROOT/ws"
"$GRILLE" init "$ws" --level 2 >/dev/null 2>&1
cd "$ws" || exit 1
s1=etape-1-par-ou-commencons-nous.md
s3=etape-3-diagnostic.md
kept=.git/grille
commit_as() { # commit_as NAME: everything, by NAME
	git add -A && git -c user.name="$1" -c user.email="${1%% *}@example.org" commit -qm "Par $1"
}
answer "$s1" 1.1.a 'Réponse-alpha : une association de quartier.'
answer "$s1" 1.2.a -- '- Réponse-beta premier point\n- second point'
answer "$s3" 3.1.a '#### Réponse-delta titre\n\nEt son texte, avec un [lien](https://exemple.org) et <b>du HTML</b>.'
answer "$s3" 3.2.a '| qui | temps |\n|---|---|\n| Réponse-gamma | 2 h |'
commit_as "Camille Martin"
# Past the second of their last change, the step files are no longer "racy" (stat_cache.h): a
# report that finds one unchanged reads it not at all, and one that must render its step again
# (new options below) makes its status again from the files read.
sleep 2

inode() { stat -c %i "$kept/report-html-$1" 2>/dev/null || echo none; }
inodes() { echo "$(inode 1) $(inode 2) $(inode 3)"; }
# same WHAT ARGS...: the report with its kept sections, then with no cache at all, byte for byte.
same() {
	local what=$1
	shift
	run report -o "$TEST_ROOT/kept.html" "$@"
	is "$rc" 0 "$what: the report with kept sections is written"
	mv "$kept" "$TEST_ROOT/aside"
	"$GRILLE" report -o "$TEST_ROOT/fresh.html" "$@" >/dev/null 2>&1
	rm -rf "$kept"
	mv "$TEST_ROOT/aside" "$kept"
	check "$what: the same report as with no cache" cmp -s "$TEST_ROOT/kept.html" "$TEST_ROOT/fresh.html"
}

same "first report"
[ -f "$kept/report-html-1" ] && [ -f "$kept/report-html-3" ]
ok $? "each step's section is kept"
before=$(inodes)
same "nothing changed"
is "$(inodes)" "$before" "nothing changed: no section rendered again"

# Step 3 changed in the same second, at the same size: its section alone is rendered again.
stamp=$(stat -c %y "$s3")
sed -i 's/Réponse-delta/Réponse-omega/' "$s3"
touch -d "$stamp" "$s3"
same "a step edited in the same second, same size"
after=$(inodes)
is "${after%% *}" "${before%% *}" "one step changed: step 1 not rendered again"
[ "$(inode 3)" != "${before##* }" ]
ok $? "one step changed: its section rendered again"
contains "$(cat "$TEST_ROOT/kept.html")" "Réponse-omega" "one step changed: the report shows the change"

# Options, settings and the format each make their own sections.
same "--guidance" --guidance
same "--step" --step 3
same "--authors" --authors
"$PYTHON" - <<'EOF'
import re
text = open("grille.yaml", encoding="utf-8").read()
open("grille.yaml", "w", encoding="utf-8").write(re.sub(r"(?m)^title: .*$", "title: Un autre titre", text, count=1) if "title:" in text else text + "title: Un autre titre\n")
EOF
same "the settings changed"
run report -o "$TEST_ROOT/r.md" --format md
[ ! -e "$kept/report-md-1" ]
ok $? "a Markdown report keeps no HTML section"

# Another author rewrites an answer of step 1: who wrote it changes, and the report says so.
sed -i 's/Réponse-alpha : une association de quartier./Réponse-alpha : un collectif d’habitants./' "$s1"
commit_as "Awa Diallo"
same "a commit by another author, --authors" --authors
contains "$(cat "$TEST_ROOT/kept.html")" "Awa Diallo" "the new author is shown"

# The group's data changed: a member added.
run member add "Zoé Leroy" --email zoe@example.org
same "a member added"

# Damaged kept files: cut short, a byte changed inside, a FIFO, a link. Each is rendered again.
same "before the damage"
size=$(stat -c %s "$kept/report-html-1")
truncate -s $((size / 2)) "$kept/report-html-1"
same "a kept section cut short"
printf 'X' | dd of="$kept/report-html-3" bs=1 seek=$(($(stat -c %s "$kept/report-html-3") - 10)) conv=notrunc 2>/dev/null
same "a kept section with a byte changed"
! grep -q "X" <(tail -c 10 "$kept/report-html-3")
ok $? "the damaged section was replaced"
rm -f "$kept/report-html-1" && mkfifo "$kept/report-html-1"
RUN_TIMEOUT=30 same "a FIFO in place of a kept section"
[ -f "$kept/report-html-1" ] && [ ! -p "$kept/report-html-1" ]
ok $? "the FIFO was replaced by a regular file"
echo "not grille's" >"$TEST_ROOT/target" && rm -f "$kept/report-html-2" && ln -s "$TEST_ROOT/target" "$kept/report-html-2"
same "a link in place of a kept section"
[ ! -L "$kept/report-html-2" ]
ok $? "the link was replaced by a regular file"
is "$(cat "$TEST_ROOT/target")" "not grille's" "the file the link pointed to is untouched"

# The step files' IDs damaged: cut short, then a FIFO. Every file is read again, nothing is trusted.
sleep 2
same "before the IDs are damaged"
size=$(stat -c %s "$kept/report-files")
truncate -s $((size - 3)) "$kept/report-files"
same "the step files' IDs cut short"
printf 'X' | dd of="$kept/report-files" bs=1 seek=40 conv=notrunc 2>/dev/null
same "the step files' IDs with a byte changed"
rm -f "$kept/report-files" && mkfifo "$kept/report-files"
RUN_TIMEOUT=30 same "a FIFO in place of the step files' IDs"
[ -f "$kept/report-files" ] && [ ! -p "$kept/report-files" ]
ok $? "the FIFO was replaced by the step files' IDs"

# The grid changed: a workspace with its grid in a file, whose item guidance the report shows.
gws="$TEST_ROOT/grid-ws"
"$GRILLE" init "$gws" --grid "$TEST_DIR/../../templates/fr/grille.yaml" --level 2 >/dev/null 2>&1
cd "$gws" || exit 1
answer "$s1" 1.1.a 'Réponse-grille.'
commit_as "Camille Martin"
same "a grid in a file" --guidance
before=$(inodes)
"$PYTHON" - <<'PY'
text = open("grille-grid.yaml", encoding="utf-8").read()
old = "Situons notre collectif"
assert old in text
open("grille-grid.yaml", "w", encoding="utf-8").write(text.replace(old, "Guidance-changée. " + old, 1))
PY
same "the grid changed" --guidance
contains "$(cat "$TEST_ROOT/kept.html")" "Guidance-changée" "the grid changed: the report shows the new guidance"
[ "$(inode 1)" != "${before%% *}" ]
ok $? "the grid changed: step 1 rendered again"
cd "$ws" || exit 1

# A workspace outside git keeps nothing, beside it or in it.
plain="$TEST_ROOT/plain"
"$GRILLE" init "$plain" >/dev/null 2>&1
rm -rf "$plain/.git"
before=$(tree_sum "$plain")
(cd "$plain" && "$GRILLE" report -o "$TEST_ROOT/plain.html" >/dev/null 2>&1)
is "$(tree_sum "$plain")" "$before" "outside git, nothing is kept"

done_testing
