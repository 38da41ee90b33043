"""``manage.py vapid_keys``: generate a VAPID key pair for web push."""

from django.core.management.base import BaseCommand

from notifications.channels.webpush import generate_vapid_keys


class Command(BaseCommand):
    help = "Generate a VAPID key pair; put the lines it prints in the environment."

    def handle(self, *args, **options):
        private, public = generate_vapid_keys()
        self.stdout.write(f"WEBPUSH_VAPID_PRIVATE_KEY={private}")
        self.stdout.write(f"WEBPUSH_VAPID_PUBLIC_KEY={public}")
        self.stdout.write("WEBPUSH_CONTACT=mailto:you@example.org")
