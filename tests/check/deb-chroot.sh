#!/usr/bin/env bash
# grille's .deb installed in a clean Debian 12 (bookworm) made by mmdebstrap,
# with apt, so that its dependencies come from Debian; then, as a plain user,
# what a new user does: grille init in French and in English, grille status,
# Tab completion of a question ID through bash-completion, man -w, and
# grille edit 3.2.a with a fake editor.
#
#   tests/check/deb-chroot.sh [DEB]
#
# DEB: the package (default: the newest build-deb/grille_*.deb, as
# tests/check/deb-build.sh leaves it). Needs root (mmdebstrap's root mode and
# chroot), mmdebstrap, and a Debian mirror (MIRROR, default deb.debian.org).
# The chroot is made in a scratch folder and removed at the end (KEEP=1 keeps
# it and says where). The log goes to build-deb/chroot.log. Exit 0 when every
# check passes.
set -euo pipefail

src=$(cd "$(dirname "$0")/../.." && pwd)
deb=${1:-$(ls -t "$src"/build-deb/grille_*.deb 2>/dev/null | head -n 1)}
[ -n "$deb" ] && [ -f "$deb" ] || {
	echo "deb-chroot: no package: give one, or run tests/check/deb-build.sh first" >&2
	exit 1
}
deb=$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")
[ "$(id -u)" -eq 0 ] || { echo "deb-chroot: run as root (mmdebstrap's root mode, chroot)" >&2; exit 1; }
command -v mmdebstrap >/dev/null || { echo "deb-chroot: apt-get install mmdebstrap" >&2; exit 1; }
mirror=${MIRROR:-http://deb.debian.org/debian}
log=$src/build-deb/chroot.log
mkdir -p "$src/build-deb"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/grille-chroot.XXXXXX")
root=$scratch/root
cleanup() {
	if [ "${KEEP:-0}" = 1 ]; then
		echo "deb-chroot: the chroot is kept in $root"
	else
		rm -rf "$scratch"
	fi
}
trap cleanup EXIT

# What the user runs, as that user, in the chroot: one line per check, ok or
# not ok, and a count at the end.
cat >"$scratch/user-checks.sh" <<'EOF'
#!/bin/bash
set -u
n=0 failed=0
ok() { n=$((n + 1)); if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi; }
has() { case "$1" in *"$2"*) ok 0 "$3" ;; *) ok 1 "$3"; printf '#   got: %s\n#   want it to contain: %s\n' "$1" "$2" ;; esac; }
is() { if [ "$1" = "$2" ]; then ok 0 "$3"; else ok 1 "$3"; printf '#   got:  %s\n#   want: %s\n' "$1" "$2"; fi; }
cd "$HOME" || exit 1
echo "# $(id -un) (uid $(id -u)), $(grille --version), $(cat /etc/debian_version)"
git config --global user.name "Camille Martin"
git config --global user.email camille@example.org

out=$(grille init atelier --level 2 2>&1); ok $? "grille init atelier --level 2"
has "$out" "Espace de travail créé dans /home/$(id -un)/atelier" "init speaks French"
out=$(LANGUAGE=en grille init --language en workshop 2>&1); ok $? "LANGUAGE=en grille init --language en workshop"
has "$out" "Workspace created in /home/$(id -un)/workshop" "init speaks English"
[ -s workshop/step-1-where-do-we-start.md ]; ok $? "the English grid's step files"

cd atelier || exit 1
out=$(grille status 2>&1); ok $? "grille status"
has "$out" "Par où commençons-nous ?" "status, in French"
cd ../workshop || exit 1
out=$(LANGUAGE=en grille status 2>&1); ok $? "LANGUAGE=en grille status"
has "$out" "Where do we start?" "status, in English"

# Tab completion: bash-completion loads grille's file on demand, and its
# function completes a question ID from the workspace.
cd ../atelier || exit 1
out=$(bash -c '. /usr/share/bash-completion/bash_completion; __load_completion grille; complete -p grille' 2>&1)
is "$out" "complete -F _grille grille" "bash-completion loads grille's completion"
out=$(bash -c '. /usr/share/bash-completion/bash_completion; __load_completion grille
	COMP_LINE="grille edit 3.2."; COMP_POINT=${#COMP_LINE}
	COMP_WORDS=(grille edit 3.2.); COMP_CWORD=2; COMPREPLY=()
	_grille; echo "${COMPREPLY[*]}"' 2>&1)
has " $out " " 3.2.a " "grille edit 3.2.<Tab> offers 3.2.a"
echo "#   grille edit 3.2.<Tab>: $out"

# Manual pages: English in man1 (Debian's base folder), French in fr/man1.
out=$(man -w grille-status 2>&1); ok $? "man -w grille-status: $out"
is "$out" /usr/share/man/man1/grille-status.1.gz "grille-status(1) in /usr/share/man/man1"
out=$(man -w -L fr grille-status 2>&1)
if dpkg -L grille | grep -q '^/usr/share/man/fr/man1/'; then
	is "$out" /usr/share/man/fr/man1/grille-status.1.gz "man -L fr: the French grille-status(1)"
else
	echo "not ok $((n += 1)) - man -L fr: the French page # TODO no French pages in /usr/share/man/fr in this package yet ($out)"
fi

# grille edit 3.2.a with an editor that writes down its arguments.
printf '#!/bin/sh\nprintf "%%s\\n" "$@" >"$HOME/editor.log"\n' >"$HOME/fake-editor"
chmod +x "$HOME/fake-editor"
EDITOR=$HOME/fake-editor grille edit 3.2.a; ok $? "grille edit 3.2.a"
line=$(grep -n '^### 3\.2\.a ' etape-3-diagnostic.md | cut -d: -f1)
is "$(tr '\n' ' ' <"$HOME/editor.log")" "+$line $HOME/atelier/etape-3-diagnostic.md " "the editor gets +LINE and the file"

echo "1..$n"
echo "# $failed failed"
[ "$failed" -eq 0 ]
EOF
chmod 755 "$scratch/user-checks.sh"
cp "$deb" "$scratch/"
chmod 644 "$scratch/$(basename "$deb")"

start=$(date +%s)
set +e
{
	echo "# deb-chroot: $(date -u '+%Y-%m-%d %H:%M UTC'), package $(basename "$deb"), mirror $mirror"
	# The hooks run inside mmdebstrap's chroot, with its mounts and its apt lists:
	# apt installs the local .deb and pulls its dependencies from the mirror,
	# with its Recommends (git) as apt does by default on Debian (mmdebstrap's
	# own apt configuration leaves them out).
	mmdebstrap --variant=apt --include=bash-completion,man-db \
		--customize-hook="copy-in $scratch/$(basename "$deb") $scratch/user-checks.sh /tmp" \
		--customize-hook="chroot \"\$1\" env DEBIAN_FRONTEND=noninteractive apt-get install -y -o APT::Install-Recommends=true '/tmp/$(basename "$deb")'" \
		--customize-hook='chroot "$1" dpkg -s grille git | grep -E "^(Package|Status|Version|Depends|Recommends):"' \
		--customize-hook='chroot "$1" useradd --create-home --shell /bin/bash camille' \
		--customize-hook='chroot "$1" runuser -u camille -- env -i HOME=/home/camille USER=camille PATH=/usr/bin:/bin LANG=C.UTF-8 TERM=dumb bash /tmp/user-checks.sh' \
		bookworm "$root" "$mirror"
} 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
echo "deb-chroot: $( [ "$status" -eq 0 ] && echo passed || echo FAILED ) in $(($(date +%s) - start)) s; log: $log" | tee -a "$log"
exit "$status"
