"""How coaching plugs into the site shell (cms hooks) and into the Wagtail admin."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.views.generic.models import EditView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.log_actions import log
from wagtail.permissions import register_permission_policy

from cms.admin_services import ServiceRefusalMixin, ServicesOnlyPolicy
from cms.admin_times import ZonedInspectView, zoned_column
from cms.hooks import HomePanel, NavItem
from cms.models import Role, User
from coaching import selectors, services
from coaching.models import Booking, BookingStatus, ClinicSession, Expert, Topic

# --- the home page and the bottom navigation --------------------------------------------------


@hooks.register("participant_home_panels")
def home_panels(request):
    user = request.user
    if not user.is_authenticated:
        return []
    now = timezone.now()
    if user.is_participant:
        bookings = list(
            Booking.objects.filter(
                participant=user,
                status__in=[BookingStatus.CONFIRMED, BookingStatus.WAITLISTED],
                session__ends_at__gt=now,
                session__status="scheduled",
            )
            .select_related("session__topic", "session__expert__user")
            .order_by("session__starts_at")[:3]
        )
        positions = selectors.waitlist_positions(bookings=bookings)
        for booking in bookings:
            booking.position = positions.get(booking.pk)
        return [HomePanel("coaching/panels/next_clinic.html", {"bookings": bookings}, order=30)]
    expert = selectors.expert_of(user=user) if user.is_expert else None
    if expert is not None:
        sessions = list(
            selectors.sessions_of_expert(expert=expert).filter(ends_at__gt=now, status="scheduled")[
                :3
            ]
        )
        return [HomePanel("coaching/panels/expert_next.html", {"sessions": sessions}, order=30)]
    return []


@hooks.register("bottom_nav_items")
def nav_items(request):
    user = request.user
    if not user.is_authenticated:
        return []
    if user.is_participant:
        return [NavItem(_("Clinics"), reverse("coaching:list"), icon="calendar", order=40)]
    if user.is_expert or user.is_manager:
        return [NavItem(_("Clinics"), reverse("coaching:expert_home"), icon="calendar", order=40)]
    return []


# --- demo data --------------------------------------------------------------------------------


@hooks.register("load_demo_data")
def load_coaching_demo(*, stdout=None):
    from coaching.demo import load_demo

    load_demo(stdout=stdout)


# --- the Wagtail admin (programme managers) ---------------------------------------------------


# Sessions and bookings are made and cancelled through the services (capacity, the waitlist,
# telling people), so the admin may look and filter, and edit a few fields through the services
# (``ServiceEditView``).
register_permission_policy(ClinicSession, ServicesOnlyPolicy(ClinicSession))
register_permission_policy(Booking, ServicesOnlyPolicy(Booking))


class ServiceEditView(ServiceRefusalMixin, EditView):
    """An edit screen that saves through a coaching service, so the admin keeps the same rules
    and tells the same people as the expert's screens. A refusal is shown on the form and
    changes nothing."""

    def save_through_service(self, instance, changed: dict):
        raise NotImplementedError

    def save_instance(self):
        form = self.form
        changed = {name: form.cleaned_data[name] for name in form.changed_data}
        if not changed:
            return form.instance
        saved = self.save_through_service(form.instance, changed)
        log(instance=saved, action="wagtail.edit", user=self.request.user)
        return saved


class ClinicSessionEditView(ServiceEditView):
    def save_through_service(self, instance, changed):
        return services.session_update(by=self.request.user, session=instance, **changed)


class BookingEditView(ServiceEditView):
    def save_through_service(self, instance, changed):
        return services.attendance_mark(
            by=self.request.user, booking=instance, attendance=changed["attendance"]
        )


class TopicViewSet(ModelViewSet):
    name = "coaching_topics"
    url_prefix = "coaching/topics"
    model = Topic
    icon = "tag"
    menu_label = gettext_lazy("Clinic topics")
    list_display = ["name", "name_en", "order"]
    search_fields = ["name", "name_en"]
    form_fields = ["name", "name_en", "slug", "description", "order"]


class ExpertViewSet(ModelViewSet):
    name = "coaching_experts"
    url_prefix = "coaching/experts"
    model = Expert
    icon = "user"
    menu_label = gettext_lazy("Experts")
    list_display = ["name", "organisation", "sector", "is_active"]
    list_filter = ["sector", "topics", "is_active"]
    search_fields = ["organisation", "bio"]
    form_fields = ["user", "organisation", "sector", "topics", "bio", "photo", "is_active"]
    inspect_view_enabled = True
    inspect_view_class = ZonedInspectView

    def formfield_for_dbfield(self, db_field, **kwargs):
        # A profile is for someone in the experts group (roles are groups, set on the user).
        if db_field.name == "user":
            kwargs["queryset"] = User.objects.filter(groups__name=Role.EXPERT).order_by("name")
        return super().formfield_for_dbfield(db_field, **kwargs)


class ClinicSessionViewSet(ModelViewSet):
    name = "coaching_sessions"
    url_prefix = "coaching/sessions"
    model = ClinicSession
    icon = "date"
    menu_label = gettext_lazy("Clinic sessions")
    list_display = [
        "__str__",
        "expert",
        "topic",
        zoned_column(ClinicSession, "starts_at"),
        "mode",
        "capacity",
        "confirmed_count",
        "status",
    ]
    list_filter = ["status", "mode", "topic", "expert", "audience", "starts_at"]
    search_fields = ["title", "place"]
    form_fields = ["title", "description"]
    edit_view_class = ClinicSessionEditView
    inspect_view_enabled = True
    inspect_view_class = ZonedInspectView
    copy_view_enabled = False


class BookingViewSet(ModelViewSet):
    name = "coaching_bookings"
    url_prefix = "coaching/bookings"
    model = Booking
    icon = "clipboard-list"
    menu_label = gettext_lazy("Bookings")
    list_display = [
        "participant",
        "session",
        "status",
        "queue_number",
        "attendance",
        zoned_column(Booking, "created_at"),
    ]
    list_filter = ["status", "attendance", "session__topic", "session__expert", "created_at"]
    form_fields = ["attendance"]
    edit_view_class = BookingEditView
    inspect_view_enabled = True
    inspect_view_class = ZonedInspectView
    copy_view_enabled = False


class CoachingViewSetGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Coaching")
    menu_icon = "date"
    menu_order = 220
    items = (ClinicSessionViewSet, BookingViewSet, ExpertViewSet, TopicViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return CoachingViewSetGroup()


@hooks.register("register_report_indicators")
def report_indicators():
    from .indicators import indicators

    return indicators()
