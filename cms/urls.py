from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_page
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from certificates.urls import verify_patterns
from cms import profile, views
from cms.pwa import views as pwa_views

account_patterns = (
    [
        path("signup/", views.signup, name="signup"),
        path("login/", views.SignInView.as_view(), name="login"),
        path("logout/", views.SignOutView.as_view(), name="logout"),
        path("password/", views.ChangePasswordView.as_view(), name="password_change"),
        path("password/forgot/", views.password_forgot, name="password_forgot"),
        path("password/forgot/code/", views.password_reset_code, name="password_reset_code"),
        path("settings/", views.account_settings, name="settings"),
        path("profile/", profile.profile_details, name="profile_details"),
    ],
    "accounts",
)

# Outside the language prefix: admin, documents, machine-facing endpoints.
urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("language/", views.switch_language, name="switch_language"),
    path("sitemap.xml", sitemap),
    path("jsi18n/", cache_page(3600)(JavaScriptCatalog.as_view()), name="javascript-catalog"),
    path("podcasts/", include("podcasts.urls")),
    path("video/", include("video.urls")),
    path("sw.js", pwa_views.service_worker, name="service_worker"),
]

urlpatterns += i18n_patterns(
    path("", include("cms.urls_i18n")),
    path("accounts/", include(account_patterns)),
    path("learning/", include("learning.urls")),
    path("coaching/", include("coaching.urls")),
    path("certificates/", include("certificates.urls")),
    path("verify/", include(verify_patterns)),
    path("usaha/", include("showcase.urls")),
    path("notifications/", include("notifications.urls")),
    # Wagtail's page route, with the curriculum found from the cache (cms/navigation.py).
    re_path(r"^(?!_util/)((?:[\w\-]+/)*)$", views.serve_page, name="cms_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.MEDIA_URL.startswith("/"):
    # Public media (images, renditions, video ladders) from this site's storage, with HTTP Range
    # and HEAD, in the embedded default and behind gunicorn alike; private media is 404 here.
    from cms.ranges import serve_media

    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns = [re_path(rf"^{media_prefix}(?P<path>.*)$", serve_media), *urlpatterns]

handler404 = "cms.views.page_not_found"
