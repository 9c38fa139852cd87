#!/usr/bin/env python3
"""grille serve in headless Chromium (selenium): answer a question and see its
state change, check a choice's box from the keyboard and see it saved, see a
change made on disk within two seconds, skip and reopen, see a save over an
answer changed on disk refused, be refused without the cookie or with a
wrong token, pick a member, add an action from the group's page and record
a milestone. Skips (TAP) only when chromium is
not installed. Prints TAP."""
import os, shutil, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from browser import ENV, GRILLE, Server, chromium, grille, wait_for  # skips when chromium is absent
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
from tap import ok, done


def state_of(driver, qid):
    article = driver.find_element(By.ID, "q-" + qid.replace(".", "-"))
    return article.find_element(By.CSS_SELECTOR, "p.state").get_attribute("class")


def main():
    root = tempfile.mkdtemp(prefix="grille-serve-browser-")
    ws = os.path.join(root, "ws")
    grille("init", ws, "--author", "Test <t@example.org>", cwd=root)
    grille("member", "add", "Camille", "--email", "camille@example.org", cwd=ws)
    grille("commit", "-m", "membres", cwd=ws)
    server = Server(root, ws)
    url = server.url
    driver = chromium(root)
    try:
        driver.get(url)
        ok("token" not in driver.current_url and driver.find_element(By.TAG_NAME, "nav"),
           "the token leaves the address bar; the page shows the steps", driver.current_url)
        driver.find_element(By.CSS_SELECTOR, 'nav a[href="/?step=1"]').click()
        before = driver.find_element(By.CSS_SELECTOR, 'nav a[aria-current] ~ progress').get_attribute("value")
        ok("unanswered" in state_of(driver, "1.1.a"), "1.1.a starts unanswered")
        box = driver.find_element(By.ID, "t-1-1-a")
        box.send_keys("Nous voulons mieux travailler ensemble.")
        box.find_element(By.XPATH, "following-sibling::button").click()
        ok(wait_for(lambda: "answered" in state_of(driver, "1.1.a").split()), "after saving, 1.1.a reads answered",
           driver.current_url + "\n" + driver.page_source[:1500])
        after = driver.find_element(By.CSS_SELECTOR, 'nav a[aria-current] ~ progress').get_attribute("value")
        ok(int(after) == int(before) + 1, "the step's progress bar moved", (before, after))
        answer = open(os.path.join(ws, "etape-1-par-ou-commencons-nous.md"), encoding="utf-8").read()
        ok("\nNous voulons mieux travailler ensemble.\n" in answer, "the answer is in the step file")

        # A change made on disk shows within two seconds.
        subprocess.run([GRILLE, "answer", "1.1.b"], cwd=ws, input=b"Depuis le terminal.\n", env=ENV, check=True,
                       capture_output=True)
        ok(wait_for(lambda: "answered" in state_of(driver, "1.1.b").split(), timeout=2.5),
           "an answer written on disk shows on the page within two seconds")

        # A choice question's box, checked from the keyboard, then saved.
        ok("unanswered" in state_of(driver, "1.5.a"), "1.5.a starts unanswered")
        box = driver.find_element(By.ID, "o-1-5-a-1")
        label = driver.find_element(By.CSS_SELECTOR, 'label[for="o-1-5-a-1"]').text
        box.send_keys(" ")
        ok(box.is_selected(), "the space bar checks the box")
        box.find_element(By.XPATH, "ancestor::form//button[@type='submit']").click()
        ok(wait_for(lambda: "answered" in state_of(driver, "1.5.a").split()
                    and driver.find_element(By.ID, "o-1-5-a-1").is_selected()),
           "after saving, 1.5.a reads answered and its box stays checked")
        step1 = open(os.path.join(ws, "etape-1-par-ou-commencons-nous.md"), encoding="utf-8").read()
        ok(("\n- [x] %s\n" % label) in step1, "the option is checked in the step file", label)

        # Set aside, then reopened, with the page's buttons.
        def mark(qid, op):
            form = driver.find_element(By.ID, "q-" + qid.replace(".", "-")).find_element(
                By.CSS_SELECTOR, 'form[action="/mark"]')
            form.find_element(By.CSS_SELECTOR, 'button[value="%s"]' % op).click()

        mark("1.2.a", "skip")
        ok(wait_for(lambda: "skipped" in state_of(driver, "1.2.a").split()), "1.2.a set aside from its button")
        ok("**Mis de côté**" in open(os.path.join(ws, "etape-1-par-ou-commencons-nous.md"), encoding="utf-8").read(),
           "its mark is in the step file")
        mark("1.2.a", "reopen")
        ok(wait_for(lambda: "unanswered" in state_of(driver, "1.2.a").split()), "and reopened from its button")

        # The same answer edited on disk while it is being edited on the page: refused, both shown.
        step_path = os.path.join(ws, "etape-1-par-ou-commencons-nous.md")
        box = driver.find_element(By.ID, "t-1-1-a")
        box.send_keys("\nAjouté dans la page.")
        text = open(step_path, encoding="utf-8").read()
        with open(step_path, "w", encoding="utf-8") as f:
            f.write(text.replace("Nous voulons mieux travailler ensemble.", "Nous voulons travailler ensemble (éditeur).", 1))
        ok(wait_for(lambda: driver.find_element(By.ID, "changed").is_displayed(), timeout=3),
           "the page, being typed in, says the files changed instead of reloading")
        driver.find_element(By.ID, "t-1-1-a").find_element(By.XPATH, "following-sibling::button").click()
        ok(wait_for(lambda: driver.find_element(By.ID, "disk")) and
           "(éditeur)" in driver.find_element(By.ID, "disk").text and
           "Ajouté dans la page." in driver.find_element(By.ID, "mine").text,
           "saving over it is refused, with both versions shown", driver.page_source[-1500:])
        after = open(step_path, encoding="utf-8").read()
        ok("(éditeur)" in after and "Ajouté dans la page." not in after, "and the file keeps the editor's version")
        driver.get(url.split("?")[0] + "?step=1")

        # A browser without the session's cookie, or with a wrong token, sees nothing and changes nothing.
        cookies = driver.get_cookies()
        driver.delete_all_cookies()
        driver.get(url.split("?")[0] + "?step=1")
        ok("1.1.a" not in driver.page_source and not driver.find_elements(By.TAG_NAME, "form"),
           "without the cookie: no page", driver.page_source[:500])
        driver.get(url.split("?")[0] + "?token=" + "0" * 32)
        ok("1.1.a" not in driver.page_source and not driver.get_cookies(), "with a wrong token: no page, no cookie")
        for c in cookies:
            driver.add_cookie({k: c[k] for k in ("name", "value", "path") if k in c})
        driver.get(url.split("?")[0] + "?step=1")
        ok(driver.find_elements(By.ID, "q-1-1-a"), "the session's cookie opens the page again")

        Select(driver.find_element(By.ID, "member")).select_by_visible_text("Camille")
        driver.find_element(By.ID, "member").find_element(By.XPATH, "following-sibling::button").click()
        ok(wait_for(lambda: "Camille" in driver.find_element(By.TAG_NAME, "header").text), "the member is picked")
        # The group's page: an action added with its boxes, as grille plan add --who would.
        driver.get(url.split("?")[0] + "group")
        form = driver.find_element(By.XPATH, '//input[@name="op" and @value="action-add"]/..')
        form.find_element(By.NAME, "text").send_keys("Former l'équipe")
        form.find_element(By.CSS_SELECTOR, 'input[name="who"][value="Camille"]').click()
        form.find_element(By.NAME, "for").send_keys("2.1, 1.1.a")
        form.find_element(By.CSS_SELECTOR, 'button[type="submit"]').click()
        plan = os.path.join(ws, "plan.md")
        ok(wait_for(lambda: "| A1 | Former l'équipe | Camille |" in open(plan, encoding="utf-8").read()),
           "the group's page adds an action for the member checked", open(plan, encoding="utf-8").read()[-400:])
        ok(wait_for(lambda: "Former l'équipe" in driver.find_element(By.ID, "plan").text), "and shows it")
        driver.get(url.split("?")[0])
        driver.find_element(By.ID, "milestone-name").send_keys("atelier-navigateur")
        driver.find_element(By.ID, "milestone-name").find_element(By.XPATH, "following-sibling::button").click()
        ok(wait_for(lambda: "atelier-navigateur" in driver.find_element(By.ID, "milestones").text),
           "the milestone shows in the list")
        log = subprocess.run(["git", "log", "-1", "--format=%an%n%D"], cwd=ws, capture_output=True, text=True).stdout
        ok("Camille" in log and "atelier-navigateur" in log, "git log: the milestone, by the member", log)
    finally:
        driver.quit()
        server.stop()
    shutil.rmtree(root)
    done()


main()
