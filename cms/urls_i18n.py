"""Language-prefixed routes of the site shell that are not Wagtail pages."""

from django.urls import path

from cms import views

urlpatterns = [
    path("home/", views.home_redirect, name="home_redirect"),
]
