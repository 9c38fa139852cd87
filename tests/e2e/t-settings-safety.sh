#!/usr/bin/env bash
# grille.yaml and grids that could break grille: bad text given to init, YAML
# aliases and deep nesting, NUL and control bytes, libyaml's problems said in
# French, a git conflict inside grille.yaml, a grid file that is not there.
. "$(dirname "$0")/lib.sh"

# --- init: its texts are checked before anything is made ------------------
empty="$TEST_ROOT/vide"
mkdir -p "$empty"
cd "$empty" || exit 1
# The double free of issue 8: a Latin-1 title, with --author.
refuses 2 "le titre (--title) : le texte n'est pas en UTF-8 valide (au caractère 4)" \
	"init with a Latin-1 title" init x --title $'Caf\xe9' --author "T <t@example.org>"
check "nothing was created" test ! -e x
contains "$err" "rien n'a été créé" "the message says nothing was created"
refuses 2 "le titre (--title) : le texte n'est pas en UTF-8 valide" \
	"init with a Latin-1 title, git's identity" init x --title $'Caf\xe9'
refuses 2 "le nom du collectif (--collective) : le texte n'est pas en UTF-8 valide" \
	"init with a Latin-1 collective" init x --collective $'Les Jardins d\xe9'
refuses 2 "le nom du collectif (--collective) : le texte contient un caractère de contrôle invisible (U+0001" \
	"init with a control character in the collective" init x --collective $'Les \x01Jardins'
refuses 2 "le titre (--title) : le texte contient un caractère de contrôle invisible (U+000A au caractère 6)" \
	"init with a title on two lines" init x --title $'Titre\nsur deux lignes'
refuses 2 "caractère de contrôle invisible (U+001B" \
	"init with a terminal escape in the title" init x --title $'\e]0;PWNED\a'
refuses 2 "caractère de contrôle invisible (U+0085" \
	"init with a C1 control in the title" init x --title $'A\xc2\x85B'
refuses 2 "le titre (--title) : le texte n'est pas en UTF-8 valide (au caractère" \
	"init with an overlong UTF-8 form" init x --title $'\xc0\xafetc'
refuses 2 "le titre (--title) : le texte n'est pas en UTF-8 valide (au caractère" \
	"init with a UTF-16 surrogate" init x --title $'\xed\xa0\x80'
refuses 2 "l'auteur n'est pas un texte valide : à la position 4" \
	"init with a Latin-1 author" init x --author $'Ren\xe9 <r@example.org>'
check "still nothing created" test ! -e x
# Texts YAML finds awkward are fine, and read back as typed.
run init ok --title 'Démarche « 2027 » : #1 & *tous* — "test"' --collective "L'Atelier: ouvert"
is "$rc" 0 "init takes a title full of YAML's signs"
cd ok || exit 1
run status --json
run status
contains "$out" 'Démarche « 2027 » : #1 & *tous* — "test" — L'"'"'Atelier: ouvert' "and status shows it as typed"

# --- a workspace whose grille.yaml goes bad --------------------------------
ws="$TEST_ROOT/ws"
"$GRILLE" init "$ws" >/dev/null 2>&1
cd "$ws" || exit 1
# The attacks below go through the lists a grille.yaml of format 1 holds
# (members, test_phase, reviews): such files are still read.
sed -i 's/^format: 2/format: 1/' grille.yaml
printf 'members: []\ntest_phase:\n  start:\n  end:\nreviews: []\n' >>grille.yaml
git commit -qam "Un grille.yaml au format 1"
cp grille.yaml "$TEST_ROOT/orig.yaml"
export WS="$ws"

# bad_settings DESCRIPTION NEEDLE [COMMAND]: grille.yaml as in $TEST_ROOT/bad.yaml
# makes status (and COMMAND) fail with exit 1 and NEEDLE, and changes nothing.
bad_settings() {
	cp "$TEST_ROOT/bad.yaml" grille.yaml
	refuses 1 "$2" "status, $1" status
	[ -z "${3:-}" ] || refuses 1 "$2" "$3, $1" "$3"
	cp "$TEST_ROOT/orig.yaml" grille.yaml
}

# An alias bomb: 1.1 MB that the loader would share out to 20 GB.
"$PYTHON" - "$TEST_ROOT/orig.yaml" >"$TEST_ROOT/bad.yaml" <<'EOF'
import sys
text = open(sys.argv[1]).read()
print(text.replace("members: []", "members: [&m {name: " + "x" * (1 << 20) + "}" + ", *m" * 20000 + "]"), end="")
EOF
line=$(grep -n '^members:' "$TEST_ROOT/bad.yaml" | cut -d: -f1)
bad_settings "an alias bomb" "grille.yaml:$line:11: « &m » : grille n'accepte pas les alias YAML (« *nom ») ni les ancres (« &nom ») : écrivez la valeur en entier" commit
# An alias with no anchor, and a merge key.
sed 's/^title: .*/title: *important/' "$TEST_ROOT/orig.yaml" >"$TEST_ROOT/bad.yaml"
bad_settings "an alias" "grille.yaml:2:8: « *important » : grille n'accepte pas les alias YAML" report
contains "$err" "si « * » fait partie du texte, mettez la valeur entre guillemets" "and how to keep a star"
sed 's/^title: .*/title: *important*/' "$TEST_ROOT/orig.yaml" >"$TEST_ROOT/bad.yaml"
bad_settings "a value starting with a star" "grille.yaml:2:8: une valeur commence par « & » ou « * », réservés par YAML : mettez la valeur entre guillemets"
sed 's/^test_phase:/test_phase:\n  <<: *base/' "$TEST_ROOT/orig.yaml" >"$TEST_ROOT/bad.yaml"
bad_settings "a merge key" "« *base » : grille n'accepte pas les alias YAML"
# 100,000 levels of nesting, in flow and block style: refused, never a crash.
{ echo 'format: 1'; printf 'title: '; head -c 100000 /dev/zero | tr '\0' '['; echo; } >"$TEST_ROOT/bad.yaml"
bad_settings "100,000 nested lists" "grille.yaml:2:39: les listes et les clés s'imbriquent ici sur plus de 32 niveaux" commit
"$PYTHON" -c "print('- ' * 100000)" >"$TEST_ROOT/bad.yaml"
bad_settings "100,000 nested block lists" "grille.yaml:1:65: les listes et les clés s'imbriquent ici sur plus de 32 niveaux"
"$PYTHON" -c "print('format: 1\ntitle: ' + '{a: ' * 100000)" >"$TEST_ROOT/bad.yaml"
bad_settings "100,000 nested mappings" "s'imbriquent ici sur plus de 32 niveaux"
# More than grille reads.
{ cat "$TEST_ROOT/orig.yaml"; head -c $((17 << 20)) /dev/zero | tr '\0' '#'; echo; } >"$TEST_ROOT/bad.yaml"
bad_settings "17 MB" "grille.yaml » est trop gros (17826007 octets ; grille en lit au plus 8388608)"

# NUL and control bytes: said as such, with the place.
{ printf 'format: 1\ntitle: Notre\0 démarche\n'; } >"$TEST_ROOT/bad.yaml"
bad_settings "a NUL byte" "grille.yaml:2:13: le fichier contient un octet nul" commit
sed 's/^title: .*/title: Notre\x07démarche/' "$TEST_ROOT/orig.yaml" >"$TEST_ROOT/bad.yaml"
bad_settings "a control character" "grille.yaml:2:13: le fichier contient un caractère de contrôle invisible (U+0007)"
sed 's/^title: .*/title: Caf\xe9/' "$TEST_ROOT/orig.yaml" >"$TEST_ROOT/bad.yaml"
bad_settings "Latin-1" "grille.yaml:2:11: le texte n'est pas en UTF-8 valide"

# libyaml's problems, in French, with the place and libyaml's words after.
sed 's/^title: .*/title: Bilan: où en sommes-nous/' "$TEST_ROOT/orig.yaml" >"$TEST_ROOT/bad.yaml"
bad_settings "« : » in a value" "grille.yaml:2:13: une valeur contient « : » suivi d'un espace, ou une clé est mal alignée : mettez la valeur entre guillemets" commit
contains "$err" "(YAML : mapping values are not allowed in this context)" "libyaml's words follow, in brackets"
sed 's/^level: 1/level 1\nmembers2: x/' "$TEST_ROOT/orig.yaml" >"$TEST_ROOT/bad.yaml"
bad_settings "a key without « : »" "grille.yaml:8:1: il manque « : » après une clé"
sed 's/^reviews: .*/reviews: "Mi-parcours/' "$TEST_ROOT/orig.yaml" >"$TEST_ROOT/bad.yaml"
line=$(grep -n '^reviews:' "$TEST_ROOT/bad.yaml" | cut -d: -f1)
bad_settings "a quote never closed" "grille.yaml:$line:10: un texte entre guillemets n'est jamais refermé : ajoutez le guillemet de fin"
sed 's/^  version:/\tversion:/' "$TEST_ROOT/orig.yaml" >"$TEST_ROOT/bad.yaml"
bad_settings "a tab" "une tabulation sert de retrait : YAML n'accepte que des espaces"
sed 's/^title: .*/title: @groupe/' "$TEST_ROOT/orig.yaml" >"$TEST_ROOT/bad.yaml"
bad_settings "a reserved sign" "grille.yaml:2:8: une valeur commence par un caractère réservé"
sed 's/^  version:/ version:/' "$TEST_ROOT/orig.yaml" >"$TEST_ROOT/bad.yaml"
bad_settings "a key out of line" "cette ligne n'est pas alignée avec les clés du dessus"
sed 's/^members: \[\]/members: [Alice, Bob/' "$TEST_ROOT/orig.yaml" >"$TEST_ROOT/bad.yaml"
bad_settings "a list never closed" "grille.yaml:9:10: une liste entre crochets « [ … ] » n'est pas refermée"
sed 's/^title: .*/title: "C:\\Documents"/' "$TEST_ROOT/orig.yaml" >"$TEST_ROOT/bad.yaml"
bad_settings "a backslash in double quotes" "grille.yaml:2:11: une barre oblique inverse « \\ » entre guillemets doubles commence un code inconnu"
sed 's/^title: .*/title: !important/' "$TEST_ROOT/orig.yaml" >"$TEST_ROOT/bad.yaml"
run status
is "$rc" 0 "a YAML tag is only a tag"

# --- a missing grid file: a bad setting (1), not "no workspace here" (2) ----
sed 's/^  version: \(.*\)/  version: \1\n  file: ma-grille.yaml/' "$TEST_ROOT/orig.yaml" >"$TEST_ROOT/bad.yaml"
bad_settings "a missing grid file" "grille.yaml nomme la grille « ma-grille.yaml » (sous « grid: file: »), mais ce fichier n'est pas dans l'espace de travail"

# --- grids: the same refusals, with the grid's place -----------------------
grid="$TEST_ROOT/grille-perso.yaml"
cat >"$grid" <<'EOF'
grid: perso
version: "1"
title: Une grille
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
            text: Que choisissons-nous ?
            kind: choice
            options: [&o Un outil très long, *o, *o]
EOF
cd "$empty" || exit 1
unset WS
refuses 1 "$grid:16:23: « &o » : grille n'accepte pas les alias YAML" "init with a grid using aliases" \
	init g1 --grid "$grid"
check "nothing was created" test ! -e g1
"$PYTHON" - "$grid" <<'EOF'
import sys
path = sys.argv[1]
text = open(path).read()
open(path, "w").write(text.replace("[&o Un outil très long, *o, *o]", "[" * 100000))
EOF
refuses 1 "$grid:16:47: les listes et les clés s'imbriquent ici sur plus de 32 niveaux" \
	"init with a grid nested 100,000 deep" init g1 --grid "$grid"
printf 'grid: perso\nversion: "1"\x00\n' >"$grid"
refuses 1 "$grid:2:13: le fichier contient un octet nul" "init with a grid holding a NUL" init g1 --grid "$grid"
printf 'grid: perso\nversion: "1"\ntitle: Une grille: la nôtre\n' >"$grid"
refuses 1 "$grid:3:18: une valeur contient « : » suivi d'un espace" "init with a grid with « : » in a value" \
	init g1 --grid "$grid"

# --- a git conflict inside grille.yaml -------------------------------------
# Two members each add someone to members: and sync.
shared="$TEST_ROOT/shared.git"
git init -q --bare "$shared"
git -C "$ws" remote add origin "$shared"
git -C "$ws" push -q origin HEAD:main 2>/dev/null
git clone -q "$shared" "$TEST_ROOT/other" 2>/dev/null
sed -i 's/^members: \[\]/members:\n- name: Bob\n  role: trésorier/' "$TEST_ROOT/other/grille.yaml"
git -C "$TEST_ROOT/other" commit -qam "Bob" && git -C "$TEST_ROOT/other" push -q origin HEAD:main 2>/dev/null
cd "$ws" || exit 1
sed -i 's/^members: \[\]/members:\n- name: Alice/' grille.yaml
git commit -qam "Alice"
git pull -q --no-rebase origin main >/dev/null 2>&1
check "git left grille.yaml in conflict" grep -q '^<<<<<<<' grille.yaml
export WS="$ws"
run status
is "$rc" 0 "status still works on grille.yaml in conflict"
contains "$out" "1. Par où commençons-nous ?" "and shows the steps, with our side's settings"
contains "$err" "$ws/grille.yaml est en conflit" "it says grille.yaml is in conflict"
first=$(grep -n '^<<<<<<<' grille.yaml | cut -d: -f1)
last=$(grep -n '^>>>>>>>' grille.yaml | cut -d: -f1)
contains "$err" "$ws/grille.yaml:$first: lignes $first à $last" "which lines"
contains "$err" "de votre côté : « - name: Alice »" "what our side holds"
contains "$err" "de l'autre côté : « - name: Bob » (et 1 autre ligne)" "what the other side holds, short"
contains "$err" "supprimez les lignes « <<<<<<< », « ======= » et « >>>>>>> », puis lancez : grille commit" "and how to settle it"
run status --check
is "$rc" 1 "status --check fails while grille.yaml is in conflict"
refuses 1 "$ws/grille.yaml est en conflit" "commit with grille.yaml in conflict" commit
refuses 1 "$ws/grille.yaml est en conflit" "milestone with grille.yaml in conflict" milestone essai
run report -o "$TEST_ROOT/rapport.html"
is "$rc" 0 "a report can still be made"
# Settled: both lines kept, markers gone.
sed -i '/^<<<<<<<\|^=======\|^>>>>>>>/d' grille.yaml
run commit
is "$rc" 0 "once settled, commit works"
run status
is "$err" "" "and status says nothing more about it"
# A conflict never closed is said as such.
printf '<<<<<<< HEAD\n' >>grille.yaml
refuses 1 "grille.yaml:$(wc -l <grille.yaml):1: un conflit de git commence ici (« <<<<<<< ») mais ne se termine pas" \
	"status on a conflict never closed" status
git checkout -q grille.yaml

done_testing
