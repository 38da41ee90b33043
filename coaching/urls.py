from django.urls import path

from coaching import views

app_name = "coaching"

urlpatterns = [
    path("", views.session_list, name="list"),
    path("<int:pk>/", views.session_detail, name="session"),
    path("<int:pk>/book/", views.book, name="book"),
    path("my/", views.my_bookings, name="my_bookings"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("bookings/<uuid:uid>/calendar.ics", views.booking_calendar, name="booking_ics"),
    path("expert/", views.expert_home, name="expert_home"),
    path("expert/new/", views.expert_session_new, name="session_new"),
    path("expert/slots/", views.expert_slots_new, name="slots_new"),
    path("expert/sessions/<int:pk>/", views.expert_session, name="expert_session"),
    path("expert/sessions/<int:pk>/edit/", views.expert_session_edit, name="session_edit"),
    path("expert/sessions/<int:pk>/cancel/", views.expert_session_cancel, name="session_cancel"),
    path("expert/bookings/<int:pk>/", views.expert_booking, name="expert_booking"),
    path("participants/<int:user_id>/", views.participant_clinics, name="participant_clinics"),
]
