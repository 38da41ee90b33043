"""Language-prefixed routes of the notifications app (included at /<lang>/notifications/)."""

from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/open/", views.notification_open, name="open"),
    path("read/", views.mark_read, name="mark_read"),
    path("settings/", views.reminder_settings, name="settings"),
    path("subscriptions/", views.subscribe, name="subscribe"),
    path("subscriptions/off/", views.unsubscribe, name="unsubscribe"),
]
