#!/usr/bin/env python3
"""grille serve, timed over HTTP (issue 15, item 7):

    tests/bench/serve.py GRILLE WORKSPACE

Starts `GRILLE serve` in WORKSPACE (whose step 3 has question 3.1.a), then times 20 loads of
the page of step 3 and 20 saves of an answer to 3.1.a (each after a load, as a browser does),
and measures the server's CPU time (/proc) while 20 clients poll /changes once a second for
10 s with nothing changing. Changes WORKSPACE: use a scratch copy."""
import http.client, os, re, statistics, subprocess, sys, threading, time, urllib.parse
if len(sys.argv) != 3:
    sys.exit(__doc__)
G = sys.argv[1]; ws = sys.argv[2]
env = dict(os.environ, GIT_AUTHOR_NAME="B", GIT_AUTHOR_EMAIL="b@x", GIT_COMMITTER_NAME="B", GIT_COMMITTER_EMAIL="b@x")
p = subprocess.Popen([G, "serve"], cwd=ws, stdout=subprocess.PIPE, env=env)
url = p.stdout.readline().decode().strip()
u = urllib.parse.urlsplit(url); host, port = u.hostname, u.port
def req(method, path, body=None, cookie=None):
    c = http.client.HTTPConnection(host, port); h = {"Host": u.netloc}
    if cookie: h["Cookie"] = cookie
    if body is not None: h["Content-Type"] = "application/x-www-form-urlencoded"
    c.request(method, path, body, h); r = c.getresponse(); d = r.read(); c.close(); return r, d.decode()
r, _ = req("GET", "/?" + u.query); cookie = r.getheader("Set-Cookie").split(";")[0]
def cpu():
    f = open(f"/proc/{p.pid}/stat").read().split(")")[1].split(); return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
loads = []
for i in range(20):
    t = time.perf_counter(); r, page = req("GET", "/?step=3", cookie=cookie); loads.append(time.perf_counter() - t)
csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
saves = []
for i in range(20):
    r, page = req("GET", "/?step=3", cookie=cookie)
    h = re.search(r'name="id" value="3.1.a"><input type="hidden" name="hash" value="([0-9a-f]+)"', page).group(1)
    body = urllib.parse.urlencode({"csrf": csrf, "id": "3.1.a", "hash": h, "step": "3", "text": f"Réponse {i}"})
    t = time.perf_counter(); r, _ = req("POST", "/answer", body, cookie=cookie); saves.append(time.perf_counter() - t)
    assert r.status == 303, r.status
r, v = req("GET", "/changes", cookie=cookie); v = v.split()[0]
stop = time.monotonic() + 10
def poller():
    while time.monotonic() < stop:
        req("GET", "/changes?since=" + v, cookie=cookie); time.sleep(1)
c0 = cpu(); t0 = time.monotonic()
th = [threading.Thread(target=poller) for _ in range(20)]
[t.start() for t in th]; [t.join() for t in th]
c1 = cpu(); t1 = time.monotonic()
print(f"page load (step 3) median {statistics.median(loads)*1000:.1f} ms, max {max(loads)*1000:.1f} ms")
print(f"answer save median {statistics.median(saves)*1000:.1f} ms, max {max(saves)*1000:.1f} ms")
print(f"20 pollers at 1 Hz for {t1-t0:.1f} s: server CPU {c1-c0:.2f} s = {100*(c1-c0)/(t1-t0):.2f} % of a core")
p.send_signal(2); p.wait()
