from django.urls import path

from video import views

app_name = "video_player"

urlpatterns = [
    path("data-saver/", views.data_saver, name="data_saver"),
]
