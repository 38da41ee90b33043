from django.core.management.base import BaseCommand, CommandError

from reports.fielddata import SEED_ENROLLED, field_data_generate


class Command(BaseCommand):
    help = (
        "Generate a realistic programme for testing reports: participants in four districts "
        "(the seeds' 254 men and 557 women of 811, 809 of them trained), cohorts, progress, "
        "workshop attendance, assignments and coaching clinics. Not for a live site."
    )

    def add_arguments(self, parser):
        parser.add_argument("--participants", type=int, default=SEED_ENROLLED)
        parser.add_argument("--seed", type=int, default=809)

    def handle(self, *args, participants, seed, **options):
        if not 1 <= participants <= 200_000:
            raise CommandError("--participants must be between 1 and 200000.")
        try:
            counts = field_data_generate(participants=participants, seed=seed)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts.participants} participants ({counts.men} men, {counts.women} women), "
                f"{counts.trained} trained, {counts.cohorts} cohorts, {counts.clinics} clinics."
            )
        )
