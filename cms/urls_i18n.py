"""Language-prefixed routes of the site shell that are not Wagtail pages."""

from django.urls import path

from cms import disability, views
from cms.pwa import views as pwa_views

urlpatterns = [
    path("home/", views.home_redirect, name="home_redirect"),
    path(
        "profile/everyday-activities/",
        disability.disability_questions,
        name="disability_questions",
    ),
    # The installable app (cms/pwa): in the person's language.
    path("manifest.webmanifest", pwa_views.manifest, name="pwa_manifest"),
    path("offline/", pwa_views.offline, name="pwa_offline"),
    path("tersimpan/", pwa_views.saved, name="pwa_saved"),
    path("tersimpan/paket/<int:page_id>/", pwa_views.pack, name="pwa_pack"),
]
