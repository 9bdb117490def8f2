"""Themes of interest of the network: the charter's seven principles, then practical topics.

A fixed list (not a table): the charter does not change, translations come with the code,
and other apps (training lessons, later the toolbox) tag their content with the same codes.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Theme(models.TextChoices):
    # The seven cooperative principles of the Coop'HLM charter.
    DEMOCRACY = "democracy", _("Democracy")
    SOLIDARITY = "solidarity", _("Solidarity")
    RESPONSIBILITY = "responsibility", _("Responsibility")
    SERVICE = "service", _("Service")
    TRANSPARENCY = "transparency", _("Transparency")
    PROXIMITY = "proximity", _("Proximity")
    DURABILITY = "durability", _("Durability")
    # Practical topics référents work on.
    GENERAL_ASSEMBLIES = "assemblies", _("General assemblies and governance")
    MEMBER_INFORMATION = "information", _("Informing and communicating with members")
    WELCOMING = "welcoming", _("Welcoming new members")
    PARTICIPATION = "participation", _("Residents' participation and projects")
    EVENTS = "events", _("Events and conviviality")
    DIGITAL = "digital", _("Digital tools")
    ECOLOGY = "ecology", _("Ecological transition")
    TRAINING = "training", _("Training members and staff")


PRINCIPLES = (
    Theme.DEMOCRACY,
    Theme.SOLIDARITY,
    Theme.RESPONSIBILITY,
    Theme.SERVICE,
    Theme.TRANSPARENCY,
    Theme.PROXIMITY,
    Theme.DURABILITY,
)


def grouped_theme_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Choices grouped for a <select> or a checkbox list: principles, then practical topics."""
    principles = [(t.value, t.label) for t in PRINCIPLES]
    practical = [(t.value, t.label) for t in Theme if t not in PRINCIPLES]
    return [
        (_("Principles of the Coop'HLM charter"), principles),
        (_("Practical topics"), practical),
    ]
