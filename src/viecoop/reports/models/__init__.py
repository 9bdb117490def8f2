"""The reports (remontées) of the coops, the federation's campaigns, the barometer's snapshots."""

from .barometer import DistributionSnapshot, IndicatorSnapshot
from .campaigns import Answer, Campaign, CampaignResponse, Question, ReminderLog
from .remontees import Concern, Project, ProjectPhoto

__all__ = [
    "Answer",
    "Campaign",
    "CampaignResponse",
    "Concern",
    "DistributionSnapshot",
    "IndicatorSnapshot",
    "Project",
    "ProjectPhoto",
    "Question",
    "ReminderLog",
]
