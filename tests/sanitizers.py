"""Shared by the Python test and fuzz scripts: a sanitizer report is never taken
for one of grille's own refusals.

grille exits 1 (refused, failed) or 2 (usage); AddressSanitizer, UBSan and
LeakSanitizer exit 1 by default. Importing this module gives them exit code 86
(as tests/meson.build and tests/e2e/lib.sh do) unless the caller chose
otherwise, and problem() tells a run that must fail the test: exit 86, a death
by signal, or a sanitizer report on stderr whatever the exit code."""
import os

SANITIZER_EXIT = 86
_SUPPRESSIONS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lsan.supp")
_DEFAULTS = {
    "ASAN_OPTIONS": "detect_leaks=1:exitcode=86:strict_string_checks=1",
    "UBSAN_OPTIONS": "halt_on_error=1:exitcode=86:print_stacktrace=1",
    "LSAN_OPTIONS": f"exitcode=86:suppressions={_SUPPRESSIONS}:print_suppressions=0",
}
# What the sanitizers print, whatever exit code they were given.
_MARKERS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:", "ERROR: UndefinedBehaviorSanitizer")


def setup(env=os.environ):
    """Give each sanitizer exitcode=86 in `env` (by default this process's
    environment, which the children inherit) when the caller set none."""
    for name, default in _DEFAULTS.items():
        value = env.get(name, "")
        if not value:
            env[name] = default
        elif "exitcode=" not in value:
            env[name] = value + ":exitcode=86"
    return env


def problem(returncode, stderr=""):
    """Why a run of grille is a failure of the test rather than a refusal, or None."""
    if isinstance(stderr, bytes):
        stderr = stderr.decode(errors="replace")
    if returncode == SANITIZER_EXIT:
        return f"sanitizer report (exit {SANITIZER_EXIT})"
    if returncode < 0:
        return f"killed by signal {-returncode}"
    if returncode >= 128:
        return f"exit {returncode} (a signal, through a shell)"
    for marker in _MARKERS:
        if marker in stderr:
            return f"sanitizer report on stderr ({marker!r}, exit {returncode})"
    return None


setup()
