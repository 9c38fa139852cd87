#!/usr/bin/env bash
# libgrille installed for another program: a build of its own with
# -Dinstall_lib=true installed into a scratch prefix; its headers stand alone;
# tests/example/status.c, built with pkg-config against that prefix only
# (shared, then static), prints the same numbers as grille status --json.
. "$(dirname "$0")/lib.sh"

SRC=$(cd "$TEST_DIR/../.." && pwd)
for tool in meson pkg-config cc nm readelf; do
	if ! command -v "$tool" >/dev/null; then
		echo "1..0 # SKIP $tool is not installed"
		exit 0
	fi
done

# attempt LOG DESCRIPTION COMMAND...: one test, the command's output in LOG,
# shown when it fails.
attempt() {
	local log=$TEST_ROOT/$1 what=$2
	shift 2
	"$@" >"$log" 2>&1
	local rc=$?
	ok "$rc" "$what"
	[ "$rc" -eq 0 ] || tail -n 30 "$log" | sed 's/^/#   /'
	return "$rc"
}

build=$TEST_ROOT/build
prefix=$TEST_ROOT/prefix
libdir=$prefix/lib
# No sanitizer in the library: the example brings its own runtime.
attempt setup.log "meson setup -Dinstall_lib=true" \
	meson setup "$build" "$SRC" --prefix="$prefix" --libdir=lib -Dinstall_lib=true -Ddefault_library=both \
	-Dbuildtype=plain -Db_sanitize=none -Dwerror=true -Dman=disabled
attempt compile.log "the installable build compiles (the CLI links only what the library exports)" \
	meson compile -C "$build"
attempt install.log "meson install" meson install -C "$build" --no-rebuild

# Every public header is installed, and each stands alone: no dependency's
# header (libgit2, cmark-gfm, libyaml, jansson, libxml2) is needed to use it.
want=$(cd "$SRC/lib/include/grille" && ls -- *.h)
got=$(cd "$prefix/include/grille" 2>/dev/null && ls -- *.h)
is "$got" "$want" "every header of lib/include/grille is installed under include/grille"
bad=
for h in $want; do
	printf '#include <grille/%s>\ntypedef int not_empty;\n' "$h" |
		cc -std=c11 -Wall -Wextra -Wpedantic -Werror -fsyntax-only -I"$prefix/include" -x c - >/dev/null 2>&1 ||
		bad="$bad $h"
	grep -E '^#include' "$prefix/include/grille/$h" | grep -vE '^#include (<std[a-z]*\.h>|"grille/[a-z_]+\.h")$' &&
		bad="$bad $h"
done
is "$bad" "" "each installed header compiles alone and includes only the C library's and grille's"

# The shared library exports the functions the headers declare, and only them.
exported=$(nm -D --defined-only "$libdir/libgrille.so" | awk '{ print $3 }' | sort -u)
declared=$(grep -ohE '\<grille_[a-z0-9_]+\(' "$prefix"/include/grille/*.h | tr -d '(' | sort -u)
is "$exported" "$declared" "libgrille.so exports the public functions and nothing else"

export PKG_CONFIG_PATH=$libdir/pkgconfig
out=$(pkg-config --print-requires-private grille | tr '\n' ' ')
for dep in libcmark-gfm libgit2 yaml-0.1 jansson libxml-2.0; do
	contains "$out" "$dep" "grille.pc keeps $dep private to the library (Requires.private)"
done
is "$(pkg-config --print-requires grille)" "" "grille.pc requires nothing of a program that uses it"
contains "$(pkg-config --cflags grille)" "-I$prefix/include" "pkg-config gives the installed headers"

example=$SRC/tests/example/status.c
san=("-fsanitize=address,undefined" "-fno-sanitize-recover=undefined")
# shellcheck disable=SC2046 # pkg-config's flags are words
attempt cc-shared.log "the example builds against the shared library, with pkg-config alone" \
	cc -std=c11 -Wall -Wextra -Werror "${san[@]}" -o "$TEST_ROOT/status-shared" "$example" \
	$(pkg-config --cflags --libs grille)
# Static: the archive in place of -lgrille, and the private dependencies.
static_libs=()
for flag in $(pkg-config --static --libs grille); do
	[ "$flag" = -lgrille ] && flag=$libdir/libgrille.a
	static_libs+=("$flag")
done
# shellcheck disable=SC2046
attempt cc-static.log "the example links statically with pkg-config --static" \
	cc -std=c11 -Wall -Wextra -Werror "${san[@]}" -o "$TEST_ROOT/status-static" "$example" \
	$(pkg-config --cflags grille) "${static_libs[@]}"
readelf -d "$TEST_ROOT/status-static" 2>/dev/null | grep -q 'libgrille'
ok $((!$?)) "the static example does not need libgrille.so"

# A workspace with a few answers, and what grille status --json says of it.
cd "$TEST_ROOT" || exit 1
run init ws
s1=$(ls ws/etape-1-*.md)
answer "$s1" 1.1.a 'Une association de quartier.'
answer "$s1" 1.2.a 'Trop de courriels.'
s2=$(ls ws/etape-2-*.md)
answer "$s2" "$(grep -m1 -oE '^### [0-9.a-z]+' "$s2" | cut -c5-)" 'Oui.'
cd ws || exit 1
run status --json
want=$(json "'\n'.join('%s %d/%d' % (s['id'], s['counts']['answered'], s['counts']['questions']) for s in d['steps'])")
contains "$want" "1 2/" "the workspace has answers in step 1"
cd "$TEST_ROOT" || exit 1

attempt shared.out "the shared example runs without a sanitizer report" \
	env LD_LIBRARY_PATH="$libdir" "$TEST_ROOT/status-shared" "$TEST_ROOT/ws"
is "$(cat "$TEST_ROOT/shared.out")" "$want" "the shared example prints each step's answered/total as grille status --json"
attempt static.out "the static example runs without a sanitizer report" "$TEST_ROOT/status-static" ws
is "$(cat "$TEST_ROOT/static.out")" "$want" "the static example prints the same"
"$TEST_ROOT/status-static" "$TEST_ROOT" >/dev/null 2>&1
is "$?" 1 "the example fails outside a workspace"

done_testing
