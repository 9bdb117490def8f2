"""Load test of the register pages: gunicorn serving the database of bench/register.py
(200,000 members, a coop of 30,000), wrk sending the manager's session cookie.

For each scenario (first page, searches, filters, a deep page, the ledger), wrk runs for a
fixed time with a few connections, and bench/register_load.lua reports p50 / p95 / p99
latency and the rate. Prints Markdown; docs/benchmarks.md records the figures.

    .venv/bin/python bench/register.py                      # build the database once (SQLite)
    .venv/bin/python bench/register_load.py                 # then load it
    DATABASE_URL=postgres://…/viecoop_register_bench .venv/bin/python bench/register_load.py

Traffic goes to 127.0.0.1 only; each wrk run stops by itself after --duration seconds.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = ROOT / "var" / "bench-register.sqlite3"
LUA = Path(__file__).resolve().parent / "register_load.lua"
RESULT = re.compile(
    r"RESULT p50_ms=(?P<p50>[\d.]+) p95_ms=(?P<p95>[\d.]+) p99_ms=(?P<p99>[\d.]+) "
    r"max_ms=(?P<max>[\d.]+) rps=(?P<rps>[\d.]+) requests=(?P<requests>\d+) errors=(?P<errors>\d+)"
)


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", f"sqlite:///{SQLITE_PATH}")
    env["DJANGO_SETTINGS_MODULE"] = "viecoop.settings"
    env["DJANGO_DEBUG"] = "0"  # as in production: persistent connections, no query log
    env.setdefault("VIECOOP_LOG_LEVEL", "WARNING")
    env["PYTHONPATH"] = str(ROOT / "src")
    return env


def session_cookie(env: dict[str, str]) -> tuple[str, dict]:
    """Log the bench's manager in (a real session in the configured store) and read the data
    the scenarios need, in a child process with the same settings as gunicorn's.
    """
    code = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
from viecoop.accounts.models import User
from viecoop.organizations.models import Coop
client = Client()
client.force_login(User.objects.get(email="gestion@bench.test"))
coop = Coop.objects.get(slug="coop-000")
print(json.dumps({
    "cookie": f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}",
    "college": coop.colleges.get(code="A").pk,
    "members": coop.members.count(),
}))
"""
    import json

    out = subprocess.run(  # noqa: S603 — this interpreter, our own code
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
    ).stdout
    data = json.loads(out.strip().splitlines()[-1])
    return data.pop("cookie"), data


def scenarios(data: dict) -> list[tuple[str, list[str]]]:
    base = "/c/coop-000/associes/"
    searches = ["helene+martin", "lefebvre", "anne", "rivi%C3%A8re+12", "nguyen+40", "da+silva"]
    return [
        ("register, first page", [base]),
        (
            "register, searches (6 names in turn, accents and case folded)",
            [f"{base}?q={q}" for q in searches],
        ),
        (
            "register, admitted + college filter",
            [f"{base}?statut=admitted&college={data['college']}"],
        ),
        ("register, e-mail notices filter (consent)", [f"{base}?convocation=non"]),
        (
            "register, pages 2 to 600 in turn",
            [f"{base}?page={n}" for n in (2, 50, 150, 300, 450, 600)],
        ),
        ("share ledger", ["/c/coop-000/parts/"]),
    ]


def wait_ready(port: int, cookie: str, path: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            check(port, cookie, path)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def check(port: int, cookie: str, path: str) -> None:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 — loopback only
        if response.status != 200 or response.url.rstrip("/").endswith("/login"):
            raise SystemExit(f"{path} answered {response.status} at {response.url}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8102)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--duration", type=int, default=20, help="seconds per scenario")
    args = parser.parse_args()
    wrk = shutil.which("wrk") or "/usr/bin/wrk"
    env = environment()
    cookie, data = session_cookie(env)
    server = subprocess.Popen(  # noqa: S603 — our own gunicorn, on loopback
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "viecoop.wsgi:application",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    rows = []
    try:
        cases = scenarios(data)
        wait_ready(args.port, cookie, cases[0][1][0])
        for label, paths in cases:
            for path in paths:  # every page answers 200 as the manager, warm
                check(args.port, cookie, path)
            run = subprocess.run(  # noqa: S603
                [
                    wrk,
                    "-t2",
                    f"-c{args.connections}",
                    f"-d{args.duration}s",
                    "--latency",
                    "--timeout",
                    "10s",
                    "-s",
                    str(LUA),
                    f"http://127.0.0.1:{args.port}",
                ],
                env={**env, "WRK_PATHS": "|".join(paths), "WRK_COOKIE": cookie},
                capture_output=True,
                text=True,
                timeout=args.duration + 60,
                check=True,
            )
            match = RESULT.search(run.stdout)
            if not match:
                raise SystemExit(run.stdout + run.stderr)
            rows.append((label, match.groupdict()))
            print(f"{label}: {match.groupdict()}", file=sys.stderr)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    with open("/proc/loadavg") as stream:
        load = stream.read().split()[:3]
    vendor = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    print(
        f"\n{vendor} — coop of {data['members']:,} members; gunicorn {args.workers} sync workers; "
        f"wrk 2 threads, {args.connections} connections, {args.duration} s per scenario; "
        f"load average at the end {' '.join(load)}\n"
    )
    print("| scenario | p50 ms | p95 ms | p99 ms | requests/s | errors |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, r in rows:
        print(f"| {label} | {r['p50']} | {r['p95']} | {r['p99']} | {r['rps']} | {r['errors']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
