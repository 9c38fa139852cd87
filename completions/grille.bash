# bash completion for grille(1): commands, options, and the values of the
# current workspace (item and question IDs, members, actions), which
# `grille __complete WHAT` gives one a line (grille(1), COMPLÉTION).
# Installed as …/bash-completion/completions/grille; or source this file.

# Commands with what they take, as cli/main.c's table and cli/cmd_*.c's
# option tables have them.
_grille_commands='init clone status skip defer reopen deepen position commit milestone log diff who
sync member plan calendar report round sheet grid help edit answer serve'

_grille_options()
{
	case $1 in
	init) echo '--title --collective --level --grid --language --author --help' ;;
	clone) echo '--author --help' ;;
	status) echo '--json --step --level --all --check --mine --help' ;;
	skip) echo '--reason --help' ;;
	defer) echo '--until --reason --help' ;;
	deepen) echo '--level --help' ;;
	position) echo '--member --help' ;;
	commit | milestone) echo '--message --all --author --help' ;;
	log | who) echo '--json --help' ;;
	diff) echo '--stat --json --help' ;;
	sync) echo '--set-remote --author --help' ;;
	member) echo '--json --role --email --identity --help' ;;
	plan) echo '--who --due --means --indicator --for --text --state --reason --late --json --help' ;;
	calendar) echo '--json --ics --output --done --remove --help' ;;
	report) echo '--output --format --at --step --guidance --round --authors --help' ;;
	round) echo '--dry-run --force --author --help' ;;
	sheet) echo '--output --format --help' ;;
	grid) echo '--dry-run --help' ;;
	answer) echo '--file --help' ;;
	serve) echo '--listen --port --open --help' ;;
	*) echo '--help' ;;
	esac
}

# Whether option $2 of command $1 takes a value (the next word).
_grille_takes_value()
{
	case $1:$2 in
	init:-[tclg] | init:--title | init:--collective | init:--level | init:--grid | init:--language) return 0 ;;
	status:-[sl] | status:--step | status:--level | skip:-r | skip:--reason) return 0 ;;
	defer:-[ur] | defer:--until | defer:--reason | deepen:-l | deepen:--level) return 0 ;;
	position:-m | position:--member | commit:-m | milestone:-m | *:--message) return 0 ;;
	sync:--set-remote | member:-[rei] | member:--role | member:--email | member:--identity) return 0 ;;
	plan:-[wdmiftsr] | plan:--who | plan:--due | plan:--means | plan:--indicator) return 0 ;;
	plan:--for | plan:--text | plan:--state | plan:--reason) return 0 ;;
	*:-o | *:--output | report:-[fs] | sheet:-f | *:--format | report:--step) return 0 ;;
	report:--at | report:--round | answer:--file | *:--author) return 0 ;;
	serve:-[lp] | serve:--listen | serve:--port) return 0 ;;
	esac
	return 1
}

# The workspace's values of kind $1, from the grille being completed.
_grille_values()
{
	local program=${COMP_WORDS[0]}
	[[ $program == */* && -x $program ]] || program=grille
	"$program" ${_grille_dir:+-C "$_grille_dir"} __complete "$1" 2>/dev/null
}

# COMPREPLY: the words of $1 (one a line) that start with $cur, quoted for the shell.
_grille_reply()
{
	local IFS=$'\n' word
	COMPREPLY=()
	for word in $(compgen -W "$1" -- "$cur"); do
		printf -v word '%q' "$word"
		COMPREPLY+=("$word")
	done
}

# The value of option $prev of command $cmd.
_grille_option_value()
{
	case $cmd:$prev in
	*:-s | *:--step) [[ $cmd == plan ]] && _grille_reply $'todo\ndoing\ndone\ndropped\nfait\nabandonnée' ||
		_grille_reply "$(_grille_values steps)" ;;
	plan:--state) _grille_reply $'todo\ndoing\ndone\ndropped\nfait\nabandonnée' ;;
	report:-f | report:--format) _grille_reply $'html\nodt\nmd\njson' ;;
	init:--language) _grille_reply $'fr\nen' ;;
	sheet:-f | sheet:--format) _grille_reply $'html\nodt' ;;
	*:-l | *:--level) _grille_reply $'1\n2\n3' ;;
	plan:-w | plan:--who | position:-m | position:--member) _grille_reply "$(_grille_values members)" ;;
	plan:-f | plan:--for) _grille_reply "$(_grille_values ids)" ;;
	*:-o | *:--output | init:-g | init:--grid | answer:--file) COMPREPLY=($(compgen -f -- "$cur")) ;;
	*) COMPREPLY=() ;;
	esac
}

# The $1-th word (from 0) after the command, given the words before it.
_grille_argument()
{
	local n=$1 sub=$2
	case $cmd in
	help) ((n == 0)) && _grille_reply "${_grille_commands//[[:space:]]/$'\n'}" ;;
	skip | defer) ((n == 0)) && _grille_reply "$(_grille_values ids)" ;;
	reopen) ((n == 0)) && _grille_reply "$(_grille_values marked)" ;;
	deepen) ((n == 0)) && _grille_reply "$(_grille_values items; _grille_values steps)" ;;
	position) ((n == 0)) && _grille_reply "$(_grille_values positions)" ;;
	edit | answer) ((n == 0)) && _grille_reply "$(_grille_values questions)" ;;
	sheet) ((n == 0)) && _grille_reply "$(_grille_values steps)" ;;
	init) ((n == 0)) && COMPREPLY=($(compgen -d -- "$cur")) ;;
	grid) ((n == 0)) && _grille_reply upgrade ;;
	round) ((n == 0)) && _grille_reply new ;;
	member)
		((n == 0)) && _grille_reply $'list\nadd\nremove'
		((n == 1)) && [[ $sub == remove ]] && _grille_reply "$(_grille_values members)" ;;
	calendar) ((n == 0)) && _grille_reply $'list\ntest\nreview' ;;
	plan)
		((n == 0)) && _grille_reply $'list\nadd\nset\nstart\ndone\ndrop\ndecide'
		((n == 1)) && [[ $sub == @(set|start|done|drop|decide) ]] && _grille_reply "$(_grille_values actions)"
		((n == 2)) && [[ $sub == decide ]] && _grille_reply $'garder\najuster\nabandonner' ;;
	esac
	return 0
}

_grille()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	# --opt=value: readline splits at "=" (COMP_WORDBREAKS).
	if [[ $cur == = ]]; then
		cur=
	elif [[ $prev == = ]]; then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	fi
	local _grille_dir= cmd= i=1
	while ((i < COMP_CWORD)); do # grille's own options, before the command
		case ${COMP_WORDS[i]} in
		-C) _grille_dir=${COMP_WORDS[i + 1]}; ((i += 2)); continue ;;
		-C?*) _grille_dir=${COMP_WORDS[i]#-C} ;;
		=) ((i += 2)); continue ;; # --color = always: readline split it
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; break ;;
		esac
		((i++))
	done
	_grille_dir=${_grille_dir/#\~/$HOME}
	if [[ -z $cmd ]]; then
		case $prev in
		-C) COMPREPLY=($(compgen -d -- "$cur")) ;;
		--color) _grille_reply $'always\nnever\nauto' ;;
		*) [[ $cur == -* ]] && _grille_reply $'-C\n--help\n--version\n--quiet\n--no-color\n--color=\n--no-pager' ||
			_grille_reply "${_grille_commands//[[:space:]]/$'\n'}" ;;
		esac
		return 0
	fi
	if [[ $prev == -* ]] && _grille_takes_value "$cmd" "$prev"; then
		_grille_option_value
		return 0
	fi
	if [[ $cur == -* ]]; then
		_grille_reply "$(_grille_options "$cmd" | tr ' ' '\n')"
		return 0
	fi
	local n=0 sub= word
	for ((i = i + 1; i < COMP_CWORD; i++)); do # the arguments before the cursor
		word=${COMP_WORDS[i]}
		if [[ $word == -* ]]; then
			_grille_takes_value "$cmd" "$word" && ((i++))
			continue
		fi
		[[ $word == = ]] && { ((i++)); continue; }
		((n == 0)) && sub=$word
		((n++))
	done
	_grille_argument "$n" "$sub"
}

complete -F _grille grille
