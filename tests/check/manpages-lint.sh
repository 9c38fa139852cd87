#!/usr/bin/env bash
# The man pages, French (man/*.scd) and English (man/en/*.scd), linted: scdoc
# reads each without a complaint; its title line names its file; each French
# page has its English one with as many sections; and mandoc -Tlint finds
# nothing at the level of a warning in what scdoc wrote. TAP on stdout.
# Usage: manpages-lint.sh SOURCE_ROOT [SCDOC [MANDOC]]
set -u
root=${1:?source root}
scdoc=${2:-scdoc}
mandoc=${3:-mandoc}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/grille-manlint.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

n=0
failed=0
ok() { # ok STATUS DESCRIPTION [DETAILS]
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
		[ -z "${3:-}" ] || printf '%s\n' "$3" | head -n 20 | sed 's/^/#   /'
	fi
}

# Top-level headings outside literal blocks.
sections() { awk '/^```/ { fenced = !fenced; next } !fenced && /^# / { n++ } END { print n + 0 }' "$1"; }

has_mandoc=0
if command -v "$mandoc" >/dev/null 2>&1; then
	has_mandoc=1
fi
ok $((1 - has_mandoc)) "mandoc is there to lint the pages (.ci/install-deps installs it)"

cd "$root" || exit 1
for page in man/*.scd man/en/*.scd; do
	[ -f "$page" ] || continue
	name=${page##*/}
	name=${name%.scd}              # grille-skip.1
	out="$tmp/${page//\//_}"
	errors=$("$scdoc" <"$page" 2>&1 >"$out")
	ok $? "$page: scdoc reads it" "$errors"
	title="${name%.*}(${name##*.})" # grille-skip(1)
	is_title=1
	[ "$(head -n 1 "$page")" = "$title" ] && is_title=0
	ok "$is_title" "$page: its title line is $title"
	if [ "$has_mandoc" -eq 1 ]; then
		# scdoc opens every section and block with .PP, which mandoc reports as
		# "skipping paragraph macro": that is scdoc's way of writing, not ours.
		lint=$("$mandoc" -Tlint -W warning "$out" 2>&1 | grep -v 'WARNING: skipping paragraph macro: PP \(empty\|after S[HS]\)$')
		[ -z "$lint" ]
		ok $? "$page: mandoc -Tlint finds no warning" "${lint//$out/$page}"
	fi
done

for page in man/*.scd; do
	english="man/en/${page#man/}"
	if [ ! -f "$english" ]; then
		ok 1 "$english: the English page of $page is there"
		continue
	fi
	fr=$(sections "$page")
	en=$(sections "$english")
	[ "$fr" = "$en" ]
	ok $? "$english: as many sections as $page ($fr)" "English: $en"
done
for page in man/en/*.scd; do
	[ -f "$page" ] || continue
	[ -f "man/${page#man/en/}" ]
	ok $? "$page: its French page is there"
done

echo "1..$n"
[ "$failed" -eq 0 ]
