"""Models of the assemblies app, one module per sub-domain."""

from .assembly import AgendaItem, Assembly, AssemblyDocument, Resolution, Voter
from .board import Mandate
from .elections import Candidate, Election, ElectionBallot, ElectionParticipation, PendingBallot
from .jobs import AssemblyJob
from .profile import GovernanceProfile, parse_fraction
from .votes import (
    AdvanceVote,
    Attendance,
    Ballot,
    Channel,
    Choice,
    PaperForm,
    Proxy,
    RoomTally,
)

__all__ = [
    "AdvanceVote",
    "AgendaItem",
    "Assembly",
    "AssemblyDocument",
    "AssemblyJob",
    "Attendance",
    "Ballot",
    "Candidate",
    "Channel",
    "Choice",
    "Election",
    "ElectionBallot",
    "ElectionParticipation",
    "GovernanceProfile",
    "Mandate",
    "PaperForm",
    "PendingBallot",
    "Proxy",
    "Resolution",
    "RoomTally",
    "Voter",
    "parse_fraction",
]
