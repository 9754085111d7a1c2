#!/usr/bin/env python3
"""Kills `empass serve` (SIGKILL) in the middle of a burst of VC-API issuances, restarts it on the
same database, and checks that the crash left no half-issued credential and no leaked status
index; then retries every request with its Idempotency-Key and checks that each yields exactly
one credential with distinct indexes, and that the credentials verify.
Runs on SQLite (a file in a scratch data directory) and, when EMPASS_TEST_POSTGRES_URL is set,
on a fresh PostgreSQL database. Loopback only; bounded in requests and time.
Usage: crash_issuance.py PATH_TO_EMPASS    Prints "crash: N passed, M failed"."""
import http.cookiejar, json, os, re, signal, socket, sqlite3, subprocess, sys, tempfile, threading, time, urllib.error, urllib.parse, urllib.request
from concurrent.futures import ThreadPoolExecutor

EMPASS = sys.argv[1] if len(sys.argv) > 1 else "empass"
REQUESTS = 200
passed = failed = 0

def check(name, ok, detail=""):
    global passed, failed
    if ok: passed += 1; print("ok   " + name)
    else: failed += 1; print("FAIL " + name + (": " + str(detail) if detail else ""))

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close(); return port

UNSIGNED = {"@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
            "type": ["VerifiableCredential", "OpenBadgeCredential"], "name": "Crash test badge",
            "credentialSubject": {"id": "did:example:learner", "type": ["AchievementSubject"],
                                  "achievement": {"id": "https://example.org/a/1", "type": ["Achievement"], "name": "A",
                                                  "description": "d", "criteria": {"narrative": "n"}}}}

class Server:
    def __init__(self, data_dir, database_url, port=None):
        # A restart keeps its port: the public URL (hence the issuer's did:web) must not change.
        self.port = port or free_port(); self.base = "http://127.0.0.1:%d" % self.port
        env = dict(os.environ, EMPASS_DATA_DIR=data_dir, EMPASS_PUBLIC_URL=self.base, EMPASS_COOKIE_SECURE="false",
                   EMPASS_LOG_LEVEL="error", EMPASS_BCRYPT_COST="4")
        env.pop("EMPASS_DATABASE_URL", None)
        if database_url: env["EMPASS_DATABASE_URL"] = database_url
        self.output = []
        self.process = subprocess.Popen([EMPASS, "serve", "--http-port", str(self.port)], env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if urllib.request.urlopen(self.base + "/readyz", timeout=2).status == 200: return
            except Exception: time.sleep(0.2)
        raise RuntimeError("server did not start:\n" + "".join(self.output))
    def _read(self):
        for line in self.process.stdout: self.output.append(line)
    def kill(self):
        self.process.send_signal(signal.SIGKILL); self.process.wait(10)
    def stop(self):
        self.process.terminate()
        try: self.process.wait(15)
        except subprocess.TimeoutExpired: self.kill()

def request(url, body=None, headers=None, opener=None, method=None):
    data = json.dumps(body).encode() if isinstance(body, (dict, list)) else body
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with (opener or urllib.request.build_opener()).open(req, timeout=30) as r: return r.status, r.read()
    except urllib.error.HTTPError as e: return e.code, e.read()

def org_admin_token(server):
    line = next(l for l in server.output if l.strip().startswith("orgAdmin"))
    _, email, password = line.split()
    jar = http.cookiejar.CookieJar(); opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    status, page = request(server.base + "/login", opener=opener)
    csrf = re.search(rb'name="csrf_token" value="([^"]*)"', page).group(1).decode()
    form = urllib.parse.urlencode({"csrf_token": csrf, "email": email, "password": password}).encode()
    request(server.base + "/login", form, {"Content-Type": "application/x-www-form-urlencoded"}, opener)
    status, page = request(server.base + "/account", opener=opener)
    csrf = re.search(rb'name="csrf_token" value="([^"]*)"', page).group(1).decode()
    status, body = request(server.base + "/api/v1/tokens", {"name": "crash"}, {"Content-Type": "application/json", "X-CSRF-Token": csrf}, opener)
    return json.loads(body)["token"]

def issue(server, token, i):
    return request(server.base + "/credentials/issue", {"credential": UNSIGNED},
                   {"Content-Type": "application/json", "Authorization": "Bearer " + token, "Idempotency-Key": "crash-%d" % i})

def run(engine, data_dir, database_url, query):
    print("== %s" % engine)
    server = Server(data_dir, database_url)
    token = org_admin_token(server)
    first = {}
    def fire(i):
        try:
            status, body = issue(server, token, i)
            if status in (200, 201): first[i] = json.loads(body)["verifiableCredential"]
        except Exception: pass   # the server died under this request
    pool = ThreadPoolExecutor(8)
    futures = [pool.submit(fire, i) for i in range(REQUESTS)]
    # Kill once some credentials are through, while others are in flight.
    deadline = time.time() + 30
    while len(first) < REQUESTS // 4 and time.time() < deadline: time.sleep(0.005)
    server.kill()
    for f in futures: f.result()
    pool.shutdown()
    check("%s: killed mid-burst (%d of %d answered before the kill)" % (engine, len(first), REQUESTS), 0 < len(first) < REQUESTS)

    server = Server(data_dir, database_url, server.port)
    try:
        orphans = query("SELECT COUNT(*) FROM status_entries WHERE credential_id NOT IN (SELECT id FROM issued_credentials)")
        check("%s: no leaked status index after the crash" % engine, orphans == 0, orphans)
        partial = query("SELECT COUNT(*) FROM issued_credentials c WHERE (SELECT COUNT(*) FROM status_entries e WHERE e.credential_id = c.id) <> 2")
        check("%s: no half-issued credential (every stored one has both entries)" % engine, partial == 0, partial)
        stored = query("SELECT COUNT(*) FROM issued_credentials")
        check("%s: every answered request was committed" % engine, stored >= len(first), (stored, len(first)))

        retried = {}
        with ThreadPoolExecutor(8) as retry_pool:
            for i, (status, body) in zip(range(REQUESTS), retry_pool.map(lambda i: issue(server, token, i), range(REQUESTS))):
                if status in (200, 201): retried[i] = json.loads(body)["verifiableCredential"]
        check("%s: every retry got a credential" % engine, len(retried) == REQUESTS, len(retried))
        same = all(retried.get(i) == c for i, c in first.items())
        check("%s: retries of answered requests return the same credential" % engine, same)
        check("%s: one credential per request" % engine, query("SELECT COUNT(*) FROM issued_credentials") == REQUESTS)
        distinct = query("SELECT COUNT(*) FROM (SELECT DISTINCT list_id, status_index FROM status_entries) d")
        check("%s: %d distinct status indexes for %d credentials" % (engine, distinct, REQUESTS), distinct == 2 * REQUESTS
              and query("SELECT COUNT(*) FROM status_entries") == 2 * REQUESTS)
        sample = [retried[i] for i in list(retried)[:5]]
        verdicts = [json.loads(request(server.base + "/credentials/verify", {"verifiableCredential": c},
                                       {"Content-Type": "application/json"})[1]).get("verified") for c in sample]
        check("%s: credentials verify after the restart" % engine, verdicts and all(verdicts), verdicts)
    finally:
        server.stop()

def main():
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "sqlite")
        def sqlite_query(sql):
            connection = sqlite3.connect(os.path.join(data, "empass.sqlite"))
            try: return connection.execute(sql).fetchone()[0]
            finally: connection.close()
        try: run("sqlite", data, None, sqlite_query)
        except Exception as e: check("sqlite: run", False, e)

        base = os.environ.get("EMPASS_TEST_POSTGRES_URL")
        if base:
            name = "empass_crash_%d" % os.getpid()
            def psql(url, sql): return subprocess.run(["psql", url, "-tAc", sql], check=True, capture_output=True, text=True).stdout.strip()
            psql(base, "CREATE DATABASE %s" % name)
            url = base.rsplit("/", 1)[0] + "/" + name
            try: run("postgres", os.path.join(tmp, "pg"), url, lambda sql: int(psql(url, sql)))
            except Exception as e: check("postgres: run", False, e)
            finally: psql(base, "DROP DATABASE IF EXISTS %s" % name)
    print("crash: %d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)

if __name__ == "__main__":
    main()
