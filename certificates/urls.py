from django.urls import path

from certificates import views

app_name = "certificates"

urlpatterns = [
    path("", views.certificate_list, name="list"),
    path("<int:pk>/", views.certificate_detail, name="detail"),
    path("<int:pk>/pdf/", views.certificate_pdf_download, name="pdf"),
    path("cohorts/", views.cohort_certificates, name="cohorts"),
]

verify_patterns = (
    [
        path("", views.verify_form, name="verify_form"),
        path("<str:code>/", views.verify, name="verify"),
    ],
    "verify",
)
