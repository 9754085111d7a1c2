#!/usr/bin/env python3
"""Load benchmark of the running server on loopback with wrk (Debian's `wrk`): VC-API verify and
issue throughput with p50/p99 latency.
Verification POSTs --distinct different credentials (issued and checked first) round-robin, and
every issuance request carries a different credential, so no cache keyed by the document could
make either look faster (the server keeps none). Starts `empass serve` from the given binary (build it with
`swift build -c release --product empass`) on a scratch SQLite database, or on PostgreSQL with
--postgres URL (a fresh database is created and dropped). Each run is bounded (--seconds).
Usage: issuance_http.py PATH_TO_EMPASS [--seconds 10] [--connections 16] [--distinct 200] [--postgres URL]"""
import argparse, json, os, re, subprocess, sys, tempfile
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "interop"))
parser = argparse.ArgumentParser()
parser.add_argument("empass"); parser.add_argument("--seconds", type=int, default=10)
parser.add_argument("--connections", type=int, default=16); parser.add_argument("--postgres")
parser.add_argument("--distinct", type=int, default=200, help="distinct credentials issued first and verified round-robin")
args = parser.parse_args()
sys.argv = [sys.argv[0], args.empass]
import crash_issuance as support   # Server, org_admin_token, request, UNSIGNED (its checks run only as a script)

def wrk(url, lua):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(lua); script = f.name
    out = subprocess.run(["wrk", "-t1", "-c%d" % args.connections, "-d%ds" % args.seconds, "--latency", "-s", script, url],
                         capture_output=True, text=True, timeout=args.seconds + 60).stdout
    os.unlink(script)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    def pct(p):
        m = re.search(r"^\s+%s%%\s+([\d.]+)(us|ms|s)" % p, out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, pct(50), pct(99), int(errors.group(1)) if errors else 0

def lua_string(text):
    # A Lua long string: JSON never contains the closing bracket sequence used here.
    assert "]=====]" not in text
    return "[=====[" + text + "]=====]"

def lua(bodies, headers, numbered=False):
    """POSTs `bodies` round-robin (each request the next one). With `numbered`, each body is
    split at the marker "@N@" and every request gets its own running number there."""
    lines = ['wrk.method = "POST"']
    lines += ['wrk.headers["%s"] = "%s"' % (k, v) for k, v in headers.items()]
    if numbered:
        lines.append("local parts = {%s}" % ", ".join(lua_string(part) for part in bodies[0].split("@N@")))
        lines.append("local n = 0")
        lines.append("request = function() n = n + 1; return wrk.format(nil, nil, nil, table.concat(parts, tostring(n))) end")
    else:
        lines.append("local bodies = {%s}" % ",\n".join(lua_string(b) for b in bodies))
        lines.append("local requests, i = {}, 0")
        # Formatted once per thread, so the client spends its time sending, not building requests.
        lines.append("init = function(args) for k, b in ipairs(bodies) do requests[k] = wrk.format(nil, nil, nil, b) end end")
        lines.append("request = function() i = i % #requests + 1; return requests[i] end")
    return "\n".join(lines) + "\n"

def unsigned(label):
    """A credential to issue, distinct per label (subject and name)."""
    credential = json.loads(json.dumps(support.UNSIGNED))
    credential["name"] = "Benchmark badge %s" % label
    credential["credentialSubject"]["id"] = "did:example:learner-%s" % label
    return credential

def issue_distinct(server, token, count):
    """`count` different signed credentials, each checked to verify (so the benchmark measures
    successful verifications, not fast failures)."""
    headers = {"Content-Type": "application/json", "Authorization": "Bearer " + token}
    def one(i):
        status, body = support.request(server.base + "/credentials/issue", {"credential": unsigned(i)}, headers)
        assert status == 201, (status, body[:300])
        credential = json.loads(body)["verifiableCredential"]
        status, body = support.request(server.base + "/credentials/verify", {"verifiableCredential": credential},
                                       {"Content-Type": "application/json"})
        assert status == 200 and json.loads(body)["verified"] is True, body[:500]
        return credential
    with ThreadPoolExecutor(4) as pool: credentials = list(pool.map(one, range(count)))
    assert len({c["id"] for c in credentials}) == count
    return credentials

def sql_statements(server):
    """`empass_sql_statements_total` from /metrics: every SQL statement the server has sent."""
    import urllib.request
    text = urllib.request.urlopen(server.base + "/metrics", timeout=10).read().decode()
    return int(re.search(r"^empass_sql_statements_total (\d+)$", text, re.M).group(1))

def requests_served(server, path):
    """2xx/3xx/4xx requests counted by the server's own metrics for a route (all statuses)."""
    import urllib.request
    text = urllib.request.urlopen(server.base + "/metrics", timeout=10).read().decode()
    return sum(float(m.group(1)) for m in re.finditer(
        r'^empass_http_requests_total\{[^}]*route="%s"[^}]*\} (\S+)$' % re.escape(path), text, re.M))

def bench(engine, data_dir, database_url):
    server = support.Server(data_dir, database_url)
    try:
        token = support.org_admin_token(server)
        credentials = issue_distinct(server, token, args.distinct)
        verify = lua([json.dumps({"verifiableCredential": c}, separators=(",", ":")) for c in credentials],
                     {"Content-Type": "application/json"})
        issue = lua([json.dumps({"credential": unsigned("wrk-@N@")}, separators=(",", ":"))],
                    {"Content-Type": "application/json", "Authorization": "Bearer " + token}, numbered=True)
        for name, path, script, distinct in (("verify", "/credentials/verify", verify, "%d distinct credentials round-robin" % len(credentials)),
                                             ("issue", "/credentials/issue", issue, "every request a distinct credential")):
            statements, served = sql_statements(server), requests_served(server, path)
            rps, p50, p99, errors = wrk(server.base + path, script)
            per_request = (sql_statements(server) - statements) / max(1, requests_served(server, path) - served)
            print("%-8s %-7s %8.0f req/s   p50 %7.2f ms   p99 %7.2f ms   non-2xx %d   SQL/req %.2f   (%d connections, %d s, %s)"
                  % (engine, name, rps, p50, p99, errors, per_request, args.connections, args.seconds, distinct), flush=True)
    finally:
        server.stop()

with tempfile.TemporaryDirectory() as tmp:
    bench("sqlite", os.path.join(tmp, "sqlite"), None)
    if args.postgres:
        name = "empass_bench_%d" % os.getpid()
        def psql(url, sql): subprocess.run(["psql", url, "-tAc", sql], check=True, capture_output=True)
        psql(args.postgres, "CREATE DATABASE %s" % name)
        try: bench("postgres", os.path.join(tmp, "pg"), args.postgres.rsplit("/", 1)[0] + "/" + name)
        finally: psql(args.postgres, "DROP DATABASE IF EXISTS %s" % name)
