"""Test case classes shared across the suite."""

from django.test import TestCase


class DemoSiteTestCase(TestCase):
    """A TestCase whose tests share the demo site, loaded once for the class and rolled back."""

    @classmethod
    def setUpTestData(cls):
        from cms.demo import Loader
        from cms.models import HomePage

        Loader().run()
        cls.home = HomePage.objects.get(locale__language_code="id")
