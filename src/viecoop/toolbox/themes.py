"""Themes shared by the toolbox and the reports: the charter's seven principles, then practical topics.

Codes are stored; labels are translated. The seven principles come from the federation's
charter of Coop'HLM (product brief); the practical topics are the everyday subjects of
référents. Both apps (``toolbox`` resources, ``reports`` projects and needs) use this list so
that the federation can read tools and reports side by side, theme by theme.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Theme(models.TextChoices):
    # The seven principles of the Coop'HLM charter.
    DEMOCRACY = "democratie", _("Democracy")
    SOLIDARITY = "solidarite", _("Solidarity")
    RESPONSIBILITY = "responsabilite", _("Responsibility")
    SERVICE = "service", _("Service")
    TRANSPARENCY = "transparence", _("Transparency")
    PROXIMITY = "proximite", _("Proximity")
    DURABILITY = "perennite", _("Durability")
    # Practical topics.
    ASSEMBLIES = "assemblees", _("General assemblies and votes")
    GOVERNANCE = "gouvernance", _("Board and governance")
    WELCOME = "accueil", _("Welcoming new members")
    COMMUNICATION = "communication", _("Communication and information")
    EVENTS = "animation", _("Events and community life")
    PARTICIPATION = "participation", _("Residents' participation")
    LEGAL = "juridique", _("Cooperative law")
    DIGITAL = "numerique", _("Digital tools")
    TRAINING = "formation", _("Training")
    ENVIRONMENT = "transition", _("Ecological transition")


PRINCIPLES: tuple[str, ...] = (
    Theme.DEMOCRACY,
    Theme.SOLIDARITY,
    Theme.RESPONSIBILITY,
    Theme.SERVICE,
    Theme.TRANSPARENCY,
    Theme.PROXIMITY,
    Theme.DURABILITY,
)


def theme_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """Choices grouped for a ``<select>``/checkbox list: principles first, then topics."""
    principles = [(value, label) for value, label in Theme.choices if value in PRINCIPLES]
    topics = [(value, label) for value, label in Theme.choices if value not in PRINCIPLES]
    return [
        (str(_("Principles of the Coop'HLM charter")), principles),
        (str(_("Practical topics")), topics),
    ]
