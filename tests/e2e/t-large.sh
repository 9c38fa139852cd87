#!/usr/bin/env bash
# A 100 MB step file: read, in memory that follows the chunk read, not the file (no time is asserted).
. "$(dirname "$0")/lib.sh"

ws="$TEST_ROOT/ws"
"$GRILLE" init "$ws" >/dev/null 2>&1

# peak SIZE_MB: grow 3.1.a's answer to SIZE_MB, run status --json, print "rc answered peak_kb".
peak() {
	"$PYTHON" - "$ws" "$1" "$GRILLE" <<'PY'
import json, os, resource, subprocess, sys
ws, size_mb, grille = sys.argv[1], int(sys.argv[2]), sys.argv[3]
path = os.path.join(ws, "etape-3-diagnostic.md")
head = open(path, encoding="utf-8").read()
cut = head.index("\n", head.index("### 3.1.a ")) + 1
para = "Une ligne de réponse, avec des accents et un peu de *Markdown* pour faire bonne mesure. " * 4 + "\n\n"
count = size_mb * 1024 * 1024 // len(para.encode())
with open(path, "w", encoding="utf-8") as f:
    f.write(head[:cut] + "\n")
    for _ in range(count):
        f.write(para)
    f.write(head[cut:])
r = subprocess.run([grille, "-C", ws, "status", "--json"], capture_output=True, text=True)
answered = "?"
if r.returncode == 0:
    d = json.loads(r.stdout)
    answered = [q["state"] for s in d["steps"] for i in s["items"] for q in i["questions"] if q["id"] == "3.1.a"][0]
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
open(path, "w", encoding="utf-8").write(head)
print(r.returncode, answered, peak)
PY
}

read -r rc10 state10 kb10 < <(peak 10)
read -r rc100 state100 kb100 < <(peak 100)
echo "# peak memory: 10 MB file -> $((kb10 / 1024)) MB, 100 MB file -> $((kb100 / 1024)) MB"
is "$rc10 $state10" "0 answered" "a 10 MB answer is read"
is "$rc100 $state100" "0 answered" "a 100 MB answer is read"
# Proportional: ten times the file, at most about ten times the memory (plus the fixed part).
ok $(( kb100 <= 12 * kb10 ? 0 : 1 )) "memory grows in proportion to the file ($kb100 KB <= 12 x $kb10 KB)"
ok $(( kb100 <= 25 * 100 * 1024 + 200 * 1024 ? 0 : 1 )) "and stays within 25 times its size, sanitizers included"
# A mapped file gives its pages back as each pass goes past them: ninety more megabytes of file
# cost at most forty more of memory (a pass that kept them, as the cut between the walk's
# halves once did, costs the ninety).
ok $(( kb100 <= kb10 + 40 * 1024 ? 0 : 1 )) "memory follows the chunk, not the file ($kb100 KB <= $kb10 KB + 40 MB)"

done_testing
