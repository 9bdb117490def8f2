"""Settings for bench/api_bench.py's gunicorn run: the site's, without the per-token rate limit
(wrk sends thousands of calls a minute with one token)."""

from viecoop.settings import *  # noqa: F403

VIECOOP_API_RATE = "100000000/m"
VIECOOP_API_BULK_RATE = "100000/h"
