from django.urls import path

from showcase import views

app_name = "showcase"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("<int:pk>/", views.profile_detail, name="businessprofile"),
    path("foto/<int:pk>/", views.photo, name="businessphoto"),
    path("foto/<int:pk>/kecil/", views.photo_thumb, name="businessphoto_thumb"),
    path("saya/", views.my_profiles, name="mine"),
    path("saya/baru/", views.profile_create, name="businessprofile_create"),
    path("saya/<int:pk>/", views.profile_edit, name="businessprofile_edit"),
    path("saya/<int:pk>/foto/", views.photo_add, name="businessprofile_photo"),
    path(
        "saya/<int:pk>/foto/<int:photo_pk>/hapus/",
        views.photo_delete,
        name="businessprofile_photo_delete",
    ),
    path("saya/<int:pk>/izin/", views.licences_update, name="businessprofile_licences"),
    path("saya/<int:pk>/publik/", views.set_public, name="businessprofile_public"),
    path("ahli/izin/", views.licence_list, name="licence_list"),
    path("ahli/izin/<int:pk>/verifikasi/", views.licence_verify, name="licence_verify"),
    path("ekspor.csv", views.export_csv, name="export"),
]
