#!/usr/bin/env python3
"""The iCalendar file grille writes, read back by a real parser (Debian's
python3-icalendar) and checked line by line against RFC 5545: every line
ends in CRLF, none is longer than 75 octets, no fold splits a UTF-8
sequence; events, dates, UIDs and texts come back as they were given
(tests/unit/test_ics.c, `test_ics --write FILE`). Prints TAP.

Usage: ics-check.py TEST_ICS"""
import datetime, os, re, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from tap import ok, done  # noqa: E402

try:
    import icalendar
except ImportError:
    print("Bail out! python3-icalendar is missing: run .ci/install-deps")
    sys.exit(1)

D = datetime.date
# kind, key, start, end (not inclusive), summary, description
WANT = [
    ("test", "test", D(2027, 3, 1), D(2027, 4, 1), "Phase de test", "Un mois, puis le bilan.\nVoir 4.4."),
    ("review", "2027-04-15", D(2027, 4, 15), D(2027, 4, 16), "Bilan : à mi-parcours, enfin", None),
    ("action", "A3", D(2027, 2, 28), D(2027, 3, 1), "A3 ; former l'équipe", None),
    ("defer", "3.2.b", D(2027, 12, 31), D(2028, 1, 1), "Question 3.2.b à explorer",
     "Avec la personne référente RGPD"),
    ("action", "A12", D(2028, 2, 28), D(2028, 3, 2),
     "Préparer la réunion de bilan avec l'équipe éducative, les parents; et les élèves \\ tous",
     "Première ligne, avec des virgules; des points-virgules\net une barre \\ oblique.\n"
     "Deuxième ligne : 日本語のテキストと絵文字 😀😀😀 pour plier au milieu des caractères."),
]

with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "grille.ics")
    r = subprocess.run([sys.argv[1], "--write", path], capture_output=True, text=True)
    ok(r.returncode == 0, "test_ics --write wrote the calendar", r.stderr)
    with open(path, "rb") as f:
        data = f.read()

# Strict lines, on the bytes.
ok(data.endswith(b"\r\n"), "the file ends with CRLF")
lines = data.split(b"\r\n")[:-1]
ok(all(b"\n" not in l and b"\r" not in l for l in lines), "every line ends with CRLF, no lone LF or CR")
long = [l for l in lines if len(l) > 75]
ok(not long, "no line is longer than 75 octets", long)
ok(any(len(l) == 75 for l in lines), "some line is folded at exactly 75 octets")
try:
    for l in lines:
        l.decode("utf-8")
    split = False
except UnicodeDecodeError:
    split = True
ok(not split, "each physical line is valid UTF-8 on its own: no fold inside a character")
ok(all(re.match(rb"^[A-Z-]+[;:]", l) or l.startswith(b" ") for l in lines),
   "each line is a property or a continuation")

# The parser's view.
cal = icalendar.Calendar.from_ical(data)
ok(str(cal.get("VERSION")) == "2.0", "VERSION:2.0")
ok(re.fullmatch(r"-//grille//grille [^/]+//FR", str(cal.get("PRODID"))), "PRODID", cal.get("PRODID"))
ok(str(cal.get("CALSCALE")) == "GREGORIAN", "CALSCALE:GREGORIAN")
events = cal.walk("VEVENT")
ok(len(events) == len(WANT), f"{len(WANT)} events", len(events))
uids = [str(e.get("UID")) for e in events]
ok(len(set(uids)) == len(uids), "the UIDs are distinct", uids)
for e, (kind, key, start, end, summary, description) in zip(events, WANT):
    uid = str(e.get("UID"))
    ok(re.fullmatch(re.escape(f"{kind}-{key}-") + r"[0-9a-f]{16}@grille", uid), f"{key}: UID {uid}")
    ok(e.decoded("DTSTART") == start and type(e.decoded("DTSTART")) is datetime.date,
       f"{key}: DTSTART is the all-day date {start}", e.decoded("DTSTART"))
    ok(e.decoded("DTEND") == end and type(e.decoded("DTEND")) is datetime.date,
       f"{key}: DTEND is the day after the last, {end}", e.decoded("DTEND"))
    ok(e.decoded("DTSTAMP") == datetime.datetime(2027, 1, 1, 8, 0, tzinfo=datetime.timezone.utc),
       f"{key}: DTSTAMP in UTC", e.decoded("DTSTAMP"))
    ok(str(e.get("SUMMARY")) == summary, f"{key}: SUMMARY round-trips", repr(str(e.get("SUMMARY"))))
    got = e.get("DESCRIPTION")
    ok((got is None and description is None) or str(got) == description, f"{key}: DESCRIPTION round-trips",
       repr(got))
    ok(str(e.get("TRANSP")) == "TRANSPARENT", f"{key}: TRANSP:TRANSPARENT")

done()
