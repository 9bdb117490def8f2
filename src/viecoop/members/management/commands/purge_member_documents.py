from django.core.management.base import BaseCommand

from viecoop.members.documents.jobs import purge_expired_documents


class Command(BaseCommand):
    help = (
        "Delete the files of register documents past their time (activation letters after 30 "
        "days, legal registers after 7) and of imports finished 30 days ago. Run it daily."
    )

    def handle(self, *args, **options):
        counts = purge_expired_documents()
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts['documents']} document file(s) and {counts['imports']} import file(s) deleted."
            )
        )
