#!/usr/bin/env bash
# Build grille's Debian package with Debian's own tools, in a scratch copy of
# the source tree (the files git tracks or would, as in the working tree), so
# nothing is written into the tree: dpkg-buildpackage -us -uc -b, then
# lintian on the result. The .deb, .buildinfo, .changes and the logs land in
# OUT (default: build-deb/ at the top of the tree, ignored by git).
#
#   tests/check/deb-build.sh [OUT]
#
# DEB_BUILD_OPTIONS is passed on: nocheck skips the test suite that
# dh_auto_test runs (debian/rules). Needs dpkg-dev, debhelper, lintian and the
# Build-Depends of debian/control; as root, missing Build-Depends are
# installed with apt-get build-dep. Exit 0 when the package builds and lintian
# reports no error and no warning (tags it shows as I: or P: are printed).
set -euo pipefail

src=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$src/build-deb}
mkdir -p "$out"
out=$(cd "$out" && pwd)

for tool in dpkg-buildpackage dh lintian git; do
	command -v "$tool" >/dev/null || {
		echo "deb-build: $tool is missing (apt-get install dpkg-dev debhelper lintian git)" >&2
		exit 1
	}
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/grille-deb.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
# Readable by all, as a checkout is: as root, t-git-safety runs grille as
# nobody, which must reach the built program.
chmod 755 "$scratch"
version=$(dpkg-parsechangelog -l "$src/debian/changelog" -S Version)
tree=$scratch/grille-$version
mkdir "$tree"
# The files git tracks or would track, as the working tree has them: no build
# folders (ignored), no .git.
(cd "$src" && git ls-files -z --cached --others --exclude-standard | xargs -0 -r sh -c '
	for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' _ |
	tar --null -T - -cf -) | tar -xf - -C "$tree"

if ! (cd "$tree" && dpkg-checkbuilddeps) 2>"$scratch/deps"; then
	if [ "$(id -u)" -eq 0 ]; then
		cat "$scratch/deps" >&2
		echo "deb-build: installing the missing Build-Depends" >&2
		DEBIAN_FRONTEND=noninteractive apt-get build-dep -y -qq --no-install-recommends "$tree" >&2
	else
		cat "$scratch/deps" >&2
		echo "deb-build: install the Build-Depends above (or run as root)" >&2
		exit 1
	fi
fi

start=$(date +%s)
echo "deb-build: dpkg-buildpackage -us -uc -b in $tree (DEB_BUILD_OPTIONS=${DEB_BUILD_OPTIONS:-})"
if ! (cd "$tree" && dpkg-buildpackage -us -uc -b) >"$out/build.log" 2>&1; then
	tail -n 60 "$out/build.log" >&2
	echo "deb-build: dpkg-buildpackage failed after $(($(date +%s) - start)) s; the whole log: $out/build.log" >&2
	exit 1
fi
echo "deb-build: built in $(($(date +%s) - start)) s; log: $out/build.log"
grep -E '^(Ok|Expected Fail|Fail|Unexpected Pass|Skipped|Timeout): ' "$out/build.log" | sed 's/^/deb-build:   tests: /' || true

arch=$(dpkg-architecture -qDEB_HOST_ARCH)
changes=grille_${version}_$arch.changes
for f in "$scratch"/grille*_"$version"_*; do
	cp "$f" "$out/"
done
ls -l "$out"/grille*_"$version"_*

# Every tag at every level is shown; only errors and warnings fail. Overrides
# live in debian/grille.lintian-overrides and debian/source/lintian-overrides,
# each with the reason above it.
echo "deb-build: lintian"
lintian --display-info --pedantic --fail-on error,warning "$out/$changes" | tee "$out/lintian.log"
status=${PIPESTATUS[0]}
[ -s "$out/lintian.log" ] || echo "deb-build: lintian: no tag"
exit "$status"
