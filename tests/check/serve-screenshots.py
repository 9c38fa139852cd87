#!/usr/bin/env python3
"""Pictures of grille serve's main views, for a person to look at.

    tests/check/serve-screenshots.py OUT [fr|en]

Builds the sample workspace (sample-workspace.sh) in OUT/ws, serves it with
`grille serve`, and has headless Chromium (python3-selenium, chromium,
chromium-driver) take, in OUT: the page on a wide screen (step 1, step 3,
whole length), on a phone (step 2), item 3.1 presented in large type, the group
(members, plan, calendar, with their forms), after a member is picked, a
choice question's boxes, the review's positions, a question being answered, and the refusal of a save over an answer changed on disk.
GRILLE names the grille to run (default: build/cli/grille beside this script)."""
import os, shutil, signal, subprocess, sys, time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

HERE = os.path.dirname(os.path.abspath(__file__))
GRILLE = os.environ.get("GRILLE", os.path.join(HERE, "..", "..", "build", "cli", "grille"))


def shoot(driver, path, width, whole=False):
    height = driver.execute_script("return document.documentElement.scrollHeight") if whole else 900
    driver.set_window_size(width, min(max(height, 600), 16000))
    time.sleep(0.3)
    driver.save_screenshot(path)
    print(path)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = os.path.abspath(sys.argv[1])
    language = sys.argv[2] if len(sys.argv) > 2 else "fr"
    os.makedirs(out, exist_ok=True)
    ws = os.path.join(out, "ws")
    shutil.rmtree(ws, ignore_errors=True)
    env = dict(os.environ, GRILLE=os.path.abspath(GRILLE))
    subprocess.run([os.path.join(HERE, "sample-workspace.sh"), ws, language], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    server = subprocess.Popen([GRILLE, "serve"], cwd=ws, stdout=subprocess.PIPE, env=env)
    url = server.stdout.readline().decode().strip()
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--user-data-dir=" + os.path.join(out, "chromium")):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        driver.set_window_size(1280, 900)
        driver.get(url)
        shoot(driver, os.path.join(out, "1-step-1.png"), 1280)
        driver.get(url.split("?")[0] + "?step=3")
        shoot(driver, os.path.join(out, "2-step-3-whole.png"), 1280, whole=True)
        driver.get(url.split("?")[0] + "?step=2")
        shoot(driver, os.path.join(out, "3-phone-step-2.png"), 390)
        driver.get(url.split("?")[0] + "present?item=3.1")
        shoot(driver, os.path.join(out, "3b-present-3.1.png"), 1280)
        driver.get(url.split("?")[0] + "group")
        shoot(driver, os.path.join(out, "3c-group.png"), 1280, whole=True)
        driver.get(url.split("?")[0] + "?step=2")
        driver.set_window_size(1280, 900)
        member = driver.find_elements(By.ID, "member")
        if member:
            Select(member[0]).select_by_index(0)
            member[0].find_element(By.XPATH, "following-sibling::button").click()
        shoot(driver, os.path.join(out, "4-member-picked.png"), 1280)
        # A choice question's boxes, and the review's positions with the member's own box.
        choice = driver.find_elements(By.CSS_SELECTOR, 'form[action="/choose"]')
        if choice:
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", choice[0])
            shoot(driver, os.path.join(out, "4b-choice-boxes.png"), 1280)
        driver.get(url.split("?")[0] + "?step=5")
        position = driver.find_elements(By.CSS_SELECTOR, 'form[action="/position"]')
        if position:
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", position[0])
        shoot(driver, os.path.join(out, "4c-positions.png"), 1280)
        driver.get(url.split("?")[0] + "?step=2")
        boxes = [b for b in driver.find_elements(By.TAG_NAME, "textarea") if not b.get_attribute("value")]
        if boxes:
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", boxes[0])
            boxes[0].send_keys("Une réponse tapée en réunion, **en gras**, avec une liste :\n\n- un point\n- un autre")
            boxes[0].send_keys("")
            shoot(driver, os.path.join(out, "5-typing.png"), 1280)
        # A save over an answer changed on disk since the page was loaded.
        answered = [b for b in driver.find_elements(By.TAG_NAME, "textarea") if b.get_attribute("value")]
        if answered:
            box = answered[0]
            old = box.get_attribute("value").strip().splitlines()[0]
            step_file = [f for f in os.listdir(ws) if f.startswith("etape-2") or f.startswith("step-2")][0]
            path = os.path.join(ws, step_file)
            text = open(path, encoding="utf-8").read()
            open(path, "w", encoding="utf-8").write(text.replace(old, old + " (modifié dans l'éditeur)", 1))
            driver.execute_script("arguments[0].value = arguments[0].value + '\\nMa version.'", box)
            box.find_element(By.XPATH, "following-sibling::button").click()
            shoot(driver, os.path.join(out, "6-conflict.png"), 1280, whole=True)
    finally:
        driver.quit()
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)


main()
