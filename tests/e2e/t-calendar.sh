#!/usr/bin/env bash
# grille calendar: the test phase, reviews, the list (text, JSON) and the
# iCalendar export (RFC 5545, read back by python3-icalendar); bad input
# refused with nothing changed; hand edits read the same.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/group-lib.sh"
export SOURCE_DATE_EPOCH=1803340800 # 2027-02-23, 00:00 UTC

line_of() { grep -n "$1" calendrier.md | head -n 1 | cut -d: -f1; }

run calendar
is "$rc" 0 "calendar alone lists"
contains "$out" "Aucune date" "and says there is none yet"

run calendar test 2027-03-01 2027-03-31
is "$rc" 0 "set the test phase"
contains "$out" "Phase de test du 2027-03-01 au 2027-03-31 (calendrier.md:$(line_of 2027-03-01))." "it says where"
run calendar review 2027-04-15 "Bilan à mi-parcours"
is "$rc" 0 "add a review"
contains "$out" "Bilan du 2027-04-15 ajouté (calendrier.md:$(line_of 2027-04-15))." "it says where"
run calendar review 2027-02-15 "Avant le test"
is "$rc" 0 "a review before the test phase is allowed"
contains "$err" "grille : attention :" "with a warning"
run calendar review 2027-02-01
is "$rc" 0 "a review without a title"
contains "$(git status --porcelain)" "calendrier.md" "the changes wait for the next milestone"

run calendar
is "$rc" 0 "list"
contains "$out" "calendrier.md:$(line_of 2027-02-01): 2027-02-01 bilan (date passée" "a past review not held says so"
contains "$out" "calendrier.md:$(line_of 2027-03-01): 2027-03-01 début du test" "the test phase's start"
contains "$out" "calendrier.md:$(line_of 2027-03-31): 2027-03-31 fin du test" "its end"
contains "$out" "2027-04-15 bilan — Bilan à mi-parcours" "a review with its title"
dates=$(printf '%s\n' "$out" | grep -o ': 20[0-9-]*' | tr -d ': ' | tr '\n' ' ')
is "$dates" "2027-02-01 2027-02-15 2027-03-01 2027-03-31 2027-04-15 " "in the order of the dates"

run calendar review 2027-02-01 --done
is "$rc" 0 "--done"
contains "$out" "Bilan du 2027-02-01 noté comme tenu" "says so"
run calendar review 2027-04-15 "Bilan du milieu"
is "$rc" 0 "a review given again changes its title"
contains "$out" "Bilan du 2027-04-15 modifié" "says so"
run calendar review 2027-02-15 --remove
is "$rc" 0 "--remove"
contains "$out" "Bilan du 2027-02-15 retiré (calendrier.md)." "says so"
run calendar test 2027-03-02 2027-04-02
is "$rc" 0 "the test phase set again"
is "$(grep -c '^| .* du test |' calendrier.md)" 2 "still one start and one end"

run calendar --json
is "$rc" 0 "calendar --json"
is "$(json "(d['file'], d['today'], d['test_phase'])")" "('calendrier.md', '2027-02-23', {'start': '2027-03-02', 'end': '2027-04-02'})" \
	"JSON: the file, today, the test phase"
is "$(json "[(e['date'], e['kind'], e['title'], e['done'], e['late']) for e in d['events']]")" \
	"[('2027-02-01', 'review', '', True, False), ('2027-03-02', 'test_start', '', False, False), ('2027-04-02', 'test_end', '', False, False), ('2027-04-15', 'review', 'Bilan du milieu', False, False)]" \
	"JSON: the events in the order of the dates"
is "$(json "d['events'][3]['line']")" "$(line_of 2027-04-15)" "JSON: each event's line"
is "$(json "d['events'][0]['kind_name']")" "bilan" "JSON: the kind's French name"

# Bad input: a clear message, the right exit code, nothing changed.
refused 2 "2027-02-30" "an impossible date" calendar review 2027-02-30 "Bilan"
refused 2 "2027-02-30" "an impossible start" calendar test 2027-02-30 2027-03-31
refused 2 "à l'envers" "a reversed test phase" calendar test 2027-03-31 2027-03-01
refused 2 "à l'envers ou identiques" "a test phase ending the day it starts" calendar test 2027-03-01 2027-03-01
refused 1 "aucun bilan le 2027-05-01" "--done of a review that is not there" calendar review 2027-05-01 --done
refused 1 "aucun bilan n'est prévu le 2027-05-01" "--remove of a review that is not there" calendar review 2027-05-01 --remove
refused 2 "--remove ne prend que la date" "--remove with a title" calendar review 2027-04-15 Titre --remove
refused 2 "--remove ne prend que la date" "--remove and --done" calendar review 2027-04-15 --done --remove
refused 2 "le premier et le dernier jour" "test with one date" calendar test 2027-03-01
refused 2 "une date est attendue" "review without a date" calendar review
refused 2 "--done et --remove vont avec un bilan" "--done without review" calendar --done
refused 2 "servent à montrer" "review with --json" calendar review 2027-04-15 --json
refused 2 "--output va avec --ics" "-o without --ics" calendar -o x.ics
refused 2 "pas les deux" "--json and --ics" calendar --json --ics
refused 2 "test, review ou list" "an unknown subcommand" calendar bilan 2027-04-15
refused 2 "argument inattendu" "list takes no argument" calendar list 2027
refused 2 "une ligne" "a title with a line break" calendar review 2027-05-01 $'Deux\nlignes'

# The iCalendar file, with an action's deadline and a deferral date.
"$GRILLE" plan add "Préparer le bilan ; avec l'équipe, \\ tous" --due 2027-04-10 >/dev/null 2>&1
"$GRILLE" defer 3.2.b --until 2027-05-20 >/dev/null 2>&1
# ics_read FILE: "ok" or what breaks RFC 5545's lines, then an event per line:
# kind key DTSTART DTEND DTSTAMP | SUMMARY, read by python3-icalendar.
ics_read() {
	"$PYTHON" - "$1" <<'PY'
import re, sys, icalendar
data = open(sys.argv[1], "rb").read()
lines = data.split(b"\r\n")[:-1]
bad = []
if not data.endswith(b"\r\n"): bad.append("no final CRLF")
if any(b"\n" in l or b"\r" in l for l in lines): bad.append("a lone LF or CR")
if any(len(l) > 75 for l in lines): bad.append("a line over 75 octets")
try:
    for l in lines: l.decode("utf-8")
except UnicodeDecodeError: bad.append("a fold inside a character")
if not all(re.match(rb"^[A-Z-]+[;:]", l) or l.startswith(b" ") for l in lines): bad.append("a line that is no property")
print("; ".join(bad) or "ok")
cal = icalendar.Calendar.from_ical(data)
print(cal.get("VERSION"), cal.get("CALSCALE"))
for e in sorted(cal.walk("VEVENT"), key=lambda e: str(e.get("UID"))):
    m = re.fullmatch(r"([a-z]+)-(.+)-[0-9a-f]{16}@grille", str(e.get("UID")))
    kind, key = m.groups() if m else ("?", str(e.get("UID")))
    print(kind, key, e.decoded("DTSTART").isoformat(), e.decoded("DTEND").isoformat(),
          e.decoded("DTSTAMP").isoformat(), "|", str(e.get("SUMMARY")))
PY
}
run calendar --ics
is "$rc" 0 "--ics to standard output"
printf '%s\n' "$out" >"$TEST_ROOT/stdout.ics" # $(...) dropped the last LF
run calendar --ics -o "$TEST_ROOT/grille.ics"
is "$rc" 0 "--ics -o FILE"
contains "$out" "Calendrier écrit dans « $TEST_ROOT/grille.ics » : 5 dates." "it says where, and how many dates"
cmp -s "$TEST_ROOT/stdout.ics" "$TEST_ROOT/grille.ics"
ok $? "the file holds what standard output showed"
is "$(ls "$TEST_ROOT" | grep -c 'grille.ics.')" 0 "no temporary file is left"
is "$(stat -c %a "$TEST_ROOT/grille.ics")" "$(printf '%o' $((0666 & ~$(umask))))" "the file's mode follows the umask"
read_back=$(ics_read "$TEST_ROOT/grille.ics")
is "$(printf '%s\n' "$read_back" | sed -n 1p)" ok "every line: CRLF, 75 octets at most, folds between characters"
is "$(printf '%s\n' "$read_back" | sed -n 2p)" "2.0 GREGORIAN" "python3-icalendar reads VERSION and CALSCALE"
events=$(printf '%s\n' "$read_back" | sed -n '3,$p')
stamp="2027-02-23T00:00:00+00:00"
contains "$events" "test test 2027-03-02 2027-04-03 $stamp |" "the test phase: all-day, DTEND the day after its last"
contains "$events" "review 2027-04-15 2027-04-15 2027-04-16 $stamp | " "the review, with DTSTAMP from SOURCE_DATE_EPOCH"
contains "$events" "Bilan du milieu" "the review's title"
contains "$events" "review 2027-02-01 2027-02-01 2027-02-02" "the review held"
contains "$events" "action A1 2027-04-10 2027-04-11 $stamp | " "the action's deadline"
contains "$events" "Préparer le bilan ; avec l'équipe, \\ tous" "its text, escaped and read back as it was"
contains "$events" "defer 3.2.b 2027-05-20 2027-05-21" "the deferral date"
SOURCE_DATE_EPOCH=1804665600 run calendar --ics -o "$TEST_ROOT/again.ics"
uids() { grep -a '^UID' "$1" | sort; }
is "$(uids "$TEST_ROOT/again.ics")" "$(uids "$TEST_ROOT/grille.ics")" "the UIDs stay the same from one export to the next"
contains "$(grep -a '^DTSTAMP' "$TEST_ROOT/again.ics" | head -n 1)" "20270310T080000Z" "DTSTAMP is the export's time"
unset SOURCE_DATE_EPOCH
run calendar --ics
contains "$out" "DTSTAMP:$(date -u +%Y%m%d)T" "without SOURCE_DATE_EPOCH, the time now"
export SOURCE_DATE_EPOCH=1803340800
before=$(snapshot)
run calendar --ics -o "$TEST_ROOT/nowhere/grille.ics"
is "$rc" 1 "a file that cannot be written: exit 1"
contains "$err" "impossible d'écrire « $TEST_ROOT/nowhere/grille.ics »" "and says which"
is "$(snapshot)" "$before" "nothing changed in the workspace"

# By hand: the table edited with sed reads the same as by command.
sed -i 's/Bilan du milieu/Bilan intermédiaire/' calendrier.md
run calendar --json
is "$(json "[e['title'] for e in d['events'] if e['date'] == '2027-04-15'][0]")" "Bilan intermédiaire" "a title changed by hand"
printf '| 2027-06-30 | Bilan | Bilan final | |\n' >>calendrier.md
run calendar --json
is "$(json "[(e['kind'], e['title']) for e in d['events'] if e['date'] == '2027-06-30'][0]")" "('review', 'Bilan final')" \
	"a review added by hand, its kind in capitals"
run calendar review 2027-06-30 --done
is "$rc" 0 "and held by command"

# A malformed row written by hand: named with file:line; changes refused until fixed.
cp calendrier.md "$TEST_ROOT/calendrier.ok"
printf '| 2027-02-30 | bilan | Date fausse | |\n' >>calendrier.md
bad=$(wc -l <calendrier.md)
run calendar
is "$rc" 1 "listing a calendar with a malformed row fails"
contains "$err" "calendrier.md:$bad" "and names its file:line"
refused 1 "calendrier.md:$bad" "adding to a calendar with a malformed row" calendar review 2027-07-01 "Encore"
cp "$TEST_ROOT/calendrier.ok" calendrier.md

# Two rows with one key: a conflict, both versions shown; giving the review again settles it.
printf '| 2027-06-30 | bilan | Bilan de fin | |\n' >>calendrier.md
other=$(wc -l <calendrier.md)
run calendar
is "$rc" 0 "a conflict on a review is not a failure of list"
contains "$out" "En conflit : 2 versions de « bilan 2027-06-30 »" "list names it"
contains "$out" "calendrier.md:$other: | 2027-06-30 | bilan | Bilan de fin |" "with the second version and its line"
run calendar --json
is "$(json "len(d['conflicts'])")" 1 "JSON: the conflict"
run calendar review 2027-06-30 "Bilan final"
is "$rc" 0 "giving the review again settles it"
is "$(grep -c '2027-06-30' calendrier.md)" 1 "one row is left"

run calendar --help
is "$rc" 0 "calendar --help"
contains "$out" "grille calendar review DATE --remove" "the usage"

done_testing
