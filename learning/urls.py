"""The learning app's pages, under /<language>/learning/."""

from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    # participants
    path("join/", views.join, name="join"),
    path("invitations/<int:pk>/", views.invitation, name="invitation"),
    # someone invited who has no password yet: the link or the code, then their own password
    path("invited/", views.invited_code, name="invited_code"),
    path("invited/accept/", views.invited_accept, name="invited_accept"),
    path("invited/<str:token>/", views.invited_link, name="invited_link"),
    path("lessons/<int:page_id>/done/", views.lesson_done, name="lesson_done"),
    path("lessons/<int:page_id>/reflection/", views.reflection_save, name="reflection_save"),
    path("assignments/", views.assignment_list, name="assignments"),
    path("assignments/<int:pk>/", views.assignment_detail, name="assignment"),
    path("files/<int:pk>/", views.submission_file, name="submission_file"),
    path(
        "files/<int:pk>/preview/",
        views.submission_file,
        {"preview": True},
        name="submission_file_preview",
    ),
    # facilitators and managers
    path("cohorts/", views.cohort_list, name="cohorts"),
    path("cohorts/<int:pk>/", views.cohort_dashboard, name="cohort"),
    path("cohorts/<int:pk>/enrol/", views.cohort_enrol, name="cohort_enrol"),
    path("cohorts/<int:pk>/import/", views.cohort_import, name="cohort_import"),
    path("cohorts/<int:pk>/message/", views.cohort_message, name="cohort_message"),
    path("cohorts/<int:pk>/sessions/new/", views.session_create, name="session_create"),
    path("cohorts/<int:pk>/assignments/new/", views.assignment_create, name="assignment_create"),
    path(
        "cohorts/<int:cohort_pk>/participants/<int:pk>/",
        views.participant_detail,
        name="participant",
    ),
    path("invitations/<int:pk>/resend/", views.invitation_resend, name="invitation_resend"),
    path("sessions/<int:pk>/", views.register, name="register"),
    path("sessions/<int:pk>/mark/", views.register_mark, name="register_mark"),
    path("sessions/<int:pk>/everyone/", views.register_everyone, name="register_everyone"),
    path("assignments/<int:pk>/close/", views.assignment_close, name="assignment_close"),
    path("reviews/", views.review_queue, name="review_queue"),
    path("reviews/<int:pk>/", views.review, name="review"),
]
