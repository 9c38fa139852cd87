#!/usr/bin/env bash
# Start-up (issue 14, item 4): --version, --help and a command's help do not
# start libgit2, whose Debian build reads the TLS certificate bundle as it
# starts; a command that reads the repository starts it once. Seen with
# strace: the opens of the certificates are libgit2's start.
. "$(dirname "$0")/lib.sh"
export GRILLE_KEEP_STATUS=0 # the work of a status, not a status kept whole (t-status-fast.sh)

if ! command -v strace >/dev/null 2>&1 || ! strace -o /dev/null true >/dev/null 2>&1; then
	echo "1..0 # SKIP strace is missing or may not trace here"
	exit 0
fi

ws="$TEST_ROOT/ws"
"$GRILLE" init "$ws" >/dev/null 2>&1
cd "$ws" || exit 1

# traced ARGS...: grille's own opens in $trace, those of its threads included
# (libgit2 starts on one of its own), not those of a program it runs (man, a
# pager: a process that executes something else than grille). LeakSanitizer
# cannot run under ptrace: leaks are checked by every other test.
trace="$TEST_ROOT/trace"
traced() {
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" MANPAGER=cat PAGER=cat \
		strace -f -qq -e trace=openat,open,execve -o "$trace.all" "$GRILLE" "$@" >/dev/null 2>&1 </dev/null
	rc=$?
	awk '$2 ~ /^execve\(/ && $2 !~ /grille|\/proc\/self\/exe/ { other[$1] = 1 }
	     { pid[NR] = $1; line[NR] = $0 }
	     END { for (i = 1; i <= NR; i++) if (!(pid[i] in other)) print line[i] }' "$trace.all" >"$trace"
}
# The certificates libgit2 read: successful opens under an ssl folder or of a certificate file.
certificates() { grep -E '"[^"]*(/ssl/|cert)[^"]*"' "$trace" | grep -vc -- '= -1 '; }

traced status
is "$rc" 0 "status runs under strace"
# Debian's libgit2 reads the certificates as it starts: that is the witness.
# A libgit2 that stops doing so fails here, so that this test finds another
# witness rather than passing without one.
is "$(certificates)" 1 "status: libgit2 is started once (the certificates read once)"
traced commit -m "Rien de neuf"
is "$(certificates)" 1 "commit: libgit2 is started once"

for args in "--version" "-V" "--help" "-h" "help" "help status" "status --help" "commit -h" \
	"init --help" "clone --help" "report --help" "sync --help"; do
	# shellcheck disable=SC2086 # the words of $args are the arguments
	traced $args
	is "$rc" 0 "grille $args succeeds"
	is "$(certificates)" 0 "grille $args does not start libgit2"
done

# libxml2 (with ICU and libstdc++) is loaded by the OpenDocument writers
# only: not by the executable, not by a status or a commit.
libxml2() { grep -E '"[^"]*/libxml2\.so[^"]*"' "$trace" | grep -vc -- '= -1 '; }
module="$(dirname "$GRILLE")/grille-cli.so"
check "the program's module is built beside grille" test -f "$module"
check "the module does not link libxml2" sh -c "! readelf -d '$module' | grep -q 'libxml2'"
traced status
is "$(libxml2)" 0 "status does not load libxml2"
traced report --format html -o "$TEST_ROOT/r.html"
is "$rc:$(libxml2)" "0:0" "an HTML report does not load libxml2"
traced report --format odt -o "$TEST_ROOT/r.fodt"
is "$rc:$(libxml2)" "0:1" "an OpenDocument report loads it, once"
traced sheet 1 --format odt -o "$TEST_ROOT/s.fodt"
is "$rc:$(libxml2)" "0:1" "an OpenDocument sheet too"

# libmicrohttpd (with GnuTLS and its libraries) is loaded by `grille serve` only.
microhttpd() { grep -E '"[^"]*/lib(microhttpd|gnutls)\.so[^"]*"' "$trace" | grep -vc -- '= -1 '; }
check "the module does not link libmicrohttpd" sh -c "! readelf -d '$module' | grep -q 'libmicrohttpd'"
traced status
is "$rc:$(microhttpd)" "0:0" "status loads neither libmicrohttpd nor GnuTLS"
traced commit -m "Rien de neuf"
is "$(microhttpd)" 0 "commit neither"

# The executable links the C library alone (and what a compiler's
# sanitizers bring): --version is answered without loading the program's module.
needed=$(readelf -d "$GRILLE" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' |
	grep -Ev '^lib(asan|ubsan|lsan|tsan|m|gcc_s)\.' | tr '\n' ' ')
is "$needed" "libc.so.6 " "grille links the C library alone"
module_loaded() { grep -F 'grille-cli.so' "$trace" | grep -vc -- '= -1 '; }
for args in "--version" "-V"; do
	traced $args
	is "$rc:$(module_loaded)" "0:0" "grille $args does not load the module"
done
traced status
is "$rc:$(module_loaded)" "0:1" "status loads it once"
is "$("$GRILLE" --version)" "$("$GRILLE" -q --version)" "--version from the launcher is the module's"
if [ -w /dev/full ]; then
	"$GRILLE" --version >/dev/full 2>"$TEST_ROOT/stderr"
	rc=$?
	err=$(cat "$TEST_ROOT/stderr")
	is "$rc" 1 "--version >/dev/full: exit 1"
	contains "$err" "impossible d'écrire le résultat : No space left on device" "...and says why"
else
	ok 0 "# SKIP no /dev/full"
	ok 0 "# SKIP no /dev/full"
fi
"$GRILLE" --version >&-
is "$?" 0 "--version with stdout closed: as the module, written to /dev/null"

# The module missing: said, with what the loader said, and nothing else runs.
mkdir -p "$TEST_ROOT/alone/bin"
cp "$GRILLE" "$TEST_ROOT/alone/bin/grille"
GRILLE=$TEST_ROOT/alone/bin/grille run status
is "$rc" 1 "without its module, grille fails (exit 1)"
contains "$err" "grille : grille est incomplet, réinstallez-le : " "...saying so"
contains "$err" "grille-cli.so" "...with the module's path and the loader's reason"
GRILLE=$TEST_ROOT/alone/bin/grille run --version
is "$rc:$out" "0:$("$GRILLE" --version)" "...but --version needs no module"

# glibc's allocator (cli/allocator.c): a command that loads the module starts
# the launcher again, once, with grille's GLIBC_TUNABLES; --version does not.
execs() { grep -c '^execve(' "$trace"; }
tuned_execs() { grep '^execve(' "$trace" | grep -c 'GLIBC_TUNABLES=glibc.malloc.hugetlb=1'; }
traced_exec() {
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -qq -v -s 512 -e trace=execve -o "$trace" "$GRILLE" "$@" >/dev/null 2>&1 </dev/null
	rc=$?
}
cd "$ws" || exit 1
traced_exec status
is "$rc:$(execs):$(tuned_execs)" "0:2:1" "status: started again once, with the allocator's settings"
traced_exec --version
is "$rc:$(execs)" "0:1" "--version: not started again"
GLIBC_TUNABLES=glibc.malloc.check=0 traced_exec status
is "$rc:$(execs)" "0:1" "the user's own GLIBC_TUNABLES: left alone, not started again"
# What the programs grille starts see: the environment as it was.
cat >"$TEST_ROOT/env-editor" <<'SH'
#!/bin/sh
printf '%s|%s\n' "${GLIBC_TUNABLES-unset}" "${GRILLE_ALLOCATOR_TUNED-unset}" >"$ENV_SEEN"
SH
chmod +x "$TEST_ROOT/env-editor"
ENV_SEEN="$TEST_ROOT/seen" VISUAL="$TEST_ROOT/env-editor" "$GRILLE" edit 1.1 >/dev/null 2>&1
is "$(cat "$TEST_ROOT/seen")" "unset|unset" "an editor grille starts does not inherit the settings"
ENV_SEEN="$TEST_ROOT/seen" GLIBC_TUNABLES=glibc.malloc.check=0 VISUAL="$TEST_ROOT/env-editor" \
	"$GRILLE" edit 1.1 >/dev/null 2>&1
is "$(cat "$TEST_ROOT/seen")" "glibc.malloc.check=0|unset" "...and gets the user's own"

# Outside a workspace too, where a command's help needs none.
cd "$TEST_ROOT" || exit 1
traced status --help
is "$(certificates)" 0 "status --help outside a workspace does not start libgit2"

done_testing
