from django.urls import path

from .views import (
    assembly,
    board,
    documents,
    elections,
    governance,
    meeting,
    member,
    notice,
    paper,
    prep,
    results,
)

app_name = "assemblies"
C = "c/<slug:coop_slug>/"
A = C + "assemblees/<int:pk>/"

urlpatterns = [
    path(C + "assemblees/", assembly.assembly_list, name="list"),
    path(C + "assemblees/nouvelle/", prep.assembly_create, name="create"),
    path(A, assembly.assembly_detail, name="detail"),
    # Preparation (staff).
    path(A + "modifier/", prep.assembly_update, name="update"),
    path(A + "supprimer/", prep.assembly_delete, name="delete"),
    path(A + "ordre-du-jour/nouveau/", prep.agenda_item_edit, name="agenda_item_create"),
    path(A + "ordre-du-jour/<int:item_pk>/", prep.agenda_item_edit, name="agenda_item_update"),
    path(
        A + "ordre-du-jour/<int:item_pk>/<slug:action>/",
        prep.agenda_item_action,
        name="agenda_item_action",
    ),
    path(A + "resolutions/nouvelle/", prep.resolution_edit, name="resolution_create"),
    path(A + "resolutions/<int:resolution_pk>/", prep.resolution_edit, name="resolution_update"),
    path(
        A + "resolutions/<int:resolution_pk>/<slug:action>/",
        prep.resolution_action,
        name="resolution_action",
    ),
    path(A + "documents/nouveau/", prep.document_add, name="document_add"),
    path(A + "documents/<int:document_pk>/", prep.document_download, name="document_download"),
    path(
        A + "documents/<int:document_pk>/supprimer/", prep.document_delete, name="document_delete"
    ),
    path(A + "elections/nouvelle/", prep.election_edit, name="election_create"),
    path(A + "elections/<int:election_pk>/", prep.election_edit, name="election_update"),
    path(
        A + "elections/<int:election_pk>/supprimer/", prep.election_delete, name="election_delete"
    ),
    path(
        A + "elections/<int:election_pk>/candidats/nouveau/",
        prep.candidate_add,
        name="candidate_add",
    ),
    path(
        A + "candidats/<int:candidate_pk>/supprimer/",
        prep.candidate_delete,
        name="candidate_delete",
    ),
    path(A + "date-d-enregistrement/", prep.record_date, name="record_date"),
    path(A + "votants/", prep.voters, name="voters"),
    # Notice.
    path(A + "convocation/", notice.notice_send, name="notice"),
    path(A + "travaux/<int:job_pk>/", notice.job, name="job"),
    path(A + "travaux/<int:job_pk>/fichier.pdf", notice.job_file, name="job_file"),
    # Paper forms typed by staff (double entry).
    path(A + "formulaires/", paper.paper_forms, name="paper_forms"),
    path(A + "formulaires/nouveau/<slug:kind>/", paper.paper_form_new, name="paper_form_new"),
    path(A + "formulaires/<int:form_pk>/", paper.paper_form_confirm, name="paper_form_confirm"),
    path(
        A + "formulaires/<int:form_pk>/annuler/", paper.paper_form_cancel, name="paper_form_cancel"
    ),
    # The meeting (staff on a tablet).
    path(A + "ouvrir/", meeting.meeting_open, name="meeting_open"),
    path(A + "accueil/", meeting.checkin, name="checkin"),
    path(A + "accueil/<int:voter_pk>/", meeting.checkin_do, name="checkin_do"),
    path(A + "quorum/", meeting.quorum_board, name="quorum"),
    path(A + "projection/", meeting.projector, name="projector"),
    path(A + "vote-en-salle/<int:resolution_pk>/", meeting.room_vote, name="room_vote"),
    path(A + "ajout-en-seance/", meeting.resolution_add, name="resolution_add"),
    path(
        A + "elections/<int:election_pk>/bulletins-papier/",
        meeting.election_room,
        name="election_room",
    ),
    path(A + "cloturer/", meeting.close, name="close"),
    # Results.
    path(A + "resultats/", results.results, name="results"),
    path(A + "resultats/publier/", results.publish, name="publish"),
    path(A + "proces-verbal.pdf", documents.minutes, name="minutes"),
    path(A + "feuille-de-presence.pdf", documents.attendance_sheet, name="attendance_sheet"),
    # A member's own votes.
    path(A + "voter/", member.vote, name="vote"),
    path(A + "voter/retirer/", member.vote_withdraw, name="vote_withdraw"),
    path(A + "pouvoir/", member.proxy, name="proxy"),
    path(A + "pouvoir/revoquer/", member.proxy_revoke, name="proxy_revoke"),
    path(A + "recu/<str:code>/", member.receipt, name="receipt"),
    path(A + "verifier-un-recu/", member.receipt_check, name="receipt_check"),
    path(A + "elections/<int:election_pk>/voter/", elections.election_vote, name="election_vote"),
    # The board.
    path(C + "conseil/", board.board, name="board"),
    path(C + "conseil/nouveau-mandat/", board.mandate_add, name="mandate_add"),
    path(C + "conseil/<int:mandate_pk>/fin/", board.mandate_close, name="mandate_close"),
    # Governance profile.
    path(C + "gouvernance/", governance.governance, name="governance"),
    path(C + "gouvernance/modifier/", governance.governance_edit, name="governance_edit"),
]
