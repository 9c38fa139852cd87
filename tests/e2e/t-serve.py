#!/usr/bin/env python3
"""grille serve over raw HTTP: the token, the cookie, the CSRF token, the Host
header, the routes, bad requests, and changes that land in the files exactly
as `grille answer`, `skip`, `reopen` and `milestone` make them. Prints TAP."""
import atexit, html, http.client, os, re, shutil, signal, socket, subprocess, sys, tempfile, time, urllib.parse

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import sanitizers  # sanitizers exit 86 in the children, told apart from grille's 1 and 2
from tap import ok, done

GRILLE = os.environ["GRILLE"]
ENV = dict(os.environ, LANGUAGE="fr", LC_ALL="C.UTF-8", GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="t@example.org",
           GIT_COMMITTER_NAME="Test", GIT_COMMITTER_EMAIL="t@example.org", GRILLE_LOCK_WAIT_MS="2000")


def grille(*args, cwd, stdin=None):
    r = subprocess.run([GRILLE, *args], cwd=cwd, capture_output=True, input=stdin, env=ENV)
    bad = sanitizers.problem(r.returncode, r.stderr)
    if bad:
        ok(False, f"grille {' '.join(args)} ran without a sanitizer report or a crash ({bad})", r.stderr[-3000:])
    return r


def git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=ENV).stdout


def files_of(ws):
    out = {}
    for name in sorted(os.listdir(ws)):
        if os.path.isfile(os.path.join(ws, name)):
            out[name] = open(os.path.join(ws, name), "rb").read()
    return out


class Server:
    def __init__(self, ws, *args):
        self.err = open(os.path.join(os.path.dirname(ws), "serve.err"), "w+b")
        self.proc = subprocess.Popen([GRILLE, "serve", *args], cwd=ws, stdout=subprocess.PIPE, stderr=self.err,
                                     env=ENV)
        self.url = self.proc.stdout.readline().decode().strip()
        parts = urllib.parse.urlsplit(self.url)
        self.hostport = parts.netloc
        self.token = urllib.parse.parse_qs(parts.query).get("token", [""])[0]
        self.cookie = None
        atexit.register(self.kill)  # a test that crashes leaves no server behind

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def request(self, method, path, body=None, headers=None, host=None, cookie=True):
        h, p = self.hostport.rsplit(":", 1)
        conn = http.client.HTTPConnection(h, int(p), timeout=30)
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", host if host is not None else self.hostport)
        if cookie and self.cookie:
            conn.putheader("Cookie", self.cookie)
        for k, v in (headers or {}).items():
            conn.putheader(k, v)
        if body is not None:
            if isinstance(body, str):
                body = body.encode()
            if not any(k.lower() == "content-type" for k in (headers or {})):
                conn.putheader("Content-Type", "application/x-www-form-urlencoded")
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders()
        if body:
            conn.send(body)
        r = conn.getresponse()
        data = r.read()
        conn.close()
        return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data.decode("utf-8", "replace")

    def raw(self, data):
        h, p = self.hostport.rsplit(":", 1)
        with socket.create_connection((h, int(p)), timeout=30) as s:
            try:
                s.sendall(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server may answer and close before reading it all
            reply = b""
            while True:
                try:
                    chunk = s.recv(65536)
                except (ConnectionResetError, socket.timeout):
                    break
                if not chunk:
                    break
                reply += chunk
        m = re.match(rb"HTTP/1\.[01] (\d+)", reply)
        return int(m.group(1)) if m else 0

    def post(self, path, fields, **kw):
        return self.request("POST", path, urllib.parse.urlencode(fields, doseq=True), **kw)

    def stop(self):
        self.proc.send_signal(signal.SIGINT)
        try:
            rc = self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        self.err.seek(0)
        return rc, self.err.read().decode("utf-8", "replace")


def csrf_of(page):
    m = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    return m.group(1) if m else ""


def hash_of(page, qid):
    m = re.search(r'name="id" value="%s"><input type="hidden" name="hash" value="([0-9a-f]+)"' % re.escape(qid), page)
    return m.group(1) if m else ""


def group_forms(s, ws, root, csrf):
    """The forms of /group: each change is the file its command writes."""
    count = [0]

    def same_as(label, args, fields):
        count[0] += 1
        twin = os.path.join(root, "group-twin-%d" % count[0])
        shutil.copytree(ws, twin, symlinks=True)
        r = grille(*args, cwd=twin)
        st, h, body = s.post("/group/change", dict(fields, csrf=csrf))
        ok(r.returncode == 0 and st == 303 and files_of(ws) == files_of(twin),
           label + ": the files grille " + " ".join(args[:2]) + " writes", (r.returncode, r.stderr, st, body[-400:]))
        return h

    h = same_as("POST /group/change member-add", ["member", "add", "Léa Martin", "--role", "trésorière", "--email",
                "lea@example.org", "--identity", "lmartin"],
                {"op": "member-add", "name": "Léa Martin", "role": "trésorière", "email": "lea@example.org",
                 "identity": "lmartin"})
    ok(h.get("location") == "/group#membres", "...303 back to the members", h.get("location"))
    same_as("POST /group/change member-add, name only", ["member", "add", "Noé"], {"op": "member-add", "name": "Noé",
            "role": "", "email": "", "identity": ""})
    same_as("POST /group/change member-remove", ["member", "remove", "Noé"], {"op": "member-remove", "name": "Noé"})
    h = same_as("POST /group/change action-add", ["plan", "add", "Former l'équipe", "--who", "Camille", "--due",
                "2027-03-01", "--means", "deux soirées", "--indicator", "dix personnes"],
                {"op": "action-add", "text": "Former l'équipe", "who": "Camille", "due": "2027-03-01",
                 "means": "deux soirées", "indicator": "dix personnes"})
    ok(h.get("location") == "/group#plan", "...303 back to the plan", h.get("location"))
    same_as("POST /group/change action-add, text only", ["plan", "add", "Écrire"],
            {"op": "action-add", "text": "Écrire", "who": "", "due": "", "means": "", "indicator": ""})
    same_as("POST /group/change action-state doing", ["plan", "start", "A1"],
            {"op": "action-state", "id": "A1", "state": "doing", "reason": ""})
    same_as("POST /group/change action-state done", ["plan", "done", "A1"],
            {"op": "action-state", "id": "A1", "state": "done"})
    same_as("POST /group/change action-state todo", ["plan", "set", "A1", "--state", "à faire"],
            {"op": "action-state", "id": "A1", "state": "todo"})
    same_as("POST /group/change action-state dropped", ["plan", "drop", "A2", "--reason", "fait ailleurs"],
            {"op": "action-state", "id": "A2", "state": "dropped", "reason": "fait ailleurs"})
    same_as("POST /group/change member-add, two roles", ["member", "add", "Iris", "--role", "animatrice", "--role",
            "secrétaire"], {"op": "member-add", "name": "Iris", "role": " animatrice,secrétaire , "})
    same_as("POST /group/change action-add, two members, two IDs", ["plan", "add", "Préparer", "--who", "Camille",
            "--who", "Iris", "--for", "2.5", "--for", "3.2.b"],
            {"op": "action-add", "text": "Préparer", "who": ["Camille", "Iris"], "for": "2.5, 3.2.b"})
    same_as("POST /group/change action-edit", ["plan", "set", "A1", "--text", "Former toute l'équipe", "--who", "Iris",
            "--due", "2027-04-01", "--means", "trois soirées", "--indicator", "douze personnes", "--for", "2.1"],
            {"op": "action-edit", "id": "A1", "text": "Former toute l'équipe", "who": "Iris", "due": "2027-04-01",
             "means": "trois soirées", "indicator": "douze personnes", "for": "2.1"})
    same_as("POST /group/change action-edit, fields emptied", ["plan", "set", "A3", "--text", "Préparer", "--who",
            "Camille", "--means", "", "--indicator", "", "--for", "3.2.b"],
            {"op": "action-edit", "id": "A3", "text": "Préparer", "who": "Camille", "due": "", "means": "",
             "indicator": "", "for": "3.2.b"})
    same_as("POST /group/change action-decide ajuster", ["plan", "decide", "A1", "ajuster", "--reason", "plus court"],
            {"op": "action-decide", "id": "A1", "decision": "ajuster", "reason": "plus court"})
    same_as("POST /group/change action-decide garder", ["plan", "decide", "A3", "garder"],
            {"op": "action-decide", "id": "A3", "decision": "garder", "reason": ""})
    same_as("POST /group/change test-phase", ["calendar", "test", "2027-03-01", "2027-03-31"],
            {"op": "test-phase", "start": "2027-03-01", "end": "2027-03-31"})
    same_as("POST /group/change test-phase, changed", ["calendar", "test", "2027-03-08", "2027-04-30"],
            {"op": "test-phase", "start": "2027-03-08", "end": "2027-04-30"})
    h = same_as("POST /group/change review-add", ["calendar", "review", "2027-04-15", "Bilan de printemps"],
                {"op": "review-add", "date": "2027-04-15", "title": "Bilan de printemps"})
    ok(h.get("location") == "/group#calendrier", "...303 back to the calendar", h.get("location"))
    same_as("POST /group/change review-add on a review's day: its title", ["calendar", "review", "2027-04-15", "Autre"],
            {"op": "review-add", "date": "2027-04-15", "title": "Autre"})
    same_as("POST /group/change review-add on a review's day, no title: the title kept", ["calendar", "review",
            "2027-04-15"], {"op": "review-add", "date": "2027-04-15", "title": ""})
    st, _, grp = s.request("GET", "/group")
    held = re.search(r'value="review-held">(.*?)</form>', grp, re.S)
    ok(st == 200 and held and '<option value="2027-04-15">2027-04-15 Autre</option>' in held.group(1)
       and "&lt;" not in held.group(1), "the form for a review held offers the review to come", held and held.group(1))
    edit = re.search(r'value="action-edit"><fieldset><legend>[^<]*</legend><input type="hidden" name="id" value="A1">(.*?)</form>', grp, re.S)
    ok(edit and 'value="Former toute l&#39;équipe"' in edit.group(1).replace("'", "&#39;")
       and re.search(r'name="who" value="Iris" checked', edit.group(1)) and 'value="2027-04-01"' in edit.group(1)
       and 'name="for" maxlength="200" value="2.1"' in edit.group(1), "the form editing A1 holds its values",
       edit and edit.group(1))
    same_as("POST /group/change review-held", ["calendar", "review", "2027-04-15", "--done"],
            {"op": "review-held", "date": "2027-04-15"})
    same_as("POST /group/change review-add", ["calendar", "review", "2027-06-01", "Été"],
            {"op": "review-add", "date": "2027-06-01", "title": "Été"})
    same_as("POST /group/change review-remove", ["calendar", "review", "2027-06-01", "--remove"],
            {"op": "review-remove", "date": "2027-06-01"})

    st, _, grp = s.request("GET", "/group")
    ok(st == 200 and "Léa Martin" in grp and "Former toute l'équipe" in grp.replace("&#39;", "'")
       and "Bilan de printemps" not in grp and "Autre" in grp, "GET /group shows the changes", grp[-500:])
    r = grille("plan", "add", "Relire", "--for", "2.1", "--for", "1.1.a", cwd=ws)
    st, _, grp = s.request("GET", "/group")
    ok(r.returncode == 0 and 'href="/?step=2#i-2-1"' in grp and 'href="/?step=1#q-1-1-a"' in grp
       and 'href="#' not in grp, "the plan's links go to the page's items and questions", re.findall(r'href="[^"]*"', grp))

    for name, args in (("membres.md", ["member", "add", "Disque"]), ("plan.md", ["plan", "add", "Sur le disque"]),
                       ("calendrier.md", ["calendar", "review", "2027-09-01", "Rentrée"])):
        _, _, version = s.request("GET", "/changes")
        r = grille(*args, cwd=ws)
        _, _, body = s.request("GET", "/changes?since=" + version.split()[0])
        ok(r.returncode == 0 and body.endswith("changed\n"), "a change of %s on disk: /changes says so" % name, body)
    before = files_of(ws)
    st, _, _ = s.post("/group/change", {"op": "member-add", "name": "Sans Jeton"})
    ok(st == 403, "POST /group/change without the CSRF token: 403", st)
    st, _, _ = s.post("/group/change", {"op": "member-add", "name": "Faux Jeton", "csrf": "0" * 32})
    ok(st == 403, "POST /group/change with a wrong CSRF token: 403", st)
    st, _, _ = s.request("GET", "/group/change?op=member-remove&name=Camille")
    ok(st == 405, "GET /group/change: 405", st)
    ok(files_of(ws) == before, "nothing changed without the CSRF token")

    for label, fields, status, says in (
            ("a review on a date that does not exist", {"op": "review-add", "date": "2027-02-31"}, 422, "2027-02-31"),
            ("a review on a date too long", {"op": "review-add", "date": "2027-02-011"}, 422, "2027-02-011"),
            ("a due date that does not exist", {"op": "action-add", "text": "x", "due": "2027-13-01"}, 422,
             "AAAA-MM-JJ"),
            ("an action for a member who is not one", {"op": "action-add", "text": "x", "who": "<b>Inconnu</b>"}, 422,
             "&lt;b&gt;Inconnu&lt;/b&gt;"),
            ("a member's name with a comma", {"op": "member-add", "name": "<i>A, B</i>"}, 422, "virgule"),
            ("a member already there", {"op": "member-add", "name": "Camille"}, 409, "Camille"),
            ("removing a member who is not there", {"op": "member-remove", "name": "Personne"}, 404, "Personne"),
            ("an action that is not there", {"op": "action-state", "id": "A99", "state": "done"}, 404, "A99"),
            ("a state that is none", {"op": "action-state", "id": "A1", "state": "fini"}, 422, "état"),
            ("dropping without a reason", {"op": "action-state", "id": "A1", "state": "dropped"}, 422, "pourquoi"),
            ("removing a review that is not there", {"op": "review-remove", "date": "2030-01-01"}, 404, "2030-01-01"),
            ("holding a review that is not there", {"op": "review-held", "date": "2030-01-02"}, 404, "2030-01-02"),
            ("a test phase ending before it starts", {"op": "test-phase", "start": "2027-05-01", "end": "2027-04-01"},
             422, "2027-04-01"),
            ("a test phase on a day that does not exist", {"op": "test-phase", "start": "2027-02-30",
             "end": "2027-04-01"}, 422, "2027-02-30"),
            ("a decision that is none", {"op": "action-decide", "id": "A1", "decision": "<b>oublier</b>"}, 422,
             "bilan"),
            ("adjusting without a reason", {"op": "action-decide", "id": "A1", "decision": "ajuster"}, 422, "pourquoi"),
            ("an action edited to no text", {"op": "action-edit", "id": "A1", "text": ""}, 422, ""),
            ("an action edited for a member who is not one", {"op": "action-edit", "id": "A1", "text": "x",
             "who": "<b>Inconnu</b>"}, 422, "&lt;b&gt;Inconnu&lt;/b&gt;"),
            ("an action edited for an ID the grid does not have", {"op": "action-edit", "id": "A1", "text": "x",
             "for": "9.9"}, 422, "9.9"),
            ("a blank name", {"op": "member-add", "name": " \t", "role": "a,b"}, 422, "manquant"),
            ("an unknown change", {"op": "explode"}, 422, "inconnue")):
        st, _, body = s.post("/group/change", dict(fields, csrf=csrf))
        m = re.search(r'<p role="alert">(.*?)</p>', body, re.S)
        ok(st == status and m is not None and says in m.group(1) and "<b>" not in body and "<i>" not in body,
           "POST /group/change, %s: %d and the library's message, escaped" % (label, status), (st, m and m.group(1)))
    ok(files_of(ws) == before, "nothing changed by the refused changes")


def option_lines(text, qid):
    """The grid's option lines under question `qid` in a step file's text: "- [ ] text", in order."""
    start = text.index("### %s " % qid)
    end = text.find("\n#", start + 1)
    return re.findall(r"^- \[[ xX]\] .*$", text[start:end if end > 0 else len(text)], re.M)


def checked_boxes(page, qid):
    anchor = "o-" + qid.replace(".", "-")
    return [int(i) for i in re.findall(r'id="%s-(\d+)" checked>' % anchor, page)]


def choice_boxes(s, ws, root, csrf):
    """A choice question's options as boxes: checking them writes what an editor would."""
    path = os.path.join(ws, "etape-2-principes-d-action.md")
    original = open(path, "rb").read()
    lines = option_lines(original.decode(), "2.0.a")
    ok(len(lines) == 8 and all(l.startswith("- [ ] ") for l in lines), "2.0.a: eight unchecked options", lines)
    st, _, page = s.request("GET", "/?step=2")
    ok('<input type="checkbox" name="option" value="0" id="o-2-0-a-0"> <label for="o-2-0-a-0">' in page
       and 'id="o-2-0-a-7"' in page and 'action="/choose"' in page and checked_boxes(page, "2.0.a") == [],
       "the page shows 2.0.a's options as labelled boxes, none checked", re.findall(r'<input type="checkbox"[^>]*>', page)[:2])

    def by_hand(data, marks):
        """`data` with option i's box holding marks[i] (None: as it is), as one types it in an editor."""
        text = data.decode()
        for i, line in enumerate(option_lines(text, "2.0.a")):
            if marks.get(i) is not None:
                text = text.replace(line, "- [%s] %s" % (marks[i], line[6:]), 1)
        return text.encode()

    def choose(options, page_step="2", **extra):
        _, _, page = s.request("GET", "/?step=" + page_step)
        fields = [("csrf", csrf), ("id", "2.0.a"), ("hash", hash_of(page, "2.0.a")), ("step", "2")]
        fields += [("option", str(o)) for o in options]
        for k, v in extra.items():
            fields = [(a, b) for a, b in fields if a != k] + ([(k, v)] if v is not None else [])
        return s.request("POST", "/choose", urllib.parse.urlencode(fields))

    st, h, _ = choose([1, 4])
    ok(st == 303 and h.get("location") == "/?step=2#q-2-0-a", "POST /choose: 303 back to the question", (st, h))
    expected = by_hand(original, {1: "x", 4: "x"})
    ok(open(path, "rb").read() == expected, "two boxes checked: the file checked by hand in an editor, byte for byte")
    r = grille("status", "--json", cwd=ws)
    ok(re.search(r'"id": "2\.0\.a",[^}]*"state": "answered"', r.stdout.decode()) is not None,
       "grille status: 2.0.a answered")
    st, _, page = s.request("GET", "/?step=2")
    ok(checked_boxes(page, "2.0.a") == [1, 4], "the page shows the boxes checked", checked_boxes(page, "2.0.a"))

    # The file's own spelling of a checked box.
    open(path, "wb").write(by_hand(expected, {4: "X"}))
    st, _, _ = choose([2, 4])
    ok(st == 303 and open(path, "rb").read() == by_hand(original, {2: "X", 4: "X"}),
       "one box unchecked, one checked with the file's own \"X\"", open(path, "rb").read().decode()[-300:])

    # Stale, no token, bad fields: nothing written.
    _, _, page = s.request("GET", "/?step=2")
    stale = hash_of(page, "2.0.a")
    edited = by_hand(open(path, "rb").read(), {7: "x"})
    open(path, "wb").write(edited)
    st, _, body = s.request("POST", "/choose", urllib.parse.urlencode(
        [("csrf", csrf), ("id", "2.0.a"), ("hash", stale), ("option", "0")]))
    mine, disk = re.search(r'<pre id="mine">(.*?)</pre>', body, re.S), re.search(r'<pre id="disk">(.*?)</pre>', body, re.S)
    ok(st == 409 and mine and disk and html.unescape(mine.group(1)) == "- [x] " + lines[0][6:] + "\n"
       and "- [x] " + lines[7][6:] in html.unescape(disk.group(1)),
       "POST /choose with a stale hash: 409, the file's answer and the boxes asked shown", (st, body[-600:]))
    ok(open(path, "rb").read() == edited, "...and the file as the editor left it")
    st, _, _ = s.request("POST", "/choose", urllib.parse.urlencode([("id", "2.0.a"), ("hash", stale), ("option", "0")]))
    ok(st == 403, "POST /choose without the CSRF token: 403", st)
    st, _, _ = choose([0], csrf="0" * 32)
    ok(st == 403, "POST /choose with a wrong CSRF token: 403", st)
    st, _, body = choose([8])
    m = re.search(r'<p role="alert">(.*?)</p>', body, re.S)
    ok(st == 422 and m and "n° 8" in m.group(1), "an option past the last: 422, the library's message", (st, m and m.group(1)))
    for bad in ("un", "-1", "99999", ""):
        st, _, _ = choose([bad])
        ok(st == 400, "an option that is not an index (%r): 400" % bad, st)
    _, _, page = s.request("GET", "/?step=1")
    st, _, body = s.request("POST", "/choose", urllib.parse.urlencode(
        [("csrf", csrf), ("id", "1.1.a"), ("hash", hash_of(page, "1.1.a")), ("option", "0")]))
    ok(st == 422 and "question à choix" in body, "POST /choose on a text question: 422", (st, body[-300:]))
    ok(open(path, "rb").read() == edited, "nothing written by the refusals")

    # Options edited by hand: refused, with what to do.
    renamed = edited.replace(lines[3][6:].encode(), (lines[3][6:] + " (à notre façon)").encode())
    open(path, "wb").write(renamed)
    st, _, body = choose([3])
    m = re.search(r'<p role="alert">(.*?)</p>', body, re.S)
    ok(st == 422 and m and "modifiée ou retirée à la main" in m.group(1) and "grille edit 2.0.a" in m.group(1),
       "an option edited by hand: 422, saying so and pointing to grille edit", (st, m and m.group(1)))
    ok(open(path, "rb").read() == renamed, "...and the file untouched")

    # The group's own text under the options: the textarea replaces it, the boxes keep it.
    open(path, "wb").write(original)
    with_text = original.replace(lines[-1].encode() + b"\n", lines[-1].encode() + "\n\nNotre avis.\n".encode(), 1)
    open(path, "wb").write(with_text)
    _, _, page = s.request("GET", "/?step=2")
    st, _, body = s.post("/answer", {"id": "2.0.a", "hash": hash_of(page, "2.0.a"), "step": "2", "csrf": csrf,
                                     "text": "Notre avis, revu."})
    ok(st == 303 and open(path, "rb").read() == with_text.replace("Notre avis.".encode(), "Notre avis, revu.".encode()),
       "the group's text under unchecked options: the text box replaces it", (st, body[-300:]))
    st, _, _ = choose([0])
    ok(st == 303 and open(path, "rb").read() == by_hand(with_text.replace("Notre avis.".encode(), "Notre avis, revu.".encode()), {0: "x"}),
       "...and checking a box keeps it", open(path, "rb").read().decode()[-400:])
    open(path, "wb").write(original)


def positions(s, ws, root, csrf):
    """Each member's position and the synthesis, written from the page as grille position and an editor would."""
    path = os.path.join(ws, "etape-5-bilan.md")
    st, _, page = s.request("GET", "/?step=5")
    ok(st == 200 and 'name="part" value="mine"' in page and 'name="part" value="synthesis"' in page
       and 'id="p-5-1-a"' in page, "a positions question: a box for my position and one for the synthesis", st)
    twin = os.path.join(root, "twin-position")
    shutil.copytree(ws, twin, symlinks=True)
    r = grille("position", "5.1.a", "--member", "Camille", cwd=twin)
    ok(r.returncode == 0, "grille position 5.1.a --member Camille in the twin", r.stderr)
    tpath = os.path.join(twin, "etape-5-bilan.md")
    made = open(tpath, "rb").read().decode()
    by_hand, n = re.subn(r"(#+ Position de Camille\n\n)\n", r"\1Ma position, « la mienne ».\nSur deux lignes.\n", made, 1)
    ok(n == 1, "the twin has Camille's empty line to write at (typed on it, by hand)", made[:800])
    open(tpath, "wb").write(by_hand.encode())

    def post(part, text, hash_=None, **kw):
        _, _, page = s.request("GET", "/?step=5")
        m = re.search(r'name="id" value="5\.1\.a"><input type="hidden" name="hash" value="([0-9a-f]+)">'
                      r'<input type="hidden" name="part" value="%s">' % part, page)
        return s.post("/position", dict({"csrf": csrf, "id": "5.1.a", "step": "5", "part": part, "text": text,
                                         "hash": hash_ if hash_ is not None else (m.group(1) if m else "")}, **kw))

    st, h, body = post("mine", "Ma position, « la mienne ».\r\nSur deux lignes.\r\n")
    ok(st == 303 and h.get("location") == "/?step=5#q-5-1-a", "POST /position: 303 back to the question", (st, body[-300:]))
    ok(open(path, "rb").read() == open(tpath, "rb").read(),
       "my position: the file grille position makes, then the text typed on its empty line",
       open(path, "rb").read().decode()[-900:])
    st, _, page = s.request("GET", "/?step=5")
    ok("<h5>Camille</h5>" in page and "la mienne" in page and "Sur deux lignes.\n</textarea>" in page,
       "the page shows my position, rendered and in its box")

    # The synthesis, which answers the question.
    st, _, body = post("synthesis", "Notre synthèse : **ensemble**.\n")
    expected = re.sub(r"(#+ Synthèse du groupe\n\n)\n", r"\1Notre synthèse : **ensemble**.\n", by_hand, 1)
    ok(st == 303 and open(path, "rb").read() == expected.encode(), "the synthesis: typed on its empty line",
       open(path, "rb").read().decode()[-700:])
    r = grille("status", "--json", cwd=ws)
    ok(re.search(r'"id": "5\.1\.a",[^}]*"state": "answered"', r.stdout.decode()) is not None,
       "grille status: 5.1.a answered")
    st, _, page = s.request("GET", "/?step=5")
    ok("<strong>ensemble</strong>" in page, "the page renders the synthesis")
    # Replaced again: the same place.
    st, _, _ = post("synthesis", "Autre synthèse.")
    ok(st == 303 and open(path, "rb").read() == expected.replace("Notre synthèse : **ensemble**.", "Autre synthèse.").encode(),
       "the synthesis replaced, every other byte kept")

    before = open(path, "rb").read()
    st, _, body = post("mine", "Ma version <i>.", hash_="0" * 16)
    ok(st == 409 and "Ma version &lt;i&gt;." in body, "a stale position: 409 with both versions", (st, body[-400:]))
    st, _, body = post("synthesis", "## Un titre\n")
    ok(st == 422 and "ne resterait pas sous" in body, "a heading in the synthesis: 422", (st, body[-400:]))
    st, _, _ = post("mine", "x", csrf="")
    ok(st == 403, "POST /position without the CSRF token: 403", st)
    st, _, _ = post("theirs", "x")
    ok(st == 400, "POST /position for another part: 400", st)
    _, _, page = s.request("GET", "/?step=1")
    st, _, body = s.post("/position", {"csrf": csrf, "id": "1.1.a", "part": "synthesis", "text": "x",
                                       "hash": hash_of(page, "1.1.a")})
    ok(st == 422, "POST /position on a question that is not a positions one: 422", (st, body[-300:]))
    ok(open(path, "rb").read() == before, "nothing written by the refusals")

    # The synthesis first, before any position: the subsections made as grille position makes them.
    twin = os.path.join(root, "twin-synthesis")
    shutil.copytree(ws, twin, symlinks=True)
    r = grille("position", "5.2.a", "--member", "Camille", cwd=twin)
    made = open(tpath.replace("twin-position", "twin-synthesis"), "rb").read().decode()
    start = made.index("### 5.2.a")
    typed, n = re.subn(r"(#+ Synthèse du groupe\n\n)\n", r"\1D'abord la synthèse.\n", made[start:], 1)
    st, _, body = s.post("/position", {"csrf": csrf, "id": "5.2.a", "step": "5", "part": "synthesis",
                                       "text": "D'abord la synthèse.", "hash": "0" * 16})
    ok(r.returncode == 0 and n == 1 and st == 303 and open(path, "rb").read().decode() == made[:start] + typed,
       "the synthesis before any position: grille position's subsections, then the text typed",
       (r.stderr, st, body[-300:], open(path, "rb").read().decode()[start - 200:start + 600]))


def main():
    root = tempfile.mkdtemp(prefix="grille-serve-")
    ws = os.path.join(root, "ws")
    r = grille("init", ws, "--author", "Test <t@example.org>", cwd=root)
    ok(r.returncode == 0, "init", r.stderr)
    grille("member", "add", "Camille", "--email", "camille@example.org", cwd=ws)
    grille("commit", "-m", "membres", cwd=ws)

    # Refused before anything starts.
    r = grille("serve", "--listen", "0.0.0.0", cwd=ws)
    ok(r.returncode == 2 and b"0.0.0.0" in r.stderr, "--listen 0.0.0.0 is refused (exit 2)", r.stderr)
    r = grille("serve", "--port", "http", cwd=ws)
    ok(r.returncode == 2, "--port that is not a number is refused (exit 2)", r.stderr)

    s = Server(ws)
    ok(re.fullmatch(r"http://127\.0\.0\.1:\d+/\?token=[0-9a-f]{32}", s.url) is not None,
       "the URL: 127.0.0.1, a free port, a 128-bit token", s.url)
    before = files_of(ws)

    # Without the token: nothing.
    for method, path in (("GET", "/"), ("GET", "/?step=2"), ("GET", "/changes"), ("GET", "/?token=" + "0" * 32)):
        st, _, _ = s.request(method, path)
        ok(st == 403, f"{method} {path[:20]} without the token: 403", st)
    st, _, _ = s.post("/answer", {"id": "1.1.a", "hash": "0" * 16, "text": "pirate", "csrf": "x"})
    ok(st == 403, "POST /answer without the cookie: 403", st)
    ok(files_of(ws) == before, "nothing changed without the token")

    # Foreign Host (DNS rebinding): refused even with the token.
    st, _, _ = s.request("GET", "/?token=" + s.token, host="evil.example:80")
    ok(st == 421, "a foreign Host header: 421", st)
    st, _, _ = s.request("GET", "/?token=" + s.token, host="localhost")
    ok(st == 421, "a Host header without the port: 421", st)

    # The first visit: a cookie, and the token out of the address bar.
    st, h, _ = s.request("GET", "/?token=" + s.token)
    ok(st == 303 and h.get("location") == "/", "the token: 303 to /", (st, h))
    cookie = h.get("set-cookie", "")
    ok("HttpOnly" in cookie and "SameSite=Strict" in cookie, "the cookie is HttpOnly and SameSite=Strict", cookie)
    s.cookie = cookie.split(";")[0]

    st, h, page = s.request("GET", "/")
    ok(st == 200 and "<nav" in page and "text/html" in h.get("content-type", ""), "GET / with the cookie: the page", st)
    ok("http://" not in page.replace("http://www.w3.org", "") and "<link" not in page, "the page loads nothing from elsewhere")
    ok('name="viewport"' in page and 'lang="fr"' in page, "the page: viewport and language")
    ok("default-src 'none'" in h.get("content-security-policy", ""), "a Content-Security-Policy")
    csrf = csrf_of(page)
    ok(len(csrf) == 32, "the page carries a CSRF token", csrf)
    st, _, page2 = s.request("GET", "/?step=2")
    ok(st == 200 and 'id="q-2-1-a"' in page2, "GET /?step=2: step 2's questions", st)
    st, _, _ = s.request("HEAD", "/")
    ok(st == 200, "HEAD /: 200", st)
    st, _, body = s.request("GET", "/changes")
    ok(st == 200 and re.match(r"[0-9a-f]{16} same", body), "GET /changes: the version", body)
    version = body.split()[0]
    st, _, body = s.request("GET", "/changes?since=" + version)
    ok(st == 200 and body.endswith("same\n"), "GET /changes?since=: same while nothing changes", body)

    # The presentation of one item.
    st, _, pres = s.request("GET", "/present?item=1.1")
    ok(st == 200 and "<h1>1.1 " in pres and "<form" not in pres, "GET /present?item=1.1: the item alone, no form", st)
    st, _, _ = s.request("GET", "/present?item=9.9")
    ok(st == 404, "GET /present for an item that is not there: 404", st)
    for bad in ("/present", "/present?item=1.1.a", "/present?item=%2e%2e%2fgrille.yaml"):
        st, _, _ = s.request("GET", bad)
        ok(st == 400, f"GET {bad}: 400", st)

    # The group, read only, as the report shows it.
    st, _, grp = s.request("GET", "/group")
    ok(st == 200 and "Camille" in grp and 'action="/group/change"' in grp, "GET /group: the members, and forms",
       (st, grp[-300:]))
    ok("svg text{font-family:inherit;font-size:12px}" in grp, "GET /group: the CSS the calendar's chart needs, inline")

    # Routes and methods.
    for path in ("/nope", "/etape-1-par-ou-commencons-nous.md", "/../grille.yaml", "/answer/", "//"):
        st, _, _ = s.request("GET", path)
        ok(st == 404, f"GET {path}: 404", st)
    st, h, _ = s.request("GET", "/answer")
    ok(st == 405 and h.get("allow") == "POST", "GET /answer: 405, Allow: POST", (st, h))
    st, h, _ = s.post("/", {"csrf": csrf})
    ok(st == 405, "POST /: 405", st)
    st, _, _ = s.request("DELETE", "/")
    ok(st == 405, "DELETE /: 405", st)

    # Broken encodings.
    for path in ("/?step=%zz", "/?step=%f", "/?step=%ff", "/?step=%c3%28"):
        st, _, _ = s.request("GET", path)
        ok(st == 400, f"GET {path}: 400", st)
    st, _, _ = s.request("POST", "/answer", "csrf=%s&id=1.1.a&hash=%s&text=%%ff%%fe" % (csrf, "0" * 16))
    ok(st == 400, "a form value that is not UTF-8: 400", st)
    st, _, _ = s.request("POST", "/answer", "csrf=%s&id=1.1.a&hash=%s&text=50%%" % (csrf, "0" * 16))
    ok(st == 400, "a form with a bad percent-encoding: 400", st)
    st, _, _ = s.request("POST", "/answer", "csrf=%s&id=1.1.a&text=x%%00y&hash=%s" % (csrf, "0" * 16))
    ok(st == 400, "a form value with a NUL: 400", st)
    st, _, _ = s.request("POST", "/answer", '{"id":"1.1.a"}', headers={"Content-Type": "application/json"})
    ok(st == 415, "a body that is not a form: 415", st)

    # Sizes.
    st = s.raw(b"POST /answer HTTP/1.1\r\nHost: %s\r\nCookie: %s\r\nContent-Type: application/x-www-form-urlencoded\r\n"
               b"Content-Length: 5000000\r\n\r\n" % (s.hostport.encode(), s.cookie.encode()))
    ok(st == 413, "a body announced over 1 MiB: 413", st)
    # Chunked, so that no Content-Length gives it away: the server counts as it reads.
    chunk = b"a" * 65536
    first = b"csrf=%s&text=" % csrf.encode()
    body = b"%x\r\n%s\r\n" % (len(first), first)
    body += b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(18)) + b"0\r\n\r\n"
    st = s.raw(b"POST /answer HTTP/1.1\r\nHost: %s\r\nCookie: %s\r\nContent-Type: application/x-www-form-urlencoded\r\n"
               b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" % (s.hostport.encode(), s.cookie.encode()) + body)
    ok(st == 413, "a chunked body over 1 MiB: 413", st)
    st = s.raw(b"GET / HTTP/1.1\r\nHost: %s\r\nX-Big: %s\r\n\r\n" % (s.hostport.encode(), b"a" * 40000))
    ok(st in (431, 413), "headers over the limit: 431", st)
    ok(files_of(ws) == before, "nothing changed by the bad requests")

    # CSRF.
    st, _, _ = s.post("/answer", {"id": "1.1.a", "hash": "0" * 16, "text": "sans jeton"})
    ok(st == 403, "POST /answer without the CSRF token: 403", st)
    st, _, _ = s.post("/answer", {"id": "1.1.a", "hash": "0" * 16, "text": "faux jeton", "csrf": "0" * 32})
    ok(st == 403, "POST /answer with a wrong CSRF token: 403", st)
    st, _, _ = s.post("/mark", {"id": "1.2", "op": "skip", "csrf": csrf}, headers={"Origin": "http://evil.example"})
    ok(st == 403, "POST from another Origin: 403", st)
    ok(files_of(ws) == before, "nothing changed without the CSRF token")

    # An answer saved lands as `grille answer` writes it.
    twin = os.path.join(root, "twin")
    shutil.copytree(ws, twin, symlinks=True)
    r = grille("answer", "1.1.a", cwd=twin, stdin="Première ligne, « citée ».\nSeconde ligne.\n".encode())
    ok(r.returncode == 0, "grille answer in the twin workspace", r.stderr)
    st, _, page = s.request("GET", "/?step=1")
    h11a = hash_of(page, "1.1.a")
    st, h, _ = s.post("/answer", {"id": "1.1.a", "hash": h11a, "step": "1", "csrf": csrf,
                                  "text": "Première ligne, « citée ».\r\nSeconde ligne.\r\n"})
    ok(st == 303 and h.get("location") == "/?step=1#q-1-1-a", "POST /answer: 303 back to the question", (st, h))
    step1 = "etape-1-par-ou-commencons-nous.md"
    ok(files_of(ws)[step1] == files_of(twin)[step1], "the file is byte for byte what grille answer writes")
    r = grille("status", "--json", cwd=ws)
    ok('"id": "1.1.a"' in r.stdout.decode() and re.search(r'"id": "1\.1\.a",[^}]*"state": "answered"', r.stdout.decode()),
       "grille status: 1.1.a answered")
    st, _, body = s.request("GET", "/changes?since=" + version)
    ok(body.endswith("changed\n"), "GET /changes: changed after a save", body)

    # Replacing it keeps every other byte.
    st, _, page = s.request("GET", "/?step=1")
    ok("répondue" in page and "Première ligne" in page, "the page shows the answer and its state")
    old = files_of(ws)[step1]
    st, _, _ = s.post("/answer", {"id": "1.1.a", "hash": hash_of(page, "1.1.a"), "step": "1", "csrf": csrf,
                                  "text": "Une autre réponse."})
    new = files_of(ws)[step1]
    expected = old.replace("Première ligne, « citée ».\nSeconde ligne.\n".encode(), "Une autre réponse.\n".encode())
    ok(st == 303 and new == expected, "a new text replaces the answer, every other byte kept", new.decode()[-400:])

    # A save over an answer changed on disk is refused, with both versions.
    st, _, page = s.request("GET", "/?step=1")
    stale = hash_of(page, "1.1.a")
    path = os.path.join(ws, step1)
    open(path, "wb").write(new.replace(b"Une autre r\xc3\xa9ponse.", "Changée dans l'éditeur <b>.".encode()))
    on_disk = open(path, "rb").read()
    st, _, body = s.post("/answer", {"id": "1.1.a", "hash": stale, "step": "1", "csrf": csrf, "text": "Ma version <i>."})
    ok(st == 409 and "Changée dans l&#39;éditeur &lt;b&gt;." in body.replace("&#x27;", "&#39;").replace("'", "&#39;")
       and "Ma version &lt;i&gt;." in body, "a stale save: 409 with both versions, escaped", body[-800:])
    ok(open(path, "rb").read() == on_disk, "a stale save leaves the file as it was")

    # Skip then reopen: the file comes back byte for byte.
    before_skip = open(path, "rb").read()
    st, _, _ = s.post("/mark", {"id": "1.2", "op": "skip", "step": "1", "csrf": csrf})
    after_skip = open(path, "rb").read()
    ok(st == 303 and "**Mis de côté**".encode() in after_skip, "POST /mark skip: the mark in the file", st)
    r = grille("status", "--json", cwd=ws)
    ok(re.search(r'"id": "1\.2",[^{]*"state": "skipped"', r.stdout.decode()) is not None, "grille status: 1.2 skipped")
    st, _, _ = s.post("/mark", {"id": "1.2", "op": "reopen", "step": "1", "csrf": csrf})
    ok(st == 303 and open(path, "rb").read() == before_skip, "POST /mark reopen: the file as before")
    st, _, _ = s.post("/mark", {"id": "1.2", "op": "explode", "csrf": csrf})
    ok(st == 400, "POST /mark with an unknown op: 400", st)
    st, _, _ = s.post("/mark", {"id": "../../etc", "op": "skip", "csrf": csrf})
    ok(st == 400, "POST /mark with an ID that is no ID: 400", st)
    st, _, _ = s.post("/mark", {"id": "9.9", "op": "skip", "csrf": csrf})
    ok(st in (404, 422), "POST /mark for an item that is not there: refused", st)
    st, _, _ = s.post("/mark", {"id": "1.1", "op": "defer", "step": "1", "csrf": csrf})
    ok(st == 303 and "**À explorer plus tard**".encode() in open(path, "rb").read(), "POST /mark defer", st)
    st, _, _ = s.post("/mark", {"id": "1.1", "op": "reopen", "step": "1", "csrf": csrf})
    # With a reason and a date, as grille defer --until --reason writes them.
    twin2 = os.path.join(root, "twin2")
    shutil.copytree(ws, twin2, symlinks=True)
    grille("defer", "1.3", "--until", "2027-03-01", "--reason", "après l'AG", cwd=twin2)
    st, _, _ = s.post("/mark", {"id": "1.3", "op": "defer", "step": "1", "csrf": csrf, "until": "2027-03-01",
                                "reason": "après l'AG"})
    ok(st == 303 and files_of(ws)[step1] == files_of(twin2)[step1],
       "POST /mark defer with a date and a reason: the file grille defer writes", st)
    st, _, _ = s.post("/mark", {"id": "1.3", "op": "defer", "csrf": csrf, "until": "2027-02-31"})
    ok(st == 422, "a date that does not exist: 422", st)
    st, _, _ = s.post("/mark", {"id": "1.3", "op": "skip", "csrf": csrf, "reason": "deux\nlignes"})
    ok(st == 422, "a reason on two lines: 422", st)
    st, _, _ = s.post("/mark", {"id": "1.3", "op": "reopen", "step": "1", "csrf": csrf})

    # A choice's unchecked options between the checked ones are the grid's: not replaced with the answer.
    step2 = os.path.join(ws, "etape-2-principes-d-action.md")
    original2 = open(step2, "rb").read()
    checked = original2.replace("- [ ] Créer ou renforcer".encode(), "- [x] Créer ou renforcer".encode()).replace(
        "- [ ] Adopter une".encode(), "- [x] Adopter une".encode())
    open(step2, "wb").write(checked)
    st, _, page = s.request("GET", "/?step=2")
    st, _, body = s.post("/answer", {"id": "2.0.a", "hash": hash_of(page, "2.0.a"), "step": "2", "csrf": csrf,
                                     "text": "- [x] Faire ensemble"})
    ok(st == 422 and "grille edit 2.0.a" in body, "an answer cut by the grid's text is not replaced (422)", (st, body[-500:]))
    ok(open(step2, "rb").read() == checked, "...and the file stays as it was")
    open(step2, "wb").write(original2)
    choice_boxes(s, ws, root, csrf)

    # A text that would leave its question is refused.
    before_heading = files_of(ws)
    st, _, page = s.request("GET", "/?step=1")
    st, _, body = s.post("/answer", {"id": "1.1.a", "hash": hash_of(page, "1.1.a"), "step": "1", "csrf": csrf,
                                     "text": "Texte\n\n## Un titre\n"})
    ok(st == 422 and "ne resterait pas sous" in body, "an answer with a heading: 422", (st, body[-300:]))
    ok(files_of(ws) == before_heading, "...and nothing written")

    # The lock held by another grille: the change waits, then is refused, nothing written.
    lock = os.path.join(ws, ".git", "grille.lock")
    open(lock, "w").write("%d %s\n" % (os.getpid(), socket.gethostname()))
    before_lock = files_of(ws)
    st, _, body = s.post("/mark", {"id": "1.3", "op": "skip", "step": "1", "csrf": csrf})
    ok(st == 503 and "grille.lock" in body, "a change while another grille holds the lock: 503", (st, body[-400:]))
    ok(files_of(ws) == before_lock, "...and nothing written")
    os.remove(lock)

    # What the group wrote never runs: raw HTML and javascript: links escaped, in the answer and its box.
    r = grille("answer", "1.4.a", cwd=ws, stdin=b'Texte <script>alert(1)</script> [lien](javascript:alert(2)) </textarea><b>x</b>\n')
    st, _, page = s.request("GET", "/?step=1")
    ok(r.returncode == 0 and st == 200 and "<script>alert" not in page and 'href="javascript:' not in page
       and "</textarea><b>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page,
       "hostile answers are escaped on the page", (r.returncode, r.stderr, re.findall(r".{0,80}alert.{0,80}", page)[:4]))

    # An answer whose blocks the status gives without their bytes (an HTML block) is not replaced blindly.
    r = grille("answer", "1.5.a", cwd=ws, stdin=b'<script>bloc HTML</script>\n')
    before_html = files_of(ws)
    st, _, page = s.request("GET", "/?step=1")
    st, _, body = s.post("/answer", {"id": "1.5.a", "hash": hash_of(page, "1.5.a"), "step": "1", "csrf": csrf,
                                     "text": "remplacé"})
    ok(st in (303, 422) and (st == 303) == (b"remplac" in files_of(ws)[step1]) and
       files_of(ws)[step1].count(b"bloc HTML") == (0 if st == 303 else 1),
       "an HTML block answer: replaced in place, or refused untouched", (st, body[-300:]))
    if st == 422:
        ok(files_of(ws) == before_html, "...refused: nothing written")
    else:
        ok(files_of(ws)[step1].index(b"remplac") > files_of(ws)[step1].index("### 1.5.a".encode()),
           "...replaced: under its question")

    # Who writes: a member, then a milestone under their name.
    st, _, _ = s.post("/milestone", {"name": "avant", "csrf": csrf})
    ok(st == 422, "a milestone before picking a member: refused (422)", st)
    st, _, _ = s.post("/member", {"name": "Personne", "csrf": csrf})
    ok(st == 422, "POST /member with a name not in the list: 422", st)
    st, _, _ = s.post("/member", {"name": "camille", "step": "1", "csrf": csrf})
    ok(st == 303, "POST /member: 303", st)
    st, _, page = s.request("GET", "/?step=1")
    ok("Camille" in page and "Vous écrivez en tant que" in page, "the page says who writes")
    st, h, _ = s.post("/milestone", {"name": "atelier-1", "step": "1", "csrf": csrf})
    ok(st == 303, "POST /milestone: 303", (st, h))
    ok("atelier-1" in git("tag", cwd=ws).split(), "the milestone is a git tag", git("tag", cwd=ws))
    ok(git("log", "-1", "--format=%an <%ae>", cwd=ws).strip() == "Camille <camille@example.org>",
       "the commit's author is the member", git("log", "-1", "--format=%an <%ae>", cwd=ws))
    st, _, page = s.request("GET", "/")
    ok("atelier-1" in page, "the milestone list shows it")
    st, _, _ = s.post("/milestone", {"name": "atelier-1", "csrf": csrf})
    ok(st == 409, "the same milestone twice: 409", st)
    st, _, _ = s.post("/milestone", {"name": "HEAD", "csrf": csrf})
    ok(st == 422, "a milestone name git would not take: 422", st)

    group_forms(s, ws, root, csrf)
    positions(s, ws, root, csrf)

    # Another browser: its own session, its own CSRF token.
    first = s.cookie
    st, h, _ = s.request("GET", "/?token=" + s.token, cookie=False)
    s.cookie = h.get("set-cookie", "").split(";")[0]
    st, _, page = s.request("GET", "/")
    ok(s.cookie != first and csrf_of(page) != csrf, "a second browser gets its own session and CSRF token")
    m = re.search(r'<p id="connected">(.*?)</p>', page)
    ok(m is not None and "Camille" in m.group(1) and "1 navigateur sans nom" in m.group(1),
       "the page says who is connected: the member, and a browser without a name", m and m.group(1))
    st, _, _ = s.post("/mark", {"id": "1.2", "op": "skip", "csrf": csrf})
    ok(st == 403, "the first browser's CSRF token does not serve the second", st)
    st, _, page = s.request("GET", "/?step=5")
    ok("Choisissez d&#39;abord qui vous êtes".replace("&#39;", "'") in page.replace("&#39;", "'") and 'value="mine"' not in page,
       "a browser without a member: no box for a position, a pointer to choose first")
    st, _, body = s.post("/position", {"csrf": csrf_of(page), "id": "5.1.a", "part": "mine", "text": "x", "hash": "0" * 16})
    ok(st == 422 and "choisissez d" in body, "POST /position for my position without a member: 422", (st, body[-300:]))

    ok(not os.path.exists(lock), "no lock held between requests")
    rc, err = s.stop()
    ok(rc == 0, "SIGINT: exit 0", err[-2000:])
    ok(sanitizers.problem(rc, err) is None, "the server ran without a sanitizer report", err[-3000:])
    ok(not os.path.exists(lock), "the lock is released")

    # An English workspace: the page in English.
    en = os.path.join(root, "en")
    r = grille("init", en, "--language", "en", "--author", "Test <t@example.org>", cwd=root)
    ok(r.returncode == 0, "init --language en", r.stderr)
    s = Server(en)
    st, h, _ = s.request("GET", "/?token=" + s.token)
    s.cookie = h.get("set-cookie", "").split(";")[0]
    st, _, page = s.request("GET", "/")
    ok(st == 200 and 'lang="en"' in page and "Save the answer" in page and "Record a milestone" in page
       and "Enregistrer" not in page, "an English workspace's page is in English", page[:300])
    st, _, page = s.request("GET", "/?step=5")
    ok("Save the options" not in page and "Save the synthesis" in page and "First add the group" in page,
       "...the positions' boxes too", page[-3000:])
    st, _, page = s.request("GET", "/?step=1")
    ok("Save the options" in page and "Options the group chose" in page, "...and a choice's boxes")
    st, _, grp = s.request("GET", "/group")
    ok(st == 200 and "Add a member" in grp and "Ajouter" not in grp, "an English workspace's group page is in English")
    csrf_en = csrf_of(grp)
    st, _, body = s.post("/group/change", {"op": "action-state", "id": "A1", "state": "none", "csrf": csrf_en})
    ok(st == 422 and "choose the action's state" in body, "...and so are the page's own messages", body[-300:])
    st, _, body = s.post("/group/change", {"op": "action-state", "id": "A9", "state": "done", "csrf": csrf_en})
    ok(st in (404, 422) and "no action “A9” in plan.md" in body and "aucune" not in body,
       "...and the library's messages, whatever the server's locale (French here)", body[-300:])
    rc, err = s.stop()
    ok(rc == 0 and sanitizers.problem(rc, err) is None, "the English server stops cleanly", err[-2000:])

    s = Server(ws)
    s.proc.send_signal(signal.SIGTERM)
    rc = s.proc.wait(timeout=30)
    ok(rc == 0, "SIGTERM: exit 0", rc)
    shutil.rmtree(root)
    done()


main()
