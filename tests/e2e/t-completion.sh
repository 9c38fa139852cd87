#!/usr/bin/env bash
# Shell completions: grille __complete (hidden, silent, one value a line),
# the bash completion function driven as bash drives it, the zsh and fish
# files parsed by their shells, and every command and option of the CLI
# present in the three files.
. "$(dirname "$0")/lib.sh"

SRC=$(cd "$TEST_DIR/../.." && pwd)
BASH_FILE=$SRC/completions/grille.bash
ZSH_FILE=$SRC/completions/_grille
FISH_FILE=$SRC/completions/grille.fish
# The completion runs the `grille` it completes: ours, first on PATH.
mkdir -p "$TEST_ROOT/bin"
ln -s "$GRILLE" "$TEST_ROOT/bin/grille"
export PATH="$TEST_ROOT/bin:$PATH"
cd "$TEST_ROOT" || exit 1

# Outside a workspace: nothing at all, exit 0.
for what in ids members actions steps; do
	run __complete "$what"
	is "$rc:$out:$err" "0::" "__complete $what outside a workspace prints nothing and exits 0"
done
run __complete nonsense
is "$rc:$out:$err" "2::" "an unknown kind: exit 2, still silent"
run --help
case "$out" in *__complete*) ok 1 "--help does not list __complete" ;; *) ok 0 "--help does not list __complete" ;; esac

"$GRILLE" init ws >/dev/null 2>&1
cd ws || exit 1
"$GRILLE" member add "Zoé Martin" >/dev/null 2>&1
"$GRILLE" member add Camille >/dev/null 2>&1
"$GRILLE" plan add "Ouvrir un espace partagé" >/dev/null 2>&1
"$GRILLE" plan add "Former les bénévoles" >/dev/null 2>&1
"$GRILLE" skip 2.3 >/dev/null 2>&1
git add -A && git commit -qm "membres, plan" >/dev/null

run __complete steps
is "$rc:$(printf '%s' "$out" | tr '\n' ' ')" "0:1 2 3 4 5" "__complete steps: the grid's steps"
run __complete ids
is "$(printf '%s\n' "$out" | grep -c '^2\.3\(\.[a-z]\)\?$')" "$(($(grep -c '^### 2\.3\.' etape-2-*.md) + 1))" \
	"__complete ids: item 2.3 and each of its questions in the step file"
is "$err" "" "and nothing on stderr"
run __complete members
is "$out" $'Zoé Martin\nCamille' "__complete members: one name a line"
run __complete actions
is "$out" $'A1\nA2' "__complete actions: the plan's numbers"
run __complete marked
is "$out" "2.3" "__complete marked: what skip or defer set aside"
run __complete positions
is "$(printf '%s' "$out" | tr '\n' ' ')" "5.1.a 5.2.a 5.3.a" "__complete positions: the questions of kind positions"
mkdir -p sub && (cd sub && "$GRILLE" __complete actions >"$TEST_ROOT/sub.out" 2>&1)
is "$(cat "$TEST_ROOT/sub.out")" $'A1\nA2' "from a subfolder, the workspace around it"

# At each Tab, only what is asked for is read: the grid for steps, the
# group's tables for members, the step files for IDs; never git's objects
# (grille's own files under .git/grille/, the grid's snapshot, aside).
if command -v strace >/dev/null 2>&1 && strace -f -o /dev/null true >/dev/null 2>&1; then
	opened() { # opened WHAT: the files of the workspace `__complete WHAT` opens, one line
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
			strace -f -qq -e trace=openat,open -o "$TEST_ROOT/trace" "$GRILLE" __complete "$1" >/dev/null 2>&1
		grep -v -- '= -1 ' "$TEST_ROOT/trace" | grep -o "\"$(pwd -P)/[^\"]*\"" | sed "s|\"$(pwd -P)/||; s|\"||" |
			grep -v '^\.git/grille/' | sort -u | tr '\n' ' '
	}
	is "$(opened steps)" "grille.yaml " "__complete steps reads grille.yaml alone"
	is "$(opened members)" "calendrier.md grille.yaml membres.md plan.md " "__complete members: the group's tables"
	case "$(opened ids)" in
	*.git/*) ok 1 "__complete ids leaves git alone" ;;
	*etape-5-bilan.md*) ok 0 "__complete ids reads the step files, and leaves git alone" ;;
	*) ok 1 "__complete ids reads the step files" ;;
	esac
else
	for n in 1 2 3; do ok 0 "what __complete reads # SKIP strace is missing or may not trace here"; done
fi

# comp LINE: what bash's Tab offers at the end of LINE (COMPREPLY, space-separated).
comp() (
	source "$BASH_FILE"
	COMP_LINE=$1
	COMP_POINT=${#1}
	read -ra COMP_WORDS <<<"$1"
	[[ $1 == *' ' ]] && COMP_WORDS+=("")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_grille
	echo "${COMPREPLY[*]}"
)
is "$(bash -c "source '$BASH_FILE' && complete -p grille")" "complete -F _grille grille" "the bash file registers _grille"
is "$(comp "grille st")" "status" "grille st<Tab>: status"
want=$("$GRILLE" __complete ids | grep '^2\.' | tr '\n' ' ')
is "$(comp "grille skip 2.") " "$want" "grille skip 2.<Tab>: the IDs of step 2"
case "$want" in "2.0 2.0.a "*) ok 0 "...which start with 2.0 2.0.a" ;; *) ok 1 "...which start with 2.0 2.0.a: $want" ;; esac
is "$(comp "grille plan done A")" "A1 A2" "grille plan done A<Tab>: the actions"
is "$(comp "grille plan decide A1 ")" "garder ajuster abandonner" "grille plan decide A1 <Tab>: the decisions"
is "$(comp "grille report --f")" "--format" "grille report --f<Tab>: --format"
is "$(comp "grille report --format ")" "html odt md json" "grille report --format <Tab>: the formats"
is "$(comp "grille sheet --format ")" "html odt" "grille sheet --format <Tab>: a sheet's formats"
is "$(comp "grille init --level ")" "1 2 3" "grille init --level <Tab>: the levels"
is "$(comp "grille plan --who ")" 'Zoé\ Martin Camille' "grille plan --who <Tab>: the members, quoted for the shell"
is "$(comp "grille member remove C")" "Camille" "grille member remove C<Tab>"
is "$(comp "grille reopen ")" "2.3" "grille reopen <Tab>: what is set aside"
is "$(comp "grille status --step ")" "1 2 3 4 5" "grille status --step <Tab>: the steps"
is "$(comp "grille report --step 4")" "4" "grille report --step 4<Tab>"
is "$(comp "grille position 5.2")" "5.2.a" "grille position 5.2<Tab>"
is "$(comp "grille help ro")" "round" "grille help ro<Tab>"
is "$(comp "grille grid ")" "upgrade" "grille grid <Tab>: upgrade"
is "$(comp "grille plan -w Camille st")" "start" "grille plan -w Camille st<Tab>: an option's value is no subcommand"
cd "$TEST_ROOT" || exit 1
is "$(comp "grille -C ws plan set ")" "A1 A2" "grille -C ws plan set <Tab>: the workspace -C names"
is "$(comp "grille plan set " 2>&1)" "" "outside a workspace: nothing, and no message"
cd ws || exit 1

# With Debian's bash-completion (CI installs it), the file loads on demand
# from a completions folder, as meson installs it there.
bc=/usr/share/bash-completion/bash_completion
if [ -r "$bc" ]; then
	mkdir -p "$TEST_ROOT/bc/completions"
	cp "$BASH_FILE" "$TEST_ROOT/bc/completions/grille"
	got=$(BASH_COMPLETION_USER_DIR="$TEST_ROOT/bc" bash -c \
		'source "$1" >/dev/null 2>&1; __load_completion grille; complete -p grille' _ "$bc" 2>&1)
	is "$got" "complete -F _grille grille" "bash-completion loads it on demand"
else
	ok 0 "bash-completion loads it on demand # SKIP bash-completion is not installed"
fi

# The zsh and fish files, parsed by their shells when they are there.
if command -v zsh >/dev/null; then
	check "zsh -n _grille" zsh -n "$ZSH_FILE"
else
	ok 0 "zsh -n _grille # SKIP zsh is not installed"
fi
# fishcomp LINE: what fish offers at the end of LINE, without descriptions.
fishcomp() {
	fish -c 'source $argv[1]; complete -C $argv[2]' "$FISH_FILE" "$1" 2>&1 | cut -f1 | tr '\n' ' '
}
if command -v fish >/dev/null; then
	check "fish -n grille.fish" fish -n "$FISH_FILE"
	is "$(fishcomp "grille st")" "status " "fish: grille st<Tab>"
	is "$(fishcomp "grille skip 2.3")" "$("$GRILLE" __complete ids | grep '^2\.3' | tr '\n' ' ')" "fish: grille skip 2.3<Tab>"
	is "$(fishcomp "grille plan done A")" "A1 A2 " "fish: grille plan done A<Tab>"
	is "$(fishcomp "grille report --f")" "--format " "fish: grille report --f<Tab>"
	is "$(fishcomp "grille plan --who ")" "Camille Zoé Martin " "fish: grille plan --who <Tab>"
else
	for n in 1 2 3 4 5 6; do ok 0 "fish completion # SKIP fish is not installed"; done
fi

# Every command of cli/main.c's table but the hidden ones, in all three files.
commands=$(sed -n 's/^\t{ "\([a-z]*\)", cmd_[a-z_]*, \([^,]*\),.*/\1 \2/p' "$SRC/cli/main.c" | grep -v HIDDEN | cut -d' ' -f1)
is "$(printf '%s\n' "$commands" | wc -l)" "$(grep -c '^	{ "[a-z]*", cmd_' "$SRC/cli/main.c")" "the command table read"
missing=
for c in $commands; do
	bash -c "source '$BASH_FILE' && [[ \" \${_grille_commands//[[:space:]]/ } \" == *' $c '* ]]" || missing+=" bash:$c"
	grep -q "^    '$c:" "$ZSH_FILE" || missing+=" zsh:$c"
	grep -q -- "-a $c -d" "$FISH_FILE" || missing+=" fish:$c"
done
is "$missing" "" "each command in all three files"

# Every long option of each cli/cmd_<name>.c, for that command in the bash
# file, and in the zsh and fish files.
missing=
for file in "$SRC"/cli/cmd_*.c; do
	c=$(basename "$file" .c)
	c=${c#cmd_}
	opts=$(bash -c "source '$BASH_FILE' && _grille_options $c")
	for o in $(grep -o '{ "[a-z-]*", \(no\|required\)_argument' "$file" | cut -d'"' -f2); do
		[[ " $opts " == *" --$o "* ]] || missing+=" bash:$c:--$o"
		grep -q -- "--$o[]}[]" "$ZSH_FILE" || missing+=" zsh:--$o"
		grep -q -- "-l $o\b" "$FISH_FILE" || missing+=" fish:--$o"
	done
done
is "$missing" "" "each option of each command's table in all three files"

# grille's own options (cli/main.c), before the command, in all three files.
missing=
opts=$(bash -c "source '$BASH_FILE'; declare -f _grille" | grep -o -- '--[a-z-]*' | sort -u | tr '\n' ' ')
for o in $(grep -o '{ "[a-z-]*", \(no\|required\|optional\)_argument' "$SRC/cli/main.c" | cut -d'"' -f2); do
	[[ " $opts " == *" --$o "* ]] || missing+=" bash:--$o"
	grep -q -- "--$o[]}=[]" "$ZSH_FILE" || missing+=" zsh:--$o"
	grep -q -- "-l $o\b" "$FISH_FILE" || missing+=" fish:--$o"
done
is "$missing" "" "each option of grille itself in all three files"

done_testing
