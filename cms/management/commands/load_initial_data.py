from django.conf import settings
from django.core.management.base import BaseCommand
from wagtail import hooks

from cms.demo import Loader
from cms.hooks import LOAD_DEMO_DATA


class Command(BaseCommand):
    help = (
        "Load the demo programme (both languages), demo users and each app's demo data. "
        "Running it again changes nothing."
    )

    def handle(self, *args, **options):
        created = Loader(stdout=self.stdout).run()
        for fn in hooks.get_hooks(LOAD_DEMO_DATA):
            fn(stdout=self.stdout)
        if created:
            summary = ", ".join(f"{count} {kind}" for kind, count in sorted(created.items()))
            languages = [str(name) for _code, name in settings.LANGUAGES]
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo content loaded in {len(languages)} languages"
                    f" ({', '.join(languages)}): {summary}."
                )
            )
        else:
            self.stdout.write("Demo content already loaded; nothing changed.")
