"""The assemblies rules engine: pure functions, plain data in, plain data out, no database.

Quorum, majority, proxies, postal cut-offs, notices, elections and the recount of a whole
assembly, computed with ``int`` and ``fractions.Fraction`` only, each with a translatable
explanation. Documented in docs/assemblies.md ("Rules engine"). Import from this package:

    from viecoop.assemblies.engine import GovernanceRules, quorum, resolution_outcome, …
"""

from .deadlines import PARIS, Cutoff, FormValidity, check_form, medium_of, postal_cutoff
from .elections import CandidateResult, ElectionResult, election_result
from .notices import NoticeWarning, WarningCode, add_months, check_notice
from .outcome import CollegeOutcome, Outcome, Status, resolution_outcome, tally_ballots
from .participation import (
    Note,
    NoteCode,
    Participation,
    ProxyError,
    board_choice,
    effective_ballots,
    proxies_in_force,
    proxy_cap_error,
)
from .quorum import Attendance, QuorumResult, assembly_quorums, kinds_of, quorum
from .recompute import AssemblyData, AssemblyResult, compare, recompute
from .rules import (
    DEFAULT_COLLEGES,
    BlankProxyPolicy,
    CollegeRule,
    EmptyCollegePolicy,
    GovernanceRules,
    RulesError,
    TieBreak,
    ensure_valid,
    majority_rule_text,
    validate_rules,
)
from .types import (
    AddedChoice,
    AssemblyKind,
    Ballot,
    Candidate,
    Channel,
    Choice,
    Election,
    ElectionBallot,
    LegalForm,
    Medium,
    Notice,
    Presence,
    Proxy,
    Resolution,
    ResolutionKind,
    Tally,
    Vote,
    Voter,
)

__all__ = [
    "DEFAULT_COLLEGES",
    "PARIS",
    "AddedChoice",
    "AssemblyData",
    "AssemblyKind",
    "AssemblyResult",
    "Attendance",
    "Ballot",
    "BlankProxyPolicy",
    "Candidate",
    "CandidateResult",
    "Channel",
    "Choice",
    "CollegeOutcome",
    "CollegeRule",
    "Cutoff",
    "Election",
    "ElectionBallot",
    "ElectionResult",
    "EmptyCollegePolicy",
    "FormValidity",
    "GovernanceRules",
    "LegalForm",
    "Medium",
    "Note",
    "NoteCode",
    "Notice",
    "NoticeWarning",
    "Outcome",
    "Participation",
    "Presence",
    "Proxy",
    "ProxyError",
    "QuorumResult",
    "Resolution",
    "ResolutionKind",
    "RulesError",
    "Status",
    "Tally",
    "TieBreak",
    "Vote",
    "Voter",
    "WarningCode",
    "add_months",
    "assembly_quorums",
    "board_choice",
    "check_form",
    "check_notice",
    "compare",
    "effective_ballots",
    "election_result",
    "ensure_valid",
    "kinds_of",
    "majority_rule_text",
    "medium_of",
    "postal_cutoff",
    "proxies_in_force",
    "proxy_cap_error",
    "quorum",
    "recompute",
    "resolution_outcome",
    "tally_ballots",
    "validate_rules",
]
