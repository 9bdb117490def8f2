"""Sample URL arguments for the generic isolation test (tests/core/isolation.py).

The network's only coop page, ``/c/<coop>/referents/``, takes no argument beyond the
coop, so there is nothing to register; the other network pages live under /reseau/ and
/federation/ and are walked by tests/core/test_spaces.py.
"""

SAMPLES: dict = {}
