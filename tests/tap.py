"""TAP for the Python test scripts, as tests/unit/tap.h is for the C ones:
ok() prints one line per check (and up to `lines` lines of detail when it
fails), done() prints the plan and exits 1 if any check failed."""
import sys

_count = 0
_failed = 0


def ok(cond, what, detail="", lines=30):
    global _count, _failed
    _count += 1
    print(("ok" if cond else "not ok") + f" {_count} - {what}")
    if not cond:
        _failed += 1
        for line in str(detail).splitlines()[:lines]:
            print("#   " + line)
    return cond


def done():
    print(f"1..{_count}")
    sys.exit(1 if _failed else 0)
