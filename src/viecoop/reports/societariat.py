"""The yearly "Sociétariat" survey of the federation, as a campaign template.

Each January the federation asks every coop for its membership figures of the past year.
The questions below follow the survey: members by category and by college, admissions and
departures, capital, general assemblies and turnout, board composition. Where the platform
knows the answer, the question names a pre-fill provider (``reports.prefill``); the
assemblies app registers ``assemblies.held``, ``assemblies.turnout_last``, ``board.seats``
and ``board.user_members`` — until it does, those questions are simply asked.
"""

from __future__ import annotations

from django.utils.translation import gettext as _


def societariat_questions() -> list[dict]:
    from viecoop.members.models import CollegeKind
    from viecoop.members.services import STANDARD_CATEGORIES

    members = _("Members on 31 December")
    questions: list[dict] = [
        {
            "section": members,
            "kind": "number",
            "label": _("Members (associés) in all"),
            "required": True,
            "prefill_key": "members.total",
        }
    ]
    for code, name, _scp, _scic in STANDARD_CATEGORIES:
        questions.append(
            {
                "section": members,
                "kind": "number",
                "label": _("of whom in the category “%(name)s”") % {"name": name},
                "prefill_key": "members.by_category",
                "prefill_param": code,
            }
        )
    for value, label in CollegeKind.choices:
        questions.append(
            {
                "section": _("Members by college"),
                "kind": "number",
                "label": _("Members in a college of kind “%(kind)s”") % {"kind": label},
                "prefill_key": "members.by_college_kind",
                "prefill_param": value,
            }
        )
    movements = _("Admissions and departures during the year")
    questions += [
        {
            "section": movements,
            "kind": "number",
            "label": _("Admissions"),
            "required": True,
            "prefill_key": "members.admissions",
        },
        {
            "section": movements,
            "kind": "number",
            "label": _("Departures"),
            "required": True,
            "prefill_key": "members.departures",
        },
    ]
    capital = _("Share capital on 31 December")
    questions += [
        {
            "section": capital,
            "kind": "number",
            "label": _("Share capital"),
            "unit": "€",
            "required": True,
            "prefill_key": "capital.amount",
        },
        {
            "section": capital,
            "kind": "number",
            "label": _("Number of shares"),
            "prefill_key": "capital.shares",
        },
    ]
    democracy = _("General assemblies and board")
    questions += [
        {
            "section": democracy,
            "kind": "number",
            "label": _("General assemblies held during the year"),
            "required": True,
            "prefill_key": "assemblies.held",
        },
        {
            "section": democracy,
            "kind": "number",
            "label": _("Turnout at the last ordinary general assembly (present or represented)"),
            "unit": "%",
            "prefill_key": "assemblies.turnout_last",
        },
        {
            "section": democracy,
            "kind": "number",
            "label": _("Seats on the board"),
            "prefill_key": "board.seats",
        },
        {
            "section": democracy,
            "kind": "number",
            "label": _("of which held by user-members (tenants, buyers)"),
            "prefill_key": "board.user_members",
        },
        {
            "section": _("Comments"),
            "kind": "text",
            "label": _("Anything the federation should know to read these figures"),
        },
    ]
    return questions
