"""The engine's public interface: what the assemblies app codes against stays importable."""

from __future__ import annotations

import viecoop.assemblies.engine as engine
from viecoop.assemblies.engine import Attendance, GovernanceRules, Tally, quorum, resolution_outcome


def test_every_public_name_is_exported():
    for name in engine.__all__:
        assert hasattr(engine, name), name


def test_defaults_are_valid_and_round_trip_through_json():
    for form in ("scp", "scic"):
        rules = GovernanceRules.default(form)
        assert engine.validate_rules(rules) == []
        assert GovernanceRules.from_dict(rules.to_dict()) == rules


def test_smoke_quorum_and_outcome():
    rules = GovernanceRules.default("scp")
    result = quorum(rules, "ordinary", 1, Attendance(total=1004, present=212))
    assert result.reached
    outcome = resolution_outcome(rules, "ordinary", tallies=[Tally("A", 10, 5)])
    assert outcome.adopted
