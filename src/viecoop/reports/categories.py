"""Plain choices of the reports: statuses, categories of difficulties and needs, urgency."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    STOPPED = "stopped", _("Stopped")


class ConcernKind(models.TextChoices):
    DIFFICULTY = "difficulty", _("Difficulty")
    NEED = "need", _("Need")


class ConcernCategory(models.TextChoices):
    PARTICIPATION = "participation", _("Members' participation")
    GOVERNANCE = "governance", _("Board and governance")
    COMMUNICATION = "communication", _("Communication")
    MEANS = "means", _("Time and means")
    LEGAL = "legal", _("Legal questions")
    DIGITAL = "digital", _("Digital tools")
    FUNDING = "funding", _("Funding")
    RESIDENTS = "residents", _("Relations with residents")
    TRAINING = "training", _("Training")
    TOOLS = "tools", _("Tools and templates")
    SUPPORT = "support", _("Advice and support")
    NETWORKING = "networking", _("Exchanges with other coops")
    OTHER = "other", _("Other")


# Which categories make sense for which kind (a need for "training", a difficulty of
# "participation"…); the forms offer only these, the service checks them.
CATEGORIES_BY_KIND = {
    ConcernKind.DIFFICULTY: (
        ConcernCategory.PARTICIPATION,
        ConcernCategory.GOVERNANCE,
        ConcernCategory.COMMUNICATION,
        ConcernCategory.MEANS,
        ConcernCategory.LEGAL,
        ConcernCategory.DIGITAL,
        ConcernCategory.FUNDING,
        ConcernCategory.RESIDENTS,
        ConcernCategory.OTHER,
    ),
    ConcernKind.NEED: (
        ConcernCategory.TRAINING,
        ConcernCategory.TOOLS,
        ConcernCategory.SUPPORT,
        ConcernCategory.FUNDING,
        ConcernCategory.NETWORKING,
        ConcernCategory.COMMUNICATION,
        ConcernCategory.DIGITAL,
        ConcernCategory.LEGAL,
        ConcernCategory.OTHER,
    ),
}


class Urgency(models.TextChoices):
    LOW = "low", _("Can wait")
    MEDIUM = "medium", _("Within a few months")
    HIGH = "high", _("Urgent")
