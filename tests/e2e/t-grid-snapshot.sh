#!/usr/bin/env bash
# The grid snapshot (.git/grille/grid-snapshot): the grid's YAML parsed once,
# read back while its text stays byte for byte the same; a changed grid is
# parsed again, a damaged snapshot, a link or a tube in its place is never
# used, and outside git nothing is written.
. "$(dirname "$0")/lib.sh"
export GRILLE_KEEP_STATUS=0 # the work of a status, not a status kept whole (t-status-fast.sh)

cat >"$TEST_ROOT/grid.yaml" <<'YAML'
grid: atelier
version: "1"
title: Notre grille
steps:
  - id: "1"
    title: Se connaître
    file: 01-se-connaitre.md
    items:
      - id: "1.1"
        title: Qui sommes-nous ?
        questions:
          - id: "1.1.a"
            level: 1
            text: Qui est là ?
          - id: "1.1.b"
            level: 1
            kind: choice
            text: Comment nous réunissons-nous ?
            options: [En salle, En visio]
      - id: "1.2"
        title: En visio
        when: { question: "1.1.b", option: En visio }
        questions:
          - id: "1.2.a"
            level: 1
            text: Avec quel outil ?
YAML
"$GRILLE" init "$TEST_ROOT/ws" --grid "$TEST_ROOT/grid.yaml" >/dev/null 2>&1
cd "$TEST_ROOT/ws" || exit 1
snap=.git/grille/grid-snapshot
# text ID: a question's text in the JSON document in $out.
text() { json "[q['text'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '$1'][0]"; }

rm -f "$snap"
run status --json
is "$rc" 0 "status with no snapshot"
check "the grid's parse leaves a snapshot" test -f "$snap" -a ! -L "$snap"
is "$(head -n 1 "$snap")" "grille grid snapshot" "the snapshot says what it is"
first=$out
check "the snapshot holds the grid's text" grep -q "Comment nous réunissons-nous" "$snap"
is "$(git status --porcelain)" "" "the snapshot is no change to the repository"

run status --json
is "$out" "$first" "read back from the snapshot, the status is the same"

# A changed grid is another text: parsed again, and the snapshot replaced.
sed -i 's/Qui est là ?/Qui vient ?/' grille-grid.yaml
run status --json
is "$rc" 0 "status after the grid changed"
is "$(text 1.1.a)" "Qui vient ?" "the changed question reads as the grid now says"
check "the snapshot holds the new text" grep -q "Qui vient" "$snap"
sed -i 's/Qui vient ?/Qui est là ?/' grille-grid.yaml
run status --json
is "$(text 1.1.a)" "Qui est là ?" "and back again"

# A grid the parse refuses is refused, whatever the snapshot holds.
cp grille-grid.yaml "$TEST_ROOT/good.yaml"
sed -i 's/level: 1$/level: 9/' grille-grid.yaml
run status --json
is "$rc" 1 "a grid with a level out of bounds is refused, snapshot or not"
contains "$err" "niveau" "and the message is the parse's"
cp "$TEST_ROOT/good.yaml" grille-grid.yaml

# Damaged, cut short, a link or a tube: never used, never followed, never waited on.
run status --json
printf 'grille grid snapshot\ngarbage' >"$snap"
run status --json
is "$out" "$first" "a damaged snapshot: the grid is parsed again"
check "and the snapshot is written again" grep -q "Comment nous réunissons-nous" "$snap"
head -c 300 "$snap" >"$snap.cut" && mv "$snap.cut" "$snap"
run status --json
is "$out" "$first" "a snapshot cut short: the grid is parsed again"
printf 'ailleurs\n' >"$TEST_ROOT/elsewhere"
rm -f "$snap" && ln -s "$TEST_ROOT/elsewhere" "$snap"
run status --json
is "$out" "$first" "a link in the snapshot's place: the grid is parsed"
is "$(cat "$TEST_ROOT/elsewhere")" "ailleurs" "what the link points to is left alone"
check "a regular file takes the link's place" test -f "$snap" -a ! -L "$snap"
rm -f "$snap" && mkfifo "$snap"
RUN_TIMEOUT=60 run status --json
is "$out" "$first" "a tube in the snapshot's place: the grid is parsed, nothing hangs"

# The shipped grid has its snapshot too.
"$GRILLE" init "$TEST_ROOT/default" >/dev/null 2>&1
cd "$TEST_ROOT/default" || exit 1
run status --json
shipped=$out
check "a workspace on the shipped grid has a snapshot" test -f "$snap"
run status --json
is "$out" "$shipped" "read back, the shipped grid gives the same status"

# Outside git: nothing written for the grid.
"$GRILLE" init "$TEST_ROOT/plain" >/dev/null 2>&1
rm -rf "$TEST_ROOT/plain/.git"
cd "$TEST_ROOT/plain" || exit 1
before=$(tree_sum .)
run status --json
is "$rc" 0 "status outside git"
is "$(tree_sum .)" "$before" "outside git, status writes nothing"

done_testing
