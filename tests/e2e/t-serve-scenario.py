#!/usr/bin/env python3
"""Issue 15's "done when", as one story: a facilitator runs `grille serve
--open`; in headless Chromium the group picks who is typing, answers two
questions, sets one aside and records a milestone. The same work is done by
hand with the commands in a copy of the workspace made before. Then the
files, `git log` (authors, messages, trees, tags), `grille status`, `grille
log`, `grille who` and the report are the same in both; and requests from
another site or without the token changed nothing. Skips (TAP) only when
chromium is not installed. Prints TAP."""
import difflib, http.client, os, re, shutil, stat, subprocess, sys, tempfile, urllib.parse

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from browser import ENV, Server, chromium, grille, wait_for  # skips when chromium is absent
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
from tap import ok, done

ENV = dict(ENV, GRILLE_PAGER="cat", NO_COLOR="1")
STEP1 = "etape-1-par-ou-commencons-nous.md"
ANSWER_A = "Nous voulons mieux travailler ensemble."
ANSWER_B = ["Un nouveau projet de jardin partagé.", "Des bénévoles éloignés les uns des autres."]
REASON = "pas avant la rentrée"
CAMILLE = "Camille Martin <camille@example.org>"


def is_eq(got, want, what):
    detail = "\n".join(difflib.unified_diff(str(want).splitlines(), str(got).splitlines(), "by hand", "by the page",
                                           lineterm="", n=1))
    return ok(got == want, what, detail, lines=60)


def run(*args, cwd, stdin=None):
    """grille's output, once checked that it succeeded."""
    return grille(*args, cwd=cwd, stdin=stdin, env=ENV).stdout.decode(errors="replace")


def git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


def files_of(ws):
    """Every file of the workspace outside .git, with its bytes."""
    out = {}
    for top, dirs, names in os.walk(ws):
        dirs[:] = [d for d in dirs if d != ".git"]
        for name in names:
            path = os.path.join(top, name)
            with open(path, "rb") as f:
                out[os.path.relpath(path, ws)] = f.read()
    return out


def history(ws):
    """What git says of the work: per commit its author, committer, message
    and tree (no dates, no commit IDs); the tags with their tagger and message."""
    commits = git("log", "--format=%an <%ae>|%cn <%ce>|%T|%s|%b%x00", cwd=ws)
    tags = git("for-each-ref", "refs/tags", "--format=%(refname:short)|%(taggername) %(taggeremail)|%(contents)"
               "|%(*tree)", cwd=ws)
    return commits, tags


def without_ids(text, root):
    """Commit IDs, clock times, the folders and the progress chart's time
    axis differ between two runs; the rest must not."""
    text = text.replace(os.path.join(root, "page"), "<dossier>").replace(os.path.join(root, "hand"), "<dossier>")
    text = re.sub(r"\b[0-9a-f]{7,40}\b", "<id>", text)
    text = re.sub(r'points="[0-9., ]*"', lambda m: re.sub(r"[0-9.]+,", "<temps>,", m.group(0)), text)
    text = re.sub(r'cx="[0-9.]*"', 'cx="<temps>"', text)
    return re.sub(r"\b\d{1,2}[:h]\d{2}(:\d{2})?\b", "<heure>", text)


def post_raw(port, path, body, headers):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("POST", path, body=body, headers=headers)
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status


def by_browser(root, ws):
    """The facilitator's way: serve --open, and everything in the page."""
    bin_dir = os.path.join(root, "bin")
    os.mkdir(bin_dir)
    opener = os.path.join(bin_dir, "xdg-open")
    with open(opener, "w") as f:  # stands for the desktop's browser: keeps the address it was given
        f.write('#!/bin/sh\nprintf %s "$1" > "' + os.path.join(root, "opened") + '"\n')
    os.chmod(opener, stat.S_IRWXU)
    env = dict(ENV, PATH=bin_dir + os.pathsep + ENV["PATH"])
    server = Server(root, ws, "--open", env=env)
    printed = server.url
    opened_path = os.path.join(root, "opened")
    ok(wait_for(lambda: os.path.getsize(opened_path) > 0), "--open handed the address to xdg-open")
    url = open(opened_path).read().strip() if os.path.exists(opened_path) else printed
    is_eq(url, printed, "the address opened is the one printed, with its token")
    port = urllib.parse.urlsplit(url).port
    driver = chromium(root)
    try:
        driver.get(url)
        Select(driver.find_element(By.ID, "member")).select_by_visible_text("Camille Martin")
        driver.find_element(By.ID, "member").find_element(By.XPATH, "following-sibling::button").click()
        ok(wait_for(lambda: "Camille Martin" in driver.find_element(By.TAG_NAME, "header").text),
           "the session is Camille's")
        driver.find_element(By.CSS_SELECTOR, 'nav a[href="/?step=1"]').click()

        def state(qid):
            article = driver.find_element(By.ID, "q-" + qid.replace(".", "-"))
            return article.find_element(By.CSS_SELECTOR, "p.state").get_attribute("class").split()

        for qid, text in (("1.1.a", ANSWER_A), ("1.1.b", "\n".join(ANSWER_B))):
            box = driver.find_element(By.ID, "t-" + qid.replace(".", "-"))
            box.send_keys(text)
            box.find_element(By.XPATH, "following-sibling::button").click()
            ok(wait_for(lambda: "answered" in state(qid)), f"{qid} answered from the page")

        article = driver.find_element(By.ID, "q-1-2-a")
        form = article.find_element(By.CSS_SELECTOR, 'form[action="/mark"]')
        form.find_element(By.TAG_NAME, "summary").click()
        form.find_element(By.NAME, "reason").send_keys(REASON)
        form.find_element(By.CSS_SELECTOR, 'button[value="skip"]').click()
        ok(wait_for(lambda: "skipped" in state("1.2.a")), "1.2.a set aside from the page")

        driver.find_element(By.ID, "milestone-name").send_keys("atelier-1")
        driver.find_element(By.ID, "milestone-name").find_element(By.XPATH, "following-sibling::button").click()
        ok(wait_for(lambda: "atelier-1" in driver.find_element(By.ID, "milestones").text),
           "the milestone shows in the page's list")

        # Another site, or no token: nothing changes.
        before = files_of(ws), history(ws)
        csrf = driver.find_element(By.CSS_SELECTOR, 'input[name="csrf"]').get_attribute("value")
        cookie = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
        body = urllib.parse.urlencode({"csrf": csrf, "step": "1", "id": "1.3.a", "hash": "", "text": "Piratage."})
        form_type = {"Content-Type": "application/x-www-form-urlencoded", "Host": f"127.0.0.1:{port}"}
        status = post_raw(port, "/answer", body, dict(form_type, Origin="http://attaquant.example", Cookie=cookie))
        ok(status == 403, "a POST from another site is refused", status)
        status = post_raw(port, "/answer", body, dict(form_type, Origin=f"http://127.0.0.1:{port}"))
        ok(status in (401, 403), "a POST without the token's cookie is refused", status)
        status = post_raw(port, "/mark", urllib.parse.urlencode({"step": "1", "id": "1.3.a", "op": "skip"}),
                          dict(form_type, Origin=f"http://127.0.0.1:{port}", Cookie=cookie))
        ok(status == 403, "a POST without the CSRF token is refused", status)
        ok((files_of(ws), history(ws)) == before, "and none of them changed a file or the history")
    finally:
        driver.quit()
        server.stop()


def by_hand(ws):
    """The same work with the commands a facilitator would type."""
    run("answer", "1.1.a", cwd=ws, stdin=(ANSWER_A + "\n").encode())
    run("answer", "1.1.b", cwd=ws, stdin=("\n".join(ANSWER_B) + "\n").encode())
    run("skip", "1.2.a", "--reason", REASON, cwd=ws)
    run("milestone", "atelier-1", "--author", CAMILLE, cwd=ws)


def main():
    root = tempfile.mkdtemp(prefix="grille-serve-scenario-")
    page, hand = os.path.join(root, "page"), os.path.join(root, "hand")
    run("init", page, "--author", "Test <t@example.org>", cwd=root)
    run("member", "add", "Camille Martin", "--email", "camille@example.org", cwd=page)
    run("member", "add", "Dominique", "--email", "dominique@example.org", cwd=page)
    run("commit", "-m", "Les membres", cwd=page)
    shutil.copytree(page, hand, symlinks=True)

    by_browser(root, page)
    by_hand(hand)

    page_files, hand_files = files_of(page), files_of(hand)
    is_eq(sorted(page_files), sorted(hand_files), "the same files")
    for name in sorted(set(page_files) & set(hand_files)):
        ok(page_files[name] == hand_files[name], f"{name}: the same bytes",
           page_files[name].decode(errors="replace")[-1500:] + "\n---- by hand:\n" +
           hand_files[name].decode(errors="replace")[-1500:])
    step = page_files.get(STEP1, b"").decode()
    ok(ANSWER_A in step and "\n".join(ANSWER_B) in step and REASON in step,
       "step 1's file holds both answers and the reason")
    page_log, hand_log = history(page), history(hand)
    is_eq(page_log[0], hand_log[0], "git log: the same authors, committers, messages and trees")
    is_eq(page_log[1], hand_log[1], "git tags: the same milestone, tagger and message")
    ok(page_log[0].startswith(CAMILLE + "|"), "the milestone's commit is Camille's", page_log[0][:200])
    for where in (page, hand):
        is_eq(git("status", "--porcelain", cwd=where), "", f"git status: nothing left uncommitted ({os.path.basename(where)})")
    for args in (("status",), ("status", "--json"), ("log",), ("who",)):
        is_eq(without_ids(run(*args, cwd=page), root), without_ids(run(*args, cwd=hand), root),
              f"grille {' '.join(args)}: the same")
    for fmt in ("html", "md", "json"):
        run("report", "--format", fmt, "-o", os.path.join(root, "page." + fmt), cwd=page)
        run("report", "--format", fmt, "-o", os.path.join(root, "hand." + fmt), cwd=hand)
        texts = [open(os.path.join(root, who + "." + fmt), encoding="utf-8").read() for who in ("page", "hand")]
        is_eq(without_ids(texts[0], root), without_ids(texts[1], root), f"the {fmt} report: the same")
    shutil.rmtree(root)
    done()


main()
