"""Language-prefixed routes of the site shell that are not Wagtail pages."""

from django.urls import path

from cms import disability, views

urlpatterns = [
    path("home/", views.home_redirect, name="home_redirect"),
    path(
        "profile/everyday-activities/",
        disability.disability_questions,
        name="disability_questions",
    ),
]
