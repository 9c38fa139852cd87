#!/usr/bin/env bash
# grille installed: `meson install --destdir` of the tested build folder into
# a scratch folder, then the INSTALLED program run in French and in English,
# with what it needs installed beside it: grids, catalogues, manual pages in
# both languages, shell completions (a question ID completed by the
# installed bash file, loaded as bash-completion loads it), `grille edit`.
#
# Safe beside the other tests: --no-rebuild runs no ninja in the build
# folder (meson test has built what this test depends on); meson install
# writes under DESTDIR only, and in the build folder only its own log,
# meson-logs/install-log.txt, rewritten whole, which no test reads.
. "$(dirname "$0")/lib.sh"

: "${MESON:?MESON must name meson}" "${BUILD_ROOT:?BUILD_ROOT must name the build folder}"
SRC=$(cd "$TEST_DIR/../.." && pwd)
dest=$TEST_ROOT/dest
BUILD_GRILLE=$GRILLE

# Every file meson plans to install must be built: meson install --no-rebuild
# would stop at the first one missing, far from the cause.
missing=$("$MESON" introspect --installed "$BUILD_ROOT" |
	"$PYTHON" -c 'import json, os, sys; print(" ".join(f for f in json.load(sys.stdin) if not os.path.exists(f)))')
is "$missing" "" "every file to install is built (else: meson compile -C $BUILD_ROOT)"

real_bin=$INSTALL_BINDIR/grille
[ -e "$real_bin" ] && real_before=$(stat -c '%i %Y' "$real_bin") || real_before=absent
"$MESON" install -C "$BUILD_ROOT" --no-rebuild --destdir "$dest" --quiet >"$TEST_ROOT/install.log" 2>&1
rc=$?
is "$rc" 0 "meson install --no-rebuild --destdir"
[ "$rc" -eq 0 ] || sed 's/^/#   /' "$TEST_ROOT/install.log" | tail -n 20
[ -e "$real_bin" ] && real_after=$(stat -c '%i %Y' "$real_bin") || real_after=absent
is "$real_after" "$real_before" "nothing is installed outside DESTDIR ($real_bin untouched)"
not_there=$("$MESON" introspect --installed "$BUILD_ROOT" | DEST=$dest "$PYTHON" -c '
import json, os, sys
print(" ".join(p for p in json.load(sys.stdin).values() if not os.path.exists(os.environ["DEST"] + p)))')
is "$not_there" "" "each file of the install plan is in DESTDIR"

# The installed program, not the build's: a DESTDIR install is not at its
# prefix, so it is told where its catalogues are; a shared libgrille
# (-Dinstall_lib=true -Ddefault_library=shared) is found in the installed libdir.
GRILLE=$dest$INSTALL_BINDIR/grille
check "grille is installed in bindir" test -x "$GRILLE"
check "the installed grille is a file of its own" test ! "$GRILLE" -ef "$BUILD_GRILLE"
# The program itself is a private module of libdir, found from bindir.
check "the program's module is installed in libdir/grille" test -f "$dest$INSTALL_LIBDIR/grille/grille-cli.so"
if ls "$dest$INSTALL_LIBDIR"/libgrille.so* >/dev/null 2>&1; then
	export LD_LIBRARY_PATH="$dest$INSTALL_LIBDIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi

# Without GRILLE_LOCALEDIR, a program away from both its prefix and a build
# folder finds no catalogue: French, whatever the locale (unless some grille
# is really installed at this prefix).
if [ ! -e "$INSTALL_LOCALEDIR/en/LC_MESSAGES/grille.mo" ]; then
	LANGUAGE=en run nonsense
	contains "$err" "commande inconnue" "away from its prefix and of the build folder, no English catalogue is found"
else
	ok 0 "no English catalogue away from the prefix # SKIP grille is installed at $INSTALL_LOCALEDIR"
fi
export GRILLE_LOCALEDIR=$dest$INSTALL_LOCALEDIR
check "the English catalogue is installed" test -s "$GRILLE_LOCALEDIR/en/LC_MESSAGES/grille.mo"

run --version
is "$rc:$out" "0:grille $(sed -n "s/^  version : '\(.*\)',$/\1/p" "$SRC/meson.build")" "grille --version"

# French: the default, under a French or C locale.
cd "$TEST_ROOT" || exit 1
run init fr-ws --level 2
is "$rc" 0 "init in French, level 2 (3.2.a is a level-2 question)"
contains "$out" "Espace de travail créé dans" "init speaks French"
contains "$out" "Dépôt git créé ; premier jalon" "...to the end"
check "the French grid's step files" test -s fr-ws/etape-1-par-ou-commencons-nous.md
is "$(git -C fr-ws status --porcelain)" "" "every file is committed"
cd fr-ws || exit 1
run status
is "$rc" 0 "status in the French workspace"
contains "$out" "Par où commençons-nous ?" "with the French titles"
cd "$TEST_ROOT" || exit 1
LANGUAGE=en run nonsense
contains "$err" "unknown command" "LANGUAGE=en: the installed catalogue speaks English"

# English: messages from the catalogue, the English grid.
LANGUAGE=en run init --language en en-ws
is "$rc" 0 "init --language en"
contains "$out" "Workspace created in" "init speaks English under LANGUAGE=en"
contains "$out" "Created the git repository; first milestone" "...to the end"
check "the English grid's step files" test -s en-ws/step-1-where-do-we-start.md
contains "$(cat en-ws/grille.yaml)" "language: en" "grille.yaml records English"
cd en-ws || exit 1
LANGUAGE=en run status
is "$rc" 0 "status in the English workspace"
contains "$out" "Where do we start?" "with the English step titles"
contains "$out" "answered" "and English words"
cd "$TEST_ROOT" || exit 1

# The grids installed for other programs and users to read (share/grille).
for lang in fr en; do
	check "share/grille/$lang/grille.yaml is the $lang grid" \
		cmp "$dest$INSTALL_DATADIR/grille/$lang/grille.yaml" "$SRC/templates/$lang/grille.yaml"
done

# Manual pages (grille-man layout): English in mandir/manN, as Debian wants,
# French in mandir/fr/manN, every page of man/ in both languages.
if [ "$WITH_MAN" = true ]; then
	# Until the English pages (man/en/) and man/meson.build's two-language
	# install are merged, this layout is expected to fail: TAP's TODO.
	todo=
	[ -d "$SRC/man/en" ] || todo=yes
	layout_is() { # layout_is GOT WANT DESCRIPTION
		if [ -z "$todo" ] || [ "$1" = "$2" ]; then
			is "$@"
			return
		fi
		tap_n=$((tap_n + 1))
		echo "not ok $tap_n - $3 # TODO English pages (man/en/) not merged yet"
	}
	mandir=$dest$INSTALL_MANDIR
	fr_missing='' en_missing='' fr_wrong='' en_wrong=''
	for scd in "$SRC"/man/*.scd; do
		page=$(basename "$scd" .scd)
		section=man${page##*.}
		if [ -s "$mandir/fr/$section/$page" ]; then
			grep -q '^\.SH NOM' "$mandir/fr/$section/$page" || fr_wrong+=" $page"
		else
			fr_missing+=" $page"
		fi
		if [ -s "$mandir/$section/$page" ]; then
			grep -q '^\.SH NAME' "$mandir/$section/$page" || en_wrong+=" $page"
		else
			en_missing+=" $page"
		fi
	done
	layout_is "$fr_missing" "" "every French page in mandir/fr/manN"
	layout_is "$fr_wrong" "" "...in French (NOM)"
	layout_is "$en_missing" "" "every English page in mandir/manN"
	layout_is "$en_wrong" "" "...in English (NAME)"
	if command -v man >/dev/null; then
		# man -M does not look into the language folders (fr/); MANPATH does.
		layout_is "$(MANPATH="$mandir" man -w -L fr grille-status 2>&1)" "$mandir/fr/man1/grille-status.1" \
			"man -L fr finds the French grille-status(1)"
		layout_is "$(MANPATH="$mandir" man -w -L en grille-status 2>&1)" "$mandir/man1/grille-status.1" \
			"man -L en finds the English one"
	else
		for _ in 1 2; do ok 0 "man finds the page # SKIP man is not installed"; done
	fi
else
	for _ in 1 2 3 4 5 6; do ok 0 "manual pages # SKIP built without them (-Dman)"; done
fi

# Shell completions: installed as their sources, and the bash one completes
# a question ID with the installed grille.
if [ "$WITH_COMPLETIONS" = true ]; then
	check "bash completion installed" cmp "$dest$BASH_COMPLETIONS_DIR/grille" "$SRC/completions/grille.bash"
	check "zsh completion installed" cmp "$dest$ZSH_COMPLETIONS_DIR/_grille" "$SRC/completions/_grille"
	check "fish completion installed" cmp "$dest$FISH_COMPLETIONS_DIR/grille.fish" "$SRC/completions/grille.fish"
	export PATH="$dest$INSTALL_BINDIR:$PATH"
	cd fr-ws || exit 1
	# comp FILE LINE: what bash's Tab offers at the end of LINE, FILE sourced.
	comp() (
		# shellcheck source=/dev/null
		source "$1" || exit 1
		COMP_LINE=$2 COMP_POINT=${#2}
		read -ra COMP_WORDS <<<"$2"
		[[ $2 == *' ' ]] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMPREPLY=()
		_grille
		echo "${COMPREPLY[*]}"
	)
	want=$(grep -oE '^### 3\.2\.[a-z]+' etape-3-*.md | cut -c5- | tr '\n' ' ')
	is "$(comp "$dest$BASH_COMPLETIONS_DIR/grille" "grille edit 3.2.") " "$want" \
		"the installed bash completion: grille edit 3.2.<Tab> gives the questions of 3.2"
	# bash-completion loads it on demand from DATADIR/bash-completion/completions,
	# DATADIR taken from XDG_DATA_DIRS.
	bc=/usr/share/bash-completion/bash_completion
	if [ -r "$bc" ] && [ "$BASH_COMPLETIONS_DIR" = "$INSTALL_DATADIR/bash-completion/completions" ]; then
		got=$(XDG_DATA_DIRS="$dest$INSTALL_DATADIR" BASH_COMPLETION_USER_DIR="$TEST_ROOT/none" bash -c \
			'source "$1" >/dev/null 2>&1; __load_completion grille; complete -p grille' _ "$bc" 2>&1)
		is "$got" "complete -F _grille grille" "bash-completion finds the installed file by itself"
	else
		ok 0 "bash-completion finds the installed file # SKIP no bash-completion, or another folder"
	fi
	cd "$TEST_ROOT" || exit 1
else
	for _ in 1 2 3 4 5; do ok 0 "completions # SKIP built with -Dcompletions=false"; done
fi

# grille edit 3.2.a: the editor at the question's line.
cat >"$TEST_ROOT/fake-editor" <<'EOF'
#!/bin/sh
printf '%s\n' "$@" >"$EDITOR_LOG"
EOF
chmod +x "$TEST_ROOT/fake-editor"
cd fr-ws || exit 1
EDITOR_LOG=$TEST_ROOT/editor.log VISUAL='' EDITOR=$TEST_ROOT/fake-editor run edit 3.2.a
is "$rc" 0 "grille edit 3.2.a"
line=$(grep -n '^### 3\.2\.a ' etape-3-*.md | cut -d: -f1)
is "$(tr '\n' ' ' <"$TEST_ROOT/editor.log" 2>/dev/null)" "+$line $PWD/$(ls etape-3-*.md) " \
	"the editor gets +LINE and the step file"

done_testing
