#!/usr/bin/env python3
"""Load benchmark of the running server on loopback with wrk (Debian's `wrk`): VC-API verify and
issue throughput with p50/p99 latency. Starts `empass serve` from the given binary (build it with
`swift build -c release --product empass`) on a scratch SQLite database, or on PostgreSQL with
--postgres URL (a fresh database is created and dropped). Each run is bounded (--seconds).
Usage: issuance_http.py PATH_TO_EMPASS [--seconds 10] [--connections 16] [--postgres URL]"""
import argparse, json, os, re, subprocess, sys, tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "interop"))
parser = argparse.ArgumentParser()
parser.add_argument("empass"); parser.add_argument("--seconds", type=int, default=10)
parser.add_argument("--connections", type=int, default=16); parser.add_argument("--postgres")
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

def lua(body, headers):
    lines = ['wrk.method = "POST"', "wrk.body = %s" % json.dumps(body)]
    lines += ['wrk.headers["%s"] = "%s"' % (k, v) for k, v in headers.items()]
    return "\n".join(lines) + "\n"

def bench(engine, data_dir, database_url):
    server = support.Server(data_dir, database_url)
    try:
        token = support.org_admin_token(server)
        status, body = support.request(server.base + "/credentials/issue", {"credential": support.UNSIGNED},
                                       {"Content-Type": "application/json", "Authorization": "Bearer " + token})
        credential = json.loads(body)["verifiableCredential"]
        verify = lua(json.dumps({"verifiableCredential": credential}), {"Content-Type": "application/json"})
        issue = lua(json.dumps({"credential": support.UNSIGNED}), {"Content-Type": "application/json", "Authorization": "Bearer " + token})
        for name, path, script in (("verify", "/credentials/verify", verify), ("issue", "/credentials/issue", issue)):
            rps, p50, p99, errors = wrk(server.base + path, script)
            print("%-8s %-7s %8.0f req/s   p50 %7.2f ms   p99 %7.2f ms   non-2xx %d   (%d connections, %d s)"
                  % (engine, name, rps, p50, p99, errors, args.connections, args.seconds))
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
