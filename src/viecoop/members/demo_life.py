"""The register's life in the demo: consents and preferences, a coop's own category and a
retired one, a new consent text, a change of college, activation letters. Runs after
``demo.build_registers`` (registered in ``apps.py``).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from .models import Member


def build_register_life(*, log, rng: random.Random, federation, coops) -> None:
    """Consents and preferences, a coop's own category, a retired one, a new consent text,
    a change of college, and activation letters printed for members without e-mail.

    Consents of the past are bulk-loaded like the ledger (thousands of members); the life of
    today goes through the services, so it is audited like real use.
    """
    from datetime import datetime, time

    from django.db import transaction
    from django.utils import timezone

    from viecoop.accounts.models import User
    from viecoop.demo.world import demo_email

    from . import services
    from .documents import jobs
    from .models import Consent, ConsentPurpose, ConsentText, DocumentJob, Topic

    if Consent.objects.filter(coop__in=coops.values()).exists():
        return
    tz = timezone.get_current_timezone()
    for coop in coops.values():
        texts = {t.purpose: t for t in ConsentText.objects.filter(coop=coop, version=1)}
        if not texts:
            services.consent_texts_setup(coop=coop)
            texts = {t.purpose: t for t in ConsentText.objects.filter(coop=coop, version=1)}
        members = list(
            Member.objects.filter(coop=coop, kind=Member.Kind.PERSON, status=Member.Status.ADMITTED)
            .exclude(user__isnull=False)
            .order_by("pk")
        )
        consents, preferences = [], []
        for member in members:
            roll = rng.random()
            when = member.admission_date + timedelta(days=rng.randint(0, 400))
            when = min(when, date(2026, 10, 31))
            if member.email and roll < 0.55:
                # Most members with e-mail agreed online; some signed the paper form.
                paper = roll < 0.12
                consents.append(
                    Consent(
                        coop=coop,
                        member=member,
                        purpose=ConsentPurpose.E_CONVOCATION,
                        given=True,
                        text=texts[ConsentPurpose.E_CONVOCATION],
                        date=when,
                        channel="paper" if paper else "online",
                        note="Formulaire signé, classé au dossier" if paper else "",
                        recorded_at=datetime.combine(when, time(10), tz),
                    )
                )
                member.preferred_channel = "email"
                preferences.append(member)
                if roll < 0.05:  # and a few asked for letters again later
                    later = min(when + timedelta(days=rng.randint(60, 700)), date(2026, 10, 31))
                    consents.append(
                        Consent(
                            coop=coop,
                            member=member,
                            purpose=ConsentPurpose.E_CONVOCATION,
                            given=False,
                            text=texts[ConsentPurpose.E_CONVOCATION],
                            date=later,
                            channel="email",
                            note="Demande par courriel",
                            recorded_at=datetime.combine(later, time(11), tz),
                        )
                    )
            if roll > 0.6:
                consents.append(
                    Consent(
                        coop=coop,
                        member=member,
                        purpose=ConsentPurpose.PHOTOS,
                        given=roll > 0.7,
                        text=texts[ConsentPurpose.PHOTOS],
                        date=when,
                        channel="paper",
                        note="Fiche de la fête des voisins" if roll > 0.9 else "",
                        recorded_at=datetime.combine(when, time(15), tz),
                    )
                )
            if member.email and 0.3 < roll < 0.5:
                consents.append(
                    Consent(
                        coop=coop,
                        member=member,
                        purpose=ConsentPurpose.NEWS,
                        given=True,
                        text=texts[ConsentPurpose.NEWS],
                        date=when,
                        channel="online",
                        recorded_at=datetime.combine(when, time(9), tz),
                    )
                )
            if roll > 0.85:
                member.topics = [Topic.ASSEMBLIES, Topic.RESIDENCE]
                preferences.append(member)
        Consent.objects.bulk_create(consents, batch_size=1000)
        Member.objects.bulk_update(
            set(preferences), ["preferred_channel", "topics"], batch_size=500
        )
        log(f"  consents of {coop.name}: {len(consents)} lines")

    with transaction.atomic():
        # The member persona manages her own choices online.
        jeanne = Member.objects.filter(user__email=demo_email("jeanne.riviere")).first()
        if jeanne is not None:
            services.member_update_preferences(
                actor=jeanne.user,
                member=jeanne,
                preferred_channel="email",
                topics=[Topic.NEWS, Topic.ASSEMBLIES, Topic.EVENTS],
            )
            for purpose, given in (
                (ConsentPurpose.E_CONVOCATION, True),
                (ConsentPurpose.NEWS, True),
                (ConsentPurpose.PHOTOS, False),
            ):
                services.consent_record(
                    actor=jeanne.user, member=jeanne, purpose=purpose, given=given, channel="online"
                )

    bretagne = coops.get("coop-habitat-bretagne")
    rhone = coops.get("toits-solidaires-rhone")
    occitanie = coops.get("habitat-cooperatif-occitanie")
    if bretagne is not None:
        manager = User.objects.filter(coop_roles__coop=bretagne, coop_roles__role="manager").first()
        # A coop's own category, given to a few members; a new wording of a consent text.
        own = services.category_create(
            actor=manager,
            coop=bretagne,
            name="Habitant bénévole",
            default_college=bretagne.colleges.get(code="usagers"),
        )
        Member.objects.filter(
            pk__in=Member.objects.filter(coop=bretagne, category__code="locataire-cooperateur")
            .order_by("pk")
            .values_list("pk", flat=True)[:12]
        ).update(category=own)
        services.consent_text_publish(
            actor=manager,
            coop=bretagne,
            purpose=ConsentPurpose.PHOTOS,
            title="Photos et vidéos",
            body=(
                "J'autorise Coop Habitat Bretagne à utiliser, sans contrepartie, les photos et "
                "vidéos où j'apparais, prises lors de ses événements, dans son journal, sur son "
                "site internet et ses réseaux sociaux, pour une durée de cinq ans.\n\n"
                "Je peux retirer mon accord à tout moment ; les publications à venir en "
                "tiendront compte."
            ),
        )
        # Activation letters printed for members without e-mail.
        ids = list(
            jobs.letter_candidates(coop=bretagne)
            .filter(jobs.HAS_POSTAL_ADDRESS)
            .values_list("pk", flat=True)[:12]
        )
        if ids and not DocumentJob.objects.filter(coop=bretagne).exists():
            job = jobs.letters_job_create(
                actor=manager, coop=bretagne, member_ids=ids, description=f"{len(ids)} courriers"
            )
            log(f"  {job.pages} activation letters for {bretagne.name}")
    if occitanie is not None:
        manager = User.objects.filter(
            coop_roles__coop=occitanie, coop_roles__role="manager"
        ).first()
        acquereur = occitanie.member_categories.get(code="acquereur")
        services.category_update(
            actor=manager,
            category=acquereur,
            name=acquereur.name,
            default_college=acquereur.default_college,
            is_active=False,
        )
    if rhone is not None:
        manager = User.objects.filter(coop_roles__coop=rhone, coop_roles__role="manager").first()
        # A tenant who became an investor's representative: moved from A to B in 2025.
        member = (
            Member.objects.filter(coop=rhone, status=Member.Status.ADMITTED, college__code="A")
            .exclude(user__isnull=False)
            .order_by("pk")
            .first()
        )
        if member is not None:
            services.member_update(
                actor=manager,
                member=member,
                category=rhone.member_categories.get(code="autre-investisseur"),
                college=rhone.colleges.get(code="B"),
                college_since=date(2025, 6, 1),
            )
