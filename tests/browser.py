"""What the tests of grille serve in headless Chromium share: the skip when
Chromium is absent, Debian's selenium, grille run and checked for sanitizer
reports, waiting for the page, and a browser of their own. Import it first:
it may skip the whole test (TAP) or re-run it under Debian's python3."""
import atexit, os, shutil, signal, subprocess, sys, time

if not (shutil.which("chromium") and shutil.which("chromedriver")):
    print("1..0 # SKIP chromium or chromium-driver is not installed")
    sys.exit(0)
try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
except ImportError:
    # Debian's python3-selenium belongs to Debian's python3: run under it.
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    raise

import sanitizers  # sanitizers exit 86 in the children, told apart from grille's 1 and 2
from tap import ok

GRILLE = os.environ["GRILLE"]
ENV = dict(os.environ, LANGUAGE="fr", LC_ALL="C.UTF-8", GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="t@example.org",
           GIT_COMMITTER_NAME="Test", GIT_COMMITTER_EMAIL="t@example.org")


def grille(*args, cwd, stdin=None, env=None):
    """Run grille; one TAP check that it succeeded without a sanitizer report."""
    r = subprocess.run([GRILLE, *args], cwd=cwd, capture_output=True, input=stdin, env=env or ENV)
    bad = sanitizers.problem(r.returncode, r.stderr)
    ok(bad is None and r.returncode == 0, f"grille {' '.join(args)}", r.stderr.decode(errors="replace")[-2000:])
    return r


def wait_for(what, timeout=10.0):
    """Whether `what()` turns true (exceptions count as not yet) within `timeout` seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if what():
                return True
        except Exception:
            pass
        time.sleep(0.1)
    return False


def chromium(root):
    """Headless Chromium with its profile under `root`."""
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1000,900",
                "--user-data-dir=" + os.path.join(root, "chromium")):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)


class Server:
    """`grille serve ARGS` in `ws`, its error output kept under `root`: `url` is the
    address it printed. A crash of the test leaves no server behind."""

    def __init__(self, root, ws, *args, env=None):
        self.err = open(os.path.join(root, "serve.err"), "w+b")
        self.proc = subprocess.Popen([GRILLE, "serve", *args], cwd=ws, stdout=subprocess.PIPE, stderr=self.err,
                                     env=env or ENV)
        atexit.register(lambda: self.proc.poll() is None and self.proc.kill())
        self.url = self.proc.stdout.readline().decode().strip()

    def stop(self):
        """Ctrl-C; one TAP check that it exited 0 without a sanitizer report."""
        self.proc.send_signal(signal.SIGINT)
        rc = self.proc.wait(timeout=30)
        self.err.seek(0)
        text = self.err.read().decode(errors="replace")
        ok(rc == 0 and sanitizers.problem(rc, text) is None, "the server stops cleanly", text[-3000:])
