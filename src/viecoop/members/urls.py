from django.urls import path

from . import federation_views, own_views, settings_views, views

app_name = "members"
C = "c/<slug:coop_slug>/"

urlpatterns = [
    # Coop staff: the register and the ledger.
    path(C + "associes/", views.member_list, name="member_list"),
    path(C + "associes/nouveau/", views.member_create, name="member_create"),
    path(C + "associes/droits-de-vote/", views.voting_rights, name="voting_rights"),
    path(C + "associes/registre/", views.legal_register, name="legal_register"),
    path(C + "associes/<int:pk>/", views.member_detail, name="member_detail"),
    path(C + "associes/<int:pk>/modifier/", views.member_update, name="member_update"),
    path(C + "associes/<int:pk>/admission/", views.member_admit, name="member_admit"),
    path(C + "associes/<int:pk>/sortie/", views.member_leave, name="member_leave"),
    path(C + "associes/<int:pk>/inviter/", views.member_invite, name="member_invite"),
    path(C + "associes/<int:pk>/consentement/", views.member_consent, name="member_consent"),
    path(
        C + "associes/<int:pk>/attestation.pdf", views.member_certificate, name="member_certificate"
    ),
    path(C + "parts/", views.ledger, name="ledger"),
    # The register's settings (managers).
    path(C + "associes/reglages/", settings_views.register_settings, name="register_settings"),
    path(C + "associes/reglages/categories/", settings_views.category_list, name="category_list"),
    path(
        C + "associes/reglages/categories/<int:pk>/",
        settings_views.category_update,
        name="category_update",
    ),
    path(
        C + "associes/reglages/categories/<int:pk>/deplacer/",
        settings_views.category_move,
        name="category_move",
    ),
    path(
        C + "associes/reglages/categories/<int:pk>/supprimer/",
        settings_views.category_delete,
        name="category_delete",
    ),
    path(C + "associes/reglages/colleges/", settings_views.colleges, name="colleges"),
    path(
        C + "associes/reglages/consentements/", settings_views.consent_texts, name="consent_texts"
    ),
    path(
        C + "associes/reglages/consentements/<slug:purpose>/",
        settings_views.consent_text_publish,
        name="consent_text_publish",
    ),
    path(C + "parts/nouvelle-operation/", views.operation_create, name="operation_create"),
    # A member's own space.
    path(C + "mes-parts/", own_views.my_membership, name="my_membership"),
    path(C + "mes-parts/coordonnees/", own_views.my_details, name="my_details"),
    path(C + "mes-parts/preferences/", own_views.my_preferences, name="my_preferences"),
    path(C + "mes-parts/attestation.pdf", own_views.my_certificate, name="my_certificate"),
    path(C + "mes-parts/demande-de-sortie/", own_views.my_exit_request, name="my_exit_request"),
    # The federation: counts only.
    path(
        "federation/societariat/", federation_views.membership_overview, name="federation_overview"
    ),
    path(
        "federation/societariat/<slug:coop_slug>/",
        federation_views.membership_coop,
        name="federation_coop",
    ),
]
