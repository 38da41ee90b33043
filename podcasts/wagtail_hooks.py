"""Admin screens (feed sources with their state and an "import now" button) and hook entries."""

from functools import partial

from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from cms.hooks import BOTTOM_NAV_ITEMS, LOAD_DEMO_DATA, OFFLINE_PACK_ITEMS, NavItem
from cms.pwa.packs import PackItem
from podcasts.models import FeedSource


class FeedSourceIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            MenuItem(
                _("Import now"),
                url=reverse("podcasts_feed_sources:import_now", args=[instance.pk]),
                icon_name="download",
                priority=5,
            )
        )
        return buttons


class FeedSourceEditView(generic.EditView):
    @property
    def header_buttons(self):
        return [
            *super().header_buttons,
            Button(
                _("Import now"),
                url=reverse("podcasts_feed_sources:import_now", args=[self.object.pk]),
                icon_name="download",
                priority=5,
            ),
        ]


class FeedSourceViewSet(ModelViewSet):
    """External feeds imported into our podcasts, with what happened last time."""

    model = FeedSource
    icon = "rss"
    menu_label = gettext_lazy("Feed sources")
    menu_order = 300
    add_to_admin_menu = True
    url_prefix = "podcasts/feed-sources"
    name = "podcasts_feed_sources"
    index_view_class = FeedSourceIndexView
    edit_view_class = FeedSourceEditView
    list_display = ["url", "index", "publish_new", "last_status", "last_fetched_at", "last_error"]
    list_filter = ["last_status", "index"]
    search_fields = ["url"]
    inspect_view_enabled = True
    panels = [
        FieldPanel("url"),
        FieldPanel("index"),
        FieldPanel("publish_new"),
        MultiFieldPanel(
            [
                FieldPanel("last_status", read_only=True),
                FieldPanel("last_fetched_at", read_only=True),
                FieldPanel("last_result", read_only=True),
                FieldPanel("last_error", read_only=True),
                FieldPanel("etag", read_only=True),
                FieldPanel("last_modified", read_only=True),
            ],
            heading=gettext_lazy("State of the last import"),
        ),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("import/<int:pk>/", self.import_now_view, name="import_now"),
        ]

    def import_now_view(self, request, pk):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            messages.error(request, _("You may not import feeds."))
            return redirect("wagtailadmin_home")
        source = get_object_or_404(FeedSource, pk=pk)
        if request.method == "POST":
            from podcasts.tasks import import_feed_source

            transaction.on_commit(partial(import_feed_source.delay, source.pk))
            messages.success(
                request,
                _("Import of %(url)s queued. Reload this page in a minute to see the result.")
                % {"url": source.url},
            )
            return redirect(self.get_url_name("index"))
        return TemplateResponse(
            request,
            "podcasts/admin/import_now.html",
            {"source": source, "index_url": reverse(self.get_url_name("index"))},
        )


feed_source_viewset = FeedSourceViewSet()


@hooks.register("register_admin_viewset")
def register_feed_sources():
    return feed_source_viewset


@hooks.register(LOAD_DEMO_DATA)
def load_podcast_demo(*, stdout=None):
    from podcasts.demo import load_demo_podcast

    load_demo_podcast(stdout=stdout)


@hooks.register("register_report_indicators")
def report_indicators():
    from .indicators import indicators

    return indicators()


@hooks.register(OFFLINE_PACK_ITEMS)
def episode_offline_items(request, page):
    """An episode saved for offline keeps its data-saver audio (the full file if there is none
    yet), also answering for the full file's address, which the player asks for."""
    from podcasts.models import EpisodePage
    from podcasts.selectors import data_saver_for

    if not isinstance(page, EpisodePage):
        return None
    if not (page.live and page.audio_file):
        return []  # external audio cannot be kept: another site's file
    saver = data_saver_for(episode=page)
    if saver is not None:
        url = reverse("podcasts:audio_saver", kwargs={"pk": page.pk})
        return [PackItem(url, saver.size, content_type="audio/mpeg", aliases=[page.audio_src])]
    return [PackItem(page.audio_src, page.audio_size or page.audio_file.size)]


@hooks.register(BOTTOM_NAV_ITEMS)
def nav_items(request):
    """Listening has its place in the phone's navigation: the podcast in the page's language."""
    user = request.user
    if user.is_authenticated and not user.is_participant:
        return []
    from cms import navigation
    from podcasts.selectors import podcast_for_navigation

    def podcast_url():
        podcast = podcast_for_navigation()
        return podcast.get_url(request) if podcast is not None else ""

    # Asked on every page: kept until the next publish, like the curriculum's navigation.
    url = navigation.remembered("podcast-nav-url", podcast_url)
    if not url:
        return []
    # "Podcast" is short enough for six entries on a 360 px screen ("Dengarkan" is not).
    return [NavItem(_("Podcast"), url, icon="headphones", order=30)]
