#!/usr/bin/env bash
# grille init --language en: the English grid and README, `language: en`, and a
# workspace that status, report and grid upgrade read; the locale's language by default.
. "$(dirname "$0")/lib.sh"

ws="$TEST_ROOT/english"
run init "$ws" --language en --collective "The Shared Gardens"
is "$rc" 0 "init --language en succeeds"
for f in grille.yaml README.md step-1-where-do-we-start.md step-2-principles-for-action.md \
         step-3-diagnosis.md step-4-action-plan.md step-5-review.md membres.md plan.md calendrier.md; do
	check "$f is created" test -s "$ws/$f"
done
check "no French step file" test ! -e "$ws/etape-1-par-ou-commencons-nous.md"
yaml=$(cat "$ws/grille.yaml")
contains "$yaml" "language: en" "grille.yaml records the language"
contains "$yaml" "id: collaboration-numerique" "the same grid ID as the French grid"
contains "$yaml" 'version: "1.3"' "and the same version"
contains "$yaml" "title: Working together with digital tools" "the title is the English grid's"
contains "$(cat "$ws/step-1-where-do-we-start.md")" "### 1.1.a How would we describe our group in a few words?" \
	"the step files are in English"
contains "$(cat "$ws/step-1-where-do-we-start.md")" "> Answer kept in [membres.md](membres.md): add a line to it" \
	"a data question says in English where its answer is kept"
readme=$(cat "$ws/README.md")
contains "$readme" "## How to use this grid" "the README's heading is in English"
contains "$readme" "## How do we work in this space?" "so is its guide"
is "$(git -C "$ws" status --porcelain)" "" "every file is committed"
is "$(git -C "$ws" ls-files | grep -c '^step-')" 5 "git has the five English step files"
check "git fsck is clean" fsck_pristine "$ws"

cd "$ws" || exit 1
run status
is "$rc" 0 "status reads the English workspace"
contains "$out" "Where do we start?" "with the English step titles"
contains "$out" "step-1-where-do-we-start.md:" "and the English files"
run status --json
is "$(json "d['steps'][0]['file']")" "step-1-where-do-we-start.md" "status --json names the English file"

# The conditions hold in English: 2.1 applies only when its principle is chosen in 2.0.a.
sed -i 's/^- \[ \] Building or strengthening trust$/- [x] Building or strengthening trust/' step-2-principles-for-action.md
contains "$(cat step-2-principles-for-action.md)" "- [x] Building or strengthening trust" "a principle is checked"
run status --json
is "$(json "[i['state'] for s in d['steps'] for i in s['items'] if i['id'] == '2.1'][0]")" skipped \
	"2.1, not chosen, is set aside"
isnt_skipped=$(json "[i['state'] for s in d['steps'] for i in s['items'] if i['id'] == '2.2'][0]")
check "2.2, chosen, applies ($isnt_skipped)" test "$isnt_skipped" != skipped
run commit -m "Our principles"
is "$rc" 0 "commit writes the marks of the principles not chosen"
contains "$(cat step-2-principles-for-action.md)" "**Skipped**: principle not chosen in 2.0.a" \
	"in English"
run defer 3.4 --until 2027-03-01 --reason "after the summer"
is "$rc" 0 "defer works"
contains "$(cat step-3-diagnosis.md)" "**Deferred** (2027-03-01): after the summer" "its mark is in English"
run status --json
is "$(json "[i['state'] for s in d['steps'] for i in s['items'] if i['id'] == '3.4'][0]")" deferred \
	"and status reads it"
run reopen 3.4
is "$rc" 0 "reopen works"
check "the English mark is gone" sh -c '! grep -q "Deferred" step-3-diagnosis.md'
sed -i 's/^- \[ \] Being clear about our will to collaborate$/- [x] Being clear about our will to collaborate/' \
	step-2-principles-for-action.md
run commit -m "One more principle"
check "the mark of a principle chosen later is taken off" \
	sh -c '! grep -A2 "^## 2.1 " step-2-principles-for-action.md | grep -q Skipped'

run status --json
is "$(state 1.3.a)" unanswered "1.3.a is unanswered: the English pointer line is no answer"
run member add "Awa Diallo" --role lead
is "$rc" 0 "a member is added"
run status --json
is "$(state 1.3.a)" answered "1.3.a is answered by membres.md"
answer step-1-where-do-we-start.md 1.1.a "A community garden run by volunteers."
run commit -m "First answer"
is "$rc" 0 "commit works"
run report --format md -o "$TEST_ROOT/report.md"
is "$rc" 0 "report works"
report=$(cat "$TEST_ROOT/report.md")
contains "$report" "A community garden run by volunteers." "the report holds the answer"
contains "$report" "How would we describe our group in a few words?" "and the English questions"

run grid upgrade
is "$rc" 0 "grid upgrade: nothing to do for the English grid"
is "$(git -C "$ws" status --porcelain)" "" "and nothing changed"
cd "$TEST_ROOT" || exit 1

# Without --language: English for an English locale, French otherwise.
env -u LC_ALL -u LANGUAGE LANG=en_GB.UTF-8 "$GRILLE" init "$TEST_ROOT/by-locale-en" >/dev/null 2>&1
contains "$(cat "$TEST_ROOT/by-locale-en/grille.yaml")" "language: en" "LANG=en_GB.UTF-8 picks English"
check "with English files" test -s "$TEST_ROOT/by-locale-en/step-1-where-do-we-start.md"
env -u LC_ALL -u LANGUAGE LANG=fr_FR.UTF-8 "$GRILLE" init "$TEST_ROOT/by-locale-fr" >/dev/null 2>&1
contains "$(cat "$TEST_ROOT/by-locale-fr/grille.yaml")" "language: fr" "LANG=fr_FR.UTF-8 picks French"
check "with French files" test -s "$TEST_ROOT/by-locale-fr/etape-1-par-ou-commencons-nous.md"
env -u LC_ALL LANG=C LANGUAGE=en "$GRILLE" init "$TEST_ROOT/by-locale-c" >/dev/null 2>&1
contains "$(cat "$TEST_ROOT/by-locale-c/grille.yaml")" "language: fr" "under C, LANGUAGE does not count: French"
LC_ALL=C.UTF-8 LANGUAGE=en "$GRILLE" init "$TEST_ROOT/by-locale-c-utf8" >/dev/null 2>&1
contains "$(cat "$TEST_ROOT/by-locale-c-utf8/grille.yaml")" "language: en" \
	"under C.UTF-8, LANGUAGE counts, as for the messages: English"
run init "$TEST_ROOT/by-default"
contains "$(cat "$TEST_ROOT/by-default/grille.yaml")" "language: fr" "the tests' C.UTF-8 locale gives French"
LC_ALL=en_US.UTF-8 "$GRILLE" init "$TEST_ROOT/by-lc-all" --language fr >/dev/null 2>&1
contains "$(cat "$TEST_ROOT/by-lc-all/grille.yaml")" "language: fr" "--language fr wins over the locale"

# Refusals: nothing is created.
run init "$TEST_ROOT/german" --language de
is "$rc" 2 "--language de is refused"
contains "$err" "langue « de » inconnue" "in French, naming the language"
contains "$err" "en anglais (en)" "and saying which ones grille has"
check "nothing is created" test ! -e "$TEST_ROOT/german"
printf 'grid: mine\nversion: "1"\ntitle: Mine\nsteps:\n  - id: "1"\n    title: One\n    file: one.md\n    items:\n      - id: "1.1"\n        title: One\n        questions:\n          - id: "1.1.a"\n            level: 1\n            text: "Why?"\n' >"$TEST_ROOT/mine.yaml"
run init "$TEST_ROOT/mine" --language en --grid "$TEST_ROOT/mine.yaml"
is "$rc" 2 "--language with --grid is refused"
contains "$err" "--language et --grid" "it says why"

# A workspace whose grille.yaml records an English grid grille never shipped.
sed -i 's/version: "1.3"/version: "1.2"/' "$ws/grille.yaml"
cd "$ws" || exit 1
run status
is "$rc" 1 "an English grid 1.2 is unknown"
contains "$err" "elle connaît les versions 1.3)" "the English grids start at 1.3"
done_testing
