"""The demo toolbox: about thirty resources written for the demo (fictional, original text).

Each entry: title, themes, format, audiences (r = référents, s = coop staff, m = members),
file kind (pdf, odt, xlsx, png) or a link, summary (Markdown), key points (the body of the
generated file), age in months, and the note of a second version if it has one.
Links point to real public pages (Légifrance, the CNIL, the Coop'HLM federation's site).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoResource:
    title: str
    themes: tuple[str, ...]
    format: str
    audiences: str
    file: str
    summary: str
    points: tuple[str, ...]
    months_ago: int
    new_version: str = ""


RESOURCES: tuple[DemoResource, ...] = (
    DemoResource(
        "Guide de l'assemblée générale participative",
        ("democratie", "assemblees"),
        "guide",
        "rs",
        "pdf",
        "Comment faire de l'assemblée générale un vrai moment d'échange, et pas seulement "
        "une suite de votes ? Ce guide propose un déroulé type, des formats d'animation "
        "(tables rondes, questions écrites, temps convivial) et une liste de contrôle des "
        "obligations légales.\n\n- avant : convocation, ordre du jour lisible, pouvoirs\n"
        "- pendant : accueil, émargement, présentation accessible des comptes\n"
        "- après : procès-verbal, compte rendu aux associés",
        (
            "Envoyer la convocation au moins quinze jours avant la première réunion.",
            "Prévoir un temps de questions des associés avant les votes.",
            "Présenter les comptes avec trois chiffres clés et un schéma simple.",
            "Publier le compte rendu dans le mois qui suit l'assemblée.",
        ),
        20,
        "Mise à jour 2026 : nouveaux formats d'animation et rappel des délais du vote par correspondance.",
    ),
    DemoResource(
        "Modèle de convocation à l'assemblée générale ordinaire",
        ("assemblees", "transparence"),
        "template",
        "s",
        "odt",
        "Un modèle de lettre de convocation à compléter : date, lieu, ordre du jour, "
        "modalités du vote par correspondance et du pouvoir. Les mentions obligatoires "
        "sont signalées entre crochets.",
        (
            "Madame, Monsieur, cher associé, chère associée,",
            "Nous avons le plaisir de vous convier à l'assemblée générale ordinaire de notre coopérative.",
            "Ordre du jour : [à compléter]",
            "Si vous ne pouvez pas être présent, vous pouvez voter par correspondance ou donner pouvoir à un autre associé.",
        ),
        18,
    ),
    DemoResource(
        "Fiche pratique : voter par correspondance ou donner un pouvoir",
        ("democratie", "assemblees"),
        "factsheet",
        "rsm",
        "pdf",
        "Une fiche en langage simple pour expliquer aux associés comment participer aux "
        "décisions même sans venir à l'assemblée : le formulaire de vote par "
        "correspondance, le pouvoir donné à un autre associé, les délais à respecter.",
        (
            "Le formulaire de vote papier doit arriver au plus tard trois jours avant l'assemblée.",
            "Un pouvoir se donne à un autre associé, ou à son conjoint.",
            "Un pouvoir sans nom est un vote pour les résolutions soutenues par le conseil.",
            "On peut retirer son pouvoir jusqu'au jour de l'assemblée.",
        ),
        16,
    ),
    DemoResource(
        "Le livret de l'associé : comprendre sa coopérative",
        ("accueil", "democratie"),
        "guide",
        "rm",
        "pdf",
        "Un livret de huit pages à remettre aux associés : ce qu'est une coopérative "
        "d'HLM, ce que donne une part sociale, comment fonctionnent l'assemblée "
        "générale et le conseil d'administration, et comment s'impliquer.",
        (
            "Une coopérative appartient à ses associés : une personne, une voix.",
            "La part sociale fait de vous un associé ; elle est remboursée à votre départ.",
            "Le conseil d'administration est élu par l'assemblée générale.",
            "Groupes de travail, fêtes, projets : il y a mille façons de participer.",
        ),
        14,
        "Nouvelle version illustrée, en gros caractères pour faciliter la lecture.",
    ),
    DemoResource(
        "Kit d'accueil des nouveaux associés",
        ("accueil", "proximite"),
        "template",
        "rs",
        "odt",
        "Une lettre de bienvenue, une fiche contacts et une invitation à la prochaine "
        "rencontre d'associés, à personnaliser avec le nom de la résidence et du référent.",
        (
            "Bienvenue dans votre coopérative !",
            "Votre référent vie coopérative : [nom, téléphone, e-mail]",
            "Prochaine rencontre des associés : [date et lieu]",
        ),
        12,
    ),
    DemoResource(
        "Affiche « Votre avis compte : venez à l'assemblée générale ! »",
        ("democratie", "communication"),
        "poster",
        "rm",
        "png",
        "Une affiche A3 à imprimer et à poser dans les halls des résidences quelques "
        "semaines avant l'assemblée générale. Un espace libre permet d'écrire la date et le lieu.",
        ("Votre avis compte : venez à l'assemblée générale !", "Date et lieu : ……………"),
        11,
    ),
    DemoResource(
        "Atelier « Qu'est-ce qu'une coopérative HLM ? » — diaporama d'animation",
        ("formation", "democratie"),
        "slides",
        "r",
        "pdf",
        "Un diaporama de quinze minutes pour ouvrir une réunion d'associés ou former "
        "de nouveaux salariés : l'histoire des coopératives d'HLM, les principes "
        "coopératifs, les droits et devoirs des associés. Notes d'animation incluses.",
        (
            "De 1908 à aujourd'hui : un siècle de coopératives d'habitation.",
            "Les sept principes de la charte des Coop'HLM.",
            "Quiz final en cinq questions pour vérifier la compréhension.",
        ),
        10,
    ),
    DemoResource(
        "Grille d'auto-diagnostic de la vie coopérative",
        ("responsabilite", "perennite"),
        "spreadsheet",
        "rs",
        "xlsx",
        "Un tableur pour faire le point, une fois par an, sur la vie coopérative de la "
        "coopérative : participation aux assemblées, renouvellement du conseil, "
        "information des associés, projets menés. Le score par principe aide à choisir "
        "les priorités de l'année.",
        (
            "Participation à la dernière assemblée générale",
            "Part d'associés usagers au conseil d'administration",
            "Nombre d'actions d'information dans l'année",
            "Projets coopératifs menés avec des associés",
        ),
        9,
        "Ajout d'un onglet de comparaison d'une année sur l'autre.",
    ),
    DemoResource(
        "Préparer la relève au conseil d'administration",
        ("gouvernance", "perennite"),
        "guide",
        "rs",
        "pdf",
        "Les conseils manquent souvent de candidats parmi les associés usagers. Ce guide "
        "décrit une démarche sur un an : repérer, informer, former et accompagner les "
        "futurs administrateurs.",
        (
            "Présenter le rôle d'administrateur lors d'une réunion ouverte.",
            "Proposer aux volontaires d'assister à un conseil en observateur.",
            "Organiser une courte formation avant l'élection.",
        ),
        8,
    ),
    DemoResource(
        "Charte du référent vie coopérative",
        ("responsabilite", "gouvernance"),
        "factsheet",
        "r",
        "pdf",
        "Les trois rôles du référent — relais interne, lien avec la fédération, membre "
        "du réseau — et ce que la coopérative s'engage à lui donner : du temps, de "
        "l'information et de la reconnaissance.",
        (
            "Référent interne : interlocuteur des collègues sur les valeurs coopératives.",
            "Trait d'union : il relaie les outils et fait remonter projets, difficultés et besoins.",
            "Membre du réseau : rencontres thématiques et groupes de travail.",
        ),
        24,
    ),
    DemoResource(
        "Organiser la Coopsday dans sa résidence",
        ("animation", "proximite"),
        "checklist",
        "rs",
        "pdf",
        "Une liste de contrôle pour préparer la journée nationale des coopératives dans "
        "une résidence : six semaines avant, deux semaines avant, le jour même et après.",
        (
            "Six semaines avant : choisir l'activité avec quelques associés volontaires.",
            "Deux semaines avant : affiches, invitation, autorisation d'occuper l'espace commun.",
            "Le jour même : un accueil, des boissons, un photographe volontaire.",
            "Après : remercier, partager les photos, faire remonter le projet à la fédération.",
        ),
        7,
    ),
    DemoResource(
        "Modèle de compte rendu de réunion d'habitants",
        ("transparence", "participation"),
        "template",
        "rs",
        "odt",
        "Un modèle court : participants, sujets abordés, décisions, qui fait quoi et pour "
        "quand. À diffuser dans la semaine à tous les habitants de la résidence.",
        (
            "Réunion du : ……… Résidence : ………",
            "Présents : ………",
            "Décisions prises et actions à mener (qui, quoi, pour quand) :",
        ),
        15,
    ),
    DemoResource(
        "Fonds de participation des habitants : guide de démarrage",
        ("participation", "solidarite"),
        "guide",
        "rs",
        "pdf",
        "Inspiré des fonds de participation des habitants, ce guide explique comment une "
        "coopérative peut financer de petits projets portés par les résidents : "
        "enveloppe annuelle, comité mixte, critères simples, versement et bilan.",
        (
            "Une enveloppe annuelle modeste, par résidence ou pour toute la coopérative.",
            "Un comité d'habitants et de salariés qui examine les demandes.",
            "Des critères simples : lien social, ouverture à tous, faisabilité.",
            "Un bilan avec photos, partagé avec tous les associés.",
        ),
        6,
    ),
    DemoResource(
        "Formulaire de demande de micro-projet d'habitants",
        ("participation", "solidarite"),
        "template",
        "rm",
        "odt",
        "Le formulaire à remettre aux habitants qui veulent proposer un projet au fonds "
        "de participation : description, public visé, budget, personnes mobilisées.",
        (
            "Nom du projet : ………",
            "Porteurs du projet (au moins deux habitants) : ………",
            "Budget demandé et autres financements : ………",
        ),
        6,
    ),
    DemoResource(
        "Tableau de suivi des projets coopératifs",
        ("responsabilite", "participation"),
        "spreadsheet",
        "r",
        "xlsx",
        "Un tableau pour suivre les projets de vie coopérative de l'année : porteurs, "
        "étapes, budget, associés touchés. Ses colonnes correspondent aux remontées "
        "demandées par la fédération.",
        ("Projet", "Thème", "Statut", "Associés touchés", "Budget"),
        5,
    ),
    DemoResource(
        "Rédiger une lettre d'information aux associés",
        ("communication", "transparence"),
        "factsheet",
        "rs",
        "pdf",
        "Une lettre d'information trimestrielle garde le lien avec les associés. "
        "Conseils d'écriture, rubriques types et calendrier.",
        (
            "Une page recto verso suffit ; des phrases courtes, un mot du président.",
            "Rubriques : actualités, décisions du conseil, agenda, portrait d'associé.",
            "Une version papier pour ceux qui n'ont pas d'adresse e-mail.",
        ),
        13,
    ),
    DemoResource(
        "Publier les résultats des votes : bonnes pratiques",
        ("transparence", "assemblees"),
        "factsheet",
        "s",
        "pdf",
        "Après l'assemblée, les associés doivent pouvoir connaître les résultats : "
        "quorum, voix pour, contre, abstentions, résolutions adoptées. Exemples de "
        "présentation claire.",
        (
            "Indiquer le quorum atteint et le nombre d'associés présents ou représentés.",
            "Pour chaque résolution : pour, contre, abstentions, adoptée ou non.",
            "Diffuser dans le mois, par affichage et par e-mail.",
        ),
        4,
    ),
    DemoResource(
        "Le RGPD et le registre des associés",
        ("juridique", "responsabilite"),
        "factsheet",
        "s",
        "pdf",
        "Ce que la coopérative peut conserver sur ses associés, combien de temps, et "
        "comment répondre à une demande d'accès ou d'effacement.",
        (
            "Le registre des associés est une obligation légale : il se conserve.",
            "Les coordonnées d'un associé parti s'effacent après la durée de conservation.",
            "Toute personne peut demander une copie de ses données.",
        ),
        19,
    ),
    DemoResource(
        "Loi du 10 septembre 1947 portant statut de la coopération",
        ("juridique", "democratie"),
        "website",
        "rs",
        "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000684004",
        "Le texte fondateur des coopératives en France, sur Légifrance : une personne, "
        "une voix, la double qualité d'associé et d'usager, la gestion démocratique.",
        (),
        22,
    ),
    DemoResource(
        "Recommandation de la CNIL sur le vote par internet",
        ("numerique", "assemblees"),
        "website",
        "s",
        "https://www.cnil.fr",
        "Avant d'ouvrir le vote en ligne à l'assemblée générale : les exigences de la CNIL "
        "(délibération n° 2019-053 du 25 avril 2019 : authentification, secret du vote, "
        "séparation de la liste d'émargement et de l'urne). Cherchez « vote par "
        "correspondance électronique » sur le site de la CNIL.",
        (),
        17,
    ),
    DemoResource(
        "Monter un réseau d'entraide entre voisins",
        ("solidarite", "proximite"),
        "guide",
        "rm",
        "pdf",
        "Courses pour un voisin malade, prêt d'outils, aide aux devoirs : un réseau "
        "d'entraide se monte en quelques réunions. Étapes, exemples et points de vigilance.",
        (
            "Partir de besoins réels exprimés lors d'une réunion de résidence.",
            "Un tableau d'affichage ou une liste de contacts, selon les habitudes.",
            "Veiller à ce que personne ne reste seul : un binôme de voisins référents.",
        ),
        3,
    ),
    DemoResource(
        "Affiche « Repair café dans votre résidence »",
        ("transition", "solidarite"),
        "poster",
        "rm",
        "png",
        "Une affiche pour annoncer un atelier de réparation entre voisins : petits "
        "appareils, vélos, vêtements. Avec un espace pour la date et le lieu.",
        ("Repair café dans votre résidence", "Apportez vos objets en panne : on répare ensemble !"),
        2,
    ),
    DemoResource(
        "Économies d'énergie : animer un défi collectif",
        ("transition", "perennite"),
        "slides",
        "r",
        "pdf",
        "Un défi de trois mois entre résidences pour réduire les consommations d'énergie, "
        "avec des gestes simples, un relevé mensuel et une fête de clôture.",
        (
            "Constituer des équipes par étage ou par résidence.",
            "Relever les compteurs au début, puis chaque mois.",
            "Partager les astuces qui marchent ; fêter les résultats ensemble.",
        ),
        1,
    ),
    DemoResource(
        "Accompagner les associés âgés vers le numérique",
        ("numerique", "service"),
        "guide",
        "rs",
        "pdf",
        "Beaucoup d'associés n'ont pas d'adresse e-mail. Ce guide propose des ateliers "
        "d'initiation, l'activation du compte par un code imprimé sur un courrier et "
        "des solutions pour que personne ne soit exclu des décisions.",
        (
            "Toujours garder une voie papier pour les convocations et les votes.",
            "Proposer l'activation du compte par code, remis en main propre ou par courrier.",
            "Des ateliers en petits groupes, avec des associés volontaires comme tuteurs.",
        ),
        5,
    ),
    DemoResource(
        "Questionnaire de satisfaction des associés",
        ("service", "participation"),
        "template",
        "rs",
        "odt",
        "Une vingtaine de questions sur la qualité du service, l'information reçue et "
        "l'envie de participer, à adapter et à diffuser tous les deux ans.",
        (
            "Êtes-vous satisfait de l'information reçue sur la vie de la coopérative ?",
            "Avez-vous participé à la dernière assemblée générale ? Sinon, pourquoi ?",
            "Aimeriez-vous participer à un groupe de travail ?",
        ),
        10,
    ),
    DemoResource(
        "Le parcours de l'accédant coopérateur",
        ("service", "accueil"),
        "factsheet",
        "sm",
        "pdf",
        "De la première rencontre à la remise des clés, puis dans la vie de la "
        "résidence : les étapes de l'accession à la propriété dans une coopérative "
        "d'HLM, et ce que signifie rester associé.",
        (
            "Le contrat, la sécurisation de l'accession et la garantie de rachat.",
            "La souscription de parts sociales et la voix à l'assemblée générale.",
            "Les rencontres de résidence après l'emménagement.",
        ),
        21,
    ),
    DemoResource(
        "Mémento des chiffres clés du sociétariat",
        ("transparence", "perennite"),
        "spreadsheet",
        "r",
        "xlsx",
        "Un tableur prêt à remplir pour l'enquête « Sociétariat » de janvier : associés "
        "par catégorie et par collège, entrées et sorties, capital. Les formules "
        "calculent les évolutions d'une année sur l'autre.",
        ("Locataires-coopérateurs", "Accédants", "Salariés", "Collectivités"),
        3,
    ),
    DemoResource(
        "Animer une réunion à distance accessible à tous",
        ("numerique", "proximite"),
        "checklist",
        "r",
        "pdf",
        "Pour les rencontres du réseau ou les réunions d'associés en visioconférence : "
        "préparer, accueillir, faire participer, et ne pas oublier ceux qui appellent par téléphone.",
        (
            "Envoyer le lien et un numéro de téléphone la veille.",
            "Commencer par un tour de table court ; donner la parole à ceux qui sont au téléphone.",
            "Un compte rendu écrit pour ceux qui n'ont pas pu se connecter.",
        ),
        9,
    ),
    DemoResource(
        "Le site de la fédération des Coop'HLM",
        ("proximite", "communication"),
        "website",
        "rsm",
        "https://www.hlm.coop",
        "Actualités du mouvement coopératif HLM, chiffres clés et publications de la fédération.",
        (),
        26,
    ),
    DemoResource(
        "Valoriser les bénévoles de la coopérative",
        ("solidarite", "animation"),
        "factsheet",
        "rs",
        "pdf",
        "Les associés bénévoles font vivre la coopérative. Idées simples pour les "
        "remercier et les faire connaître : portrait dans la lettre d'information, "
        "soirée annuelle, attestation de bénévolat.",
        (
            "Un portrait de bénévole dans chaque lettre d'information.",
            "Une soirée de remerciement à la fin de l'année.",
            "Une attestation de bénévolat pour ceux qui la demandent.",
        ),
        0,
    ),
)

ARCHIVED = DemoResource(
    "Guide de l'assemblée générale (édition 2019)",
    ("assemblees",),
    "guide",
    "rs",
    "pdf",
    "Ancienne édition, remplacée par le guide de l'assemblée générale participative.",
    ("Édition archivée : voir le nouveau guide.",),
    40,
)
DRAFT = DemoResource(
    "Kit de communication pour les 80 ans du mouvement (brouillon)",
    ("communication", "perennite"),
    "poster",
    "rsm",
    "png",
    "En préparation : affiches et messages pour l'anniversaire du mouvement coopératif HLM.",
    ("80 ans de coopération HLM", "Brouillon — ne pas diffuser"),
    0,
)
# (proposer persona, title, themes, format, summary, points, decision: "", "reject" or "draft")
PROPOSALS = (
    (
        "gwenaelle.le-goff",
        "Jeu de cartes « Les mots de la coop »",
        ("formation", "democratie"),
        "other",
        "Un jeu de cartes créé avec des associés de Rennes pour apprendre en s'amusant le "
        "vocabulaire de la coopérative : part sociale, collège, quorum, pouvoir…",
        ("Quarante cartes recto verso.", "Se joue à partir de quatre personnes."),
        "",
    ),
    (
        "marc.fontaine",
        "Modèle de bail d'habitation",
        ("juridique",),
        "template",
        "Le modèle de bail utilisé par notre coopérative, proposé pour la boîte à outils.",
        ("Bail type, version 2024.",),
        "reject",
    ),
)
GROUP_PROPOSAL = (
    "Transition écologique dans les résidences",
    "Plan d'action « Éco-gestes en résidence »",
    ("transition", "perennite"),
    "guide",
    "Le livrable du groupe de travail du réseau : douze éco-gestes à promouvoir avec "
    "les associés, un calendrier d'animation sur l'année et des fiches de suivi.",
    ("Douze éco-gestes choisis avec des habitants.", "Un calendrier sur douze mois."),
)
FEEDBACK_COMMENTS = (
    "Très clair, je l'ai utilisé pour préparer notre dernière assemblée.",
    "Utile, mais il faudrait une version plus courte pour les associés.",
    "Les collègues de l'accueil l'ont trouvé pratique.",
    "Nous l'avons adapté à nos résidences, merci !",
    "",
    "Un peu long pour nos petites résidences.",
)
RELAY_NOTES = (
    "Pour préparer l'assemblée de juin : regardez surtout la partie sur l'animation.",
    "Cela peut servir pour l'accueil des nouveaux locataires-coopérateurs.",
    "À imprimer pour les halls des résidences, merci !",
    "",
)
