#!/usr/bin/env bash
# grille init in an empty folder: the workspace, its files, its first commit.
. "$(dirname "$0")/lib.sh"

ws="$TEST_ROOT/atelier"
run init "$ws" --title "Notre démarche" --collective "Les Jardins partagés"
is "$rc" 0 "init succeeds"
contains "$out" "Espace de travail créé dans $ws" "it says where"
for f in grille.yaml README.md .gitignore etape-1-par-ou-commencons-nous.md \
         etape-2-principes-d-action.md etape-3-diagnostic.md etape-4-plan-d-action.md etape-5-bilan.md; do
	check "$f is created" test -s "$ws/$f"
	contains "$out" "  $f" "$f is listed"
done
check "no grid copy for the embedded grid" test ! -e "$ws/grille-grid.yaml"

is "$(git -C "$ws" rev-list --count HEAD)" 1 "git shows one commit"
is "$(git -C "$ws" log -1 --format='%an <%ae>')" "Camille Martin <camille@example.org>" \
   "by the configured identity"
is "$(git -C "$ws" log -1 --format='%cn <%ce>')" "Camille Martin <camille@example.org>" \
   "committed by the same identity"
contains "$(git -C "$ws" log -1 --format=%B)" "Démarrage de la démarche : Notre démarche" \
   "the message says what happened"
is "$(git -C "$ws" status --porcelain)" "" "git status is clean"
check "git fsck is clean, no dangling object" fsck_pristine "$ws"
is "$(git -C "$ws" ls-files | sort | tr '\n' ' ')" \
   ".gitattributes .gitignore README.md calendrier.md etape-1-par-ou-commencons-nous.md etape-2-principes-d-action.md etape-3-diagnostic.md etape-4-plan-d-action.md etape-5-bilan.md grille.yaml membres.md plan.md " \
   "every file is committed"
is "$(git -C "$ws" rev-parse --abbrev-ref HEAD)" main "the branch follows init.defaultBranch"
contains "$out" "premier jalon : $(git -C "$ws" rev-parse --short=7 HEAD)" "it names the commit"

yaml=$(cat "$ws/grille.yaml")
contains "$yaml" "title: Notre démarche" "the title is in grille.yaml"
contains "$yaml" "collective: Les Jardins partagés" "the collective is in grille.yaml"
contains "$yaml" "id: collaboration-numerique" "the grid is named"
contains "$yaml" 'version: "1.3"' "with its version"
contains "$yaml" "level: 1" "the default level is 1"
check "grille.yaml is valid YAML for other tools too" \
	"$PYTHON" -c 'import sys, yaml; d = yaml.safe_load(open(sys.argv[1])); assert d["grid"]["id"] == "collaboration-numerique" and d["level"] == 1 and d["format"] == 2 and "members" not in d' "$ws/grille.yaml"
# The group's tables merge line by line, for git and for libgit2 alike.
is "$(git -C "$ws" check-attr merge membres.md plan.md calendrier.md etape-1-par-ou-commencons-nous.md | tr '\n' ' ')" \
   "membres.md: merge: union plan.md: merge: union calendrier.md: merge: union etape-1-par-ou-commencons-nous.md: merge: unspecified " \
   "the group's tables alone merge with git's union driver"
contains "$(cat "$ws/membres.md")" "| Nom | Rôles | Courriel | Identité git |" "membres.md is an empty table"
contains "$(cat "$ws/plan.md")" "| N° | Action | Qui | Échéance | État |" "plan.md too"
contains "$(cat "$ws/calendrier.md")" "| Date | Quoi | Titre | Fait |" "and calendrier.md"

step1=$(cat "$ws/etape-1-par-ou-commencons-nous.md")
contains "$step1" "# 1 — Par où commençons-nous ?" "the step file opens with its title"
contains "$step1" "## 1.1 " "items are headings with their ID"
contains "$step1" "### 1.1.a " "questions are headings with their ID"
contains "$(cat "$ws/etape-2-principes-d-action.md")" "- [ ] Être au clair sur sa volonté de collaborer" \
   "the principles are a checklist"
readme=$(cat "$ws/README.md")
contains "$readme" "# Notre démarche" "the README is titled"
contains "$readme" "## Comment utiliser cette grille ?" "it opens with the seed's how-to"
contains "$readme" "L'objectif de cette grille est de vous permettre" "in the seed's words"
contains "$(cat "$ws/.gitignore")" "/grille-rapport.*" "reports are ignored"
n=$(question_count "$ws")
contains "$out" "$n questions au niveau 1" "the count it prints is the count scaffolded"

# -C and a relative folder, and a folder that exists and is empty.
mkdir "$TEST_ROOT/vide"
run -C "$TEST_ROOT" init vide
is "$rc" 0 "init in an existing empty folder, named relative to -C"
check "it went where -C said" test -f "$TEST_ROOT/vide/grille.yaml"
(cd "$TEST_ROOT/vide" && rm -rf ./* .git .gitignore .gitattributes)
(cd "$TEST_ROOT/vide" && "$GRILLE" init >/dev/null 2>&1)
ok $? "init with no folder uses the current one"
check "and makes its repository there" test -d "$TEST_ROOT/vide/.git"

done_testing
