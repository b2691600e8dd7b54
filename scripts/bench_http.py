#!/usr/bin/env python3
"""`./run bench-http`: the request path of a real `tafel serve`, driven by wrk on loopback.

Seeds the demo city into a fresh database (a SQLite file in a temporary directory, or the
empty PostgreSQL database given with --database), starts `tafel serve` on a free port,
signs in through the real API (password, then the TOTP code of the demo's police
organisation admin), issues an API token through the real API, and drives wrk at:

  healthz   GET /healthz                          the ceiling: no session, no database
  page      GET /tables                           a signed-in page (session cookie)
  api_read  GET /api/v1/organisations             an API read (bearer token)
  decision  POST /api/v1/decisions                "May I share this?" (bearer token)
  write     PUT /api/v1/contact-points/{id}       an API write (bearer token)

Prints req/s, p50 and p99 for each, and each one's share of the ceiling; with --json one
JSON object with the keys above, each with rps, p50_ms, p99_ms and non2xx.
The wrk request and report script is bench/http/wrk.lua.
"""

import argparse
import base64
import hashlib
import hmac
import http.client
import json
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LUA = os.path.join(ROOT, "bench", "http", "wrk.lua")
LOGIN = "beheer@politie.nethegem.example"  # organisation admin: may ask decisions and edit contact points
SCENARIOS = ["healthz", "page", "api_read", "decision", "write"]


def log(text):
    print("==> " + text, file=sys.stderr, flush=True)


def totp(secret_base32, at=None):
    key = base64.b32decode(secret_base32.replace(" ", "").upper() + "=" * (-len(secret_base32) % 8))
    counter = int((at or time.time()) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000
    return "%06d" % code


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    def __init__(self, port):
        self.port = port
        self.cookie = ""

    def call(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        h = {"Host": "127.0.0.1:%d" % self.port}
        if self.cookie:
            h["Cookie"] = self.cookie
        if body is not None:
            h["Content-Type"] = "application/json"
        h.update(headers or {})
        conn.request(method, path, None if body is None else json.dumps(body), h)
        r = conn.getresponse()
        data = r.read()
        for name, value in r.getheaders():
            if name.lower() == "set-cookie" and "Max-Age=0" not in value:
                self.cookie = value.split(";", 1)[0]
        conn.close()
        text = data.decode("utf-8", "replace")
        try:
            parsed = json.loads(text) if text else None
        except ValueError:
            parsed = None
        return r.status, parsed, text

    def must(self, method, path, body=None, headers=None, expect=(200, 201)):
        status, parsed, text = self.call(method, path, body, headers)
        if status not in expect:
            sys.exit("bench-http: %s %s answered %d: %s" % (method, path, status, text[:300]))
        return parsed


def wait_healthy(port, server, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if server.poll() is not None:
            sys.exit("bench-http: tafel serve exited with %d (see its log)" % server.returncode)
        try:
            status, _, _ = Client(port).call("GET", "/healthz")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    sys.exit("bench-http: tafel serve did not answer /healthz within %d s" % seconds)


def run_wrk(args, port, path, method="GET", body=None, headers=None):
    env = dict(os.environ)
    env["TAFEL_BENCH_METHOD"] = method
    env["TAFEL_BENCH_BODY"] = "" if body is None else json.dumps(body)
    env["TAFEL_BENCH_HEADERS"] = "\n".join("%s: %s" % kv for kv in (headers or {}).items())
    cmd = ["wrk", "-t%d" % args.wrk_threads, "-c%d" % args.connections, "-d%ds" % args.seconds,
           "--latency", "--timeout", "10s", "-s", LUA, "http://127.0.0.1:%d%s" % (port, path)]
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
    lines = [l for l in out.splitlines() if l.startswith("{")]
    if not lines:
        sys.exit("bench-http: no report from wrk:\n" + out)
    return json.loads(lines[-1])


def main():
    p = argparse.ArgumentParser(prog="./run bench-http", description=__doc__.split("\n")[0])
    p.add_argument("--json", action="store_true", help="one JSON object on stdout")
    p.add_argument("--seconds", type=int, default=10, help="seconds per scenario (default 10)")
    p.add_argument("--database", default="", help="an EMPTY postgresql:// database (default: a fresh SQLite file)")
    p.add_argument("--binary", default=os.path.join(ROOT, "build", "release", "tafel"))
    p.add_argument("--connections", type=int, default=32, help="wrk connections (default 32)")
    p.add_argument("--wrk-threads", type=int, default=2, help="wrk threads (default 2)")
    p.add_argument("--server-threads", type=int, default=0, help="tafel serve --threads (default: its own)")
    p.add_argument("--only", default="", help="comma-separated scenarios to run (default all)")
    p.add_argument("--keep", action="store_true", help="keep the temporary directory (database, server log)")
    p.add_argument("--perf", default="", help="record the server with perf (call graphs) during each scenario, "
                   "into PREFIX-<scenario>.data")
    args = p.parse_args()
    only = [s for s in args.only.split(",") if s] or SCENARIOS

    work = tempfile.mkdtemp(prefix="tafel-bench-http.")
    database = args.database or os.path.join(work, "bench.sqlite")
    keys = os.path.join(work, "keys")
    common = ["--database", database, "--keys-dir", keys]
    server = None
    try:
        log("Seeding the demo city into " + ("the given database" if args.database else database))
        seeded = subprocess.run([args.binary, "demo"] + common, check=True, capture_output=True, text=True).stdout
        m = re.search(re.escape(LOGIN) + r"\s*\n\s*password:\s*(\S+)\s*\n\s*TOTP:\s*(\S+)", seeded)
        if not m:
            sys.exit("bench-http: the demo did not print the login " + LOGIN)
        password, secret = m.group(1), m.group(2)

        port = free_port()
        serve = [args.binary, "serve"] + common + ["--listen", "127.0.0.1:%d" % port, "--demo"]
        if args.server_threads:
            serve += ["--threads", str(args.server_threads)]
        server_log = open(os.path.join(work, "serve.log"), "wb")
        server = subprocess.Popen(serve, stdout=server_log, stderr=subprocess.STDOUT)
        wait_healthy(port, server)
        log("tafel serve on port %d (pid %d)" % (port, server.pid))

        c = Client(port)
        origin = {"Origin": "http://127.0.0.1:%d" % port}
        step = c.must("POST", "/api/v1/session", {"email": LOGIN, "password": password}, origin)
        if step.get("status") == "second_factor_needed":
            step = c.must("POST", "/api/v1/session/second-factor", {"code": totp(secret)},
                          dict(origin, **{"X-CSRF-Token": step["csrf_token"]}))
        if step.get("status") != "complete":
            sys.exit("bench-http: the login did not complete: %r" % step)
        csrf = {"X-CSRF-Token": step["csrf_token"]}
        session_cookie = c.cookie
        token = c.must("POST", "/api/v1/me/tokens",
                       {"name": "bench-http", "scopes": ["directory:read", "directory:write", "decisions:ask"]},
                       csrf)["token"]
        bearer = {"Authorization": "Bearer " + token}

        t = Client(port)
        me = c.must("GET", "/api/v1/me")
        own = me.get("organisation_id") or me.get("user", {}).get("organisation_id")
        orgs = t.must("GET", "/api/v1/organisations", headers=bearer)["organisations"]
        recipient = next(o["id"] for o in orgs if o["id"] != own)
        points = t.must("GET", "/api/v1/contact-points", headers=bearer)["contact_points"]
        point = next(cp for cp in points if cp["organisation"]["id"] == own)
        decision = {"recipient": recipient, "case": "none", "categories": ["identity"], "purpose": "coordination"}
        write = {"office_hours": "ma-vr 8-18 (bench)"}
        t.must("POST", "/api/v1/decisions", decision, bearer)
        t.must("PUT", "/api/v1/contact-points/%d" % point["id"], write, bearer)
        page_status, _, page_text = Client(port).call("GET", "/tables", headers={"Cookie": session_cookie})
        if page_status != 200:
            sys.exit("bench-http: GET /tables with the session answered %d" % page_status)

        plan = {
            "healthz": ("/healthz", "GET", None, {}),
            "page": ("/tables", "GET", None, {"Cookie": session_cookie}),
            "api_read": ("/api/v1/organisations", "GET", None, bearer),
            "decision": ("/api/v1/decisions", "POST", decision, bearer),
            "write": ("/api/v1/contact-points/%d" % point["id"], "PUT", write, bearer),
        }
        results = {}
        load_before = os.getloadavg()
        for name in only:
            path, method, body, headers = plan[name]
            log("wrk %s %s (%d s, %d connections)" % (method, path, args.seconds, args.connections))
            recorder = None
            if args.perf:
                recorder = subprocess.Popen(
                    ["perf", "record", "-q", "-F", "300", "--call-graph", "dwarf,16384", "-p", str(server.pid),
                     "-o", "%s-%s.data" % (args.perf, name), "--", "sleep", str(max(1, args.seconds - 2))],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            results[name] = run_wrk(args, port, path, method, body, headers)
            if recorder is not None:
                recorder.wait()
        load_after = os.getloadavg()
    finally:
        if server is not None and server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        if args.keep:
            log("kept " + work)
        else:
            shutil.rmtree(work, ignore_errors=True)

    ceiling = results.get("healthz", {}).get("rps")
    for r in results.values():
        r["ratio_to_ceiling"] = round(r["rps"] / ceiling, 3) if ceiling else None
    meta = {"database": "postgresql" if args.database else "sqlite", "seconds": args.seconds,
            "connections": args.connections, "wrk_threads": args.wrk_threads, "cpus": os.cpu_count(),
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in load_after]}
    if args.json:
        out = {name: {k: r[k] for k in ("rps", "p50_ms", "p99_ms", "non2xx", "socket_errors", "ratio_to_ceiling")}
               for name, r in results.items()}
        out["run"] = meta
        print(json.dumps(out, indent=2))
        return
    print("%-9s %10s %9s %9s %7s %9s" % ("", "req/s", "p50 ms", "p99 ms", "non2xx", "/ceiling"))
    for name, r in results.items():
        ratio = "%8.1f%%" % (100 * r["ratio_to_ceiling"]) if r["ratio_to_ceiling"] is not None else "        -"
        print("%-9s %10.0f %9.2f %9.2f %7d %s" % (name, r["rps"], r["p50_ms"], r["p99_ms"], r["non2xx"], ratio))
        if r["non2xx"]:
            print("          first non-2xx: " + r["first_non2xx"])
    print("(%s, %d s each, wrk -t%d -c%d, %d CPUs, load average %.2f before, %.2f after)" % (
        meta["database"], args.seconds, args.wrk_threads, args.connections, meta["cpus"], load_before[0],
        load_after[0]))


if __name__ == "__main__":
    main()
