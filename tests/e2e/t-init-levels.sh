#!/usr/bin/env bash
# Levels of detail and custom grids.
. "$(dirname "$0")/lib.sh"

for level in 1 2 3; do
	run init "$TEST_ROOT/n$level" --level "$level"
	is "$rc" 0 "init --level $level"
	count[$level]=$(question_count "$TEST_ROOT/n$level")
	contains "$out" "${count[$level]} questions au niveau $level" "level $level: the count printed is the count scaffolded"
	contains "$(cat "$TEST_ROOT/n$level/grille.yaml")" "level: $level" "level $level is recorded"
done
check "level 2 has more questions than level 1" test "${count[2]}" -gt "${count[1]}"
check "level 3 has more questions than level 2" test "${count[3]}" -gt "${count[2]}"
check "level 1 keeps only level-1 questions (1.1.d is level 2)" \
	bash -c "! grep -q '^### 1.1.d ' '$TEST_ROOT/n1/etape-1-par-ou-commencons-nous.md'"
check "level 2 has 1.1.d" grep -q '^### 1.1.d ' "$TEST_ROOT/n2/etape-1-par-ou-commencons-nous.md"
is "${count[1]} ${count[2]} ${count[3]}" "38 123 152" "the default grid: 38 questions at level 1, 123 up to level 2, 152 in all"
# No item stands empty at level 1: each item heading is followed by a question of its own.
"$PYTHON" - "$TEST_ROOT/n1" <<'PY'
import glob, re, sys
empty = []
for path in sorted(glob.glob(sys.argv[1] + "/etape-*.md")):
    item, seen = None, False
    for line in open(path, encoding="utf-8"):
        m = re.match(r"^## (\d+\.\d+) ", line)
        if m:
            if item and not seen:
                empty.append(item)
            item, seen = m.group(1), False
        elif item and line.startswith("### " + item + "."):
            seen = True
    if item and not seen:
        empty.append(item)
sys.exit("items without a question: %s" % empty if empty else 0)
PY
ok $? "at level 1, every item of the default grid has a question"

for bad in 0 4 deux ""; do
	run init "$TEST_ROOT/bad" --level "$bad"
	is "$rc" 2 "--level '$bad' is a usage error"
	check "nothing created for --level '$bad'" test ! -e "$TEST_ROOT/bad"
done
contains "$err" "1, 2 ou 3 attendu" "the message says which levels exist"

# A custom grid.
cat >"$TEST_ROOT/grille-perso.yaml" <<'YAML'
grid: atelier
version: "2.1"
title: "Notre grille : *maison*"
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
            text: "Qui est là, et qu'attend-on <vraiment> ?"
            guidance: Un tour de table suffit.
          - id: "1.1.b"
            level: 2
            kind: choice
            text: Comment nous réunissons-nous ?
            options: [En salle, En visio, "Les deux [au choix]"]
  - id: "2"
    title: Agir
    file: 02-agir.md
    items:
      - id: "2.1"
        title: Premiers pas
        questions:
          - id: "2.1.a"
            level: 1
            text: Par quoi commençons-nous ?
YAML
run init "$TEST_ROOT/perso" --grid "$TEST_ROOT/grille-perso.yaml" --level 2
is "$rc" 0 "init --grid with a custom grid"
is "$(cd "$TEST_ROOT/perso" && ls | tr '\n' ' ')" "01-se-connaitre.md 02-agir.md README.md calendrier.md grille-grid.yaml grille.yaml membres.md plan.md " \
   "its step files are the grid's, beside the group's tables"
is "$(cat "$TEST_ROOT"/perso/0*.md | grep -cE '^### [0-9]')" 3 "three questions at level 2"
cmp -s "$TEST_ROOT/grille-perso.yaml" "$TEST_ROOT/perso/grille-grid.yaml"
ok $? "the grid is copied byte for byte into the workspace"
yaml=$(cat "$TEST_ROOT/perso/grille.yaml")
contains "$yaml" "id: atelier" "grille.yaml names the custom grid"
contains "$yaml" "file: grille-grid.yaml" "and where its copy is"
step=$(cat "$TEST_ROOT/perso/01-se-connaitre.md")
contains "$step" "### 1.1.a Qui est là, et qu'attend-on \\<vraiment\\> ?" "text from the grid is escaped as Markdown"
contains "$step" "- [ ] Les deux \\[au choix\\]" "options too"
contains "$step" "> Un tour de table suffit." "guidance is a quote"
contains "$(cat "$TEST_ROOT/perso/README.md")" "# Notre grille : \\*maison\\*" "the README title comes from the grid"
check "git fsck is clean" fsck_clean "$TEST_ROOT/perso"

# A bad custom grid: the message points at the line, nothing is created.
sed 's/level: 2/level: 5/' "$TEST_ROOT/grille-perso.yaml" >"$TEST_ROOT/mauvaise.yaml"
run init "$TEST_ROOT/rien" --grid "$TEST_ROOT/mauvaise.yaml"
is "$rc" 1 "a bad grid fails"
is "$err" "grille : $TEST_ROOT/mauvaise.yaml:17:20: niveau « 5 » hors limites : 1, 2 ou 3 attendu" \
   "with file:line:col and what is wrong"
check "nothing is created" test ! -e "$TEST_ROOT/rien"
run init "$TEST_ROOT/rien" --grid "$TEST_ROOT/absente.yaml"
is "$rc" 1 "a missing grid fails"
contains "$err" "absente.yaml" "and names the file"
check "nothing is created" test ! -e "$TEST_ROOT/rien"

done_testing
