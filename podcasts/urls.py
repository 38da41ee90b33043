"""Podcast URLs outside the language prefix: feeds and audio are fetched by machines too."""

from django.urls import path

from podcasts import views

app_name = "podcasts"

urlpatterns = [
    path("<str:slug>/feed.xml", views.podcast_feed, name="feed_default"),
    path("<str:slug>/<str:lang>/feed.xml", views.podcast_feed, name="feed"),
    path(
        "audio/<int:pk>-saver.mp3",
        views.episode_audio,
        {"variant": "saver", "ext": "mp3"},
        name="audio_saver",
    ),
    path("audio/<int:pk>.<str:ext>", views.episode_audio, name="audio"),
    path("episodes/<int:pk>/transcript.txt", views.episode_transcript, name="transcript"),
    path("episodes/<int:pk>/position/", views.episode_position, name="position"),
]
