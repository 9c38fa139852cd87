#!/usr/bin/env bash
# t-status again, with /dev/null a regular file holding stale output (a private
# mount namespace: the machine's /dev/null is untouched). That is what broke
# t-status "with MALLOC_PERTURB_=170": `grille report -o /dev/null` as root had
# renamed a regular file over the device, and the test's empty here-document,
# read from /dev/null, appended the last output written there (init's) to
# grille.yaml. The tests must not depend on what /dev/null is.
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" -ne 0 ] || ! command -v unshare >/dev/null || ! unshare -m --propagation private true 2>/dev/null; then
	echo "1..0 # SKIP needs root and unshare (a private mount namespace)"
	exit 0
fi
stale=$(mktemp "${TMPDIR:-/tmp}/grille-devnull.XXXXXX")
trap 'rm -f "$stale"' EXIT
printf 'Espace de travail créé dans /ailleurs\n  grille.yaml\nreviews: [pas, du, yaml\n' >"$stale"
unshare -m --propagation private bash -c 'mount --bind "$1" /dev/null && [ -f /dev/null ] || {
	echo "1..0 # SKIP cannot bind a file over /dev/null"; exit 0; }
bash "$2"' - "$stale" "$here/t-status.sh"
