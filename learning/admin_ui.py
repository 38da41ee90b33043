"""Learning in the Wagtail admin (programme managers): the same services as the front end.

The admin never writes what a service owns. Enrolments and submissions are read-only here
(people join with a code or are enrolled from the cohort's page, which gives them the cohort's
open assignments; a submission changes status only by a review, which the participant is told
about). A new assignment is made by ``services.assignment_create`` for a whole cohort, so it
reaches the cohort's participants; an existing one may have its text, dates and kinds of answer
edited. Rows that others depend on (assignments with their submissions, enrolments, early
openings) are not deleted from the admin.
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from cms.admin_services import READ_ONLY, ServicesOnlyPolicy

from . import services
from .models import Assignment, Cohort, Enrolment, StageOpening, Submission, WorkshopSession

register_permission_policy(Enrolment, ServicesOnlyPolicy(Enrolment, refused=READ_ONLY))
register_permission_policy(Submission, ServicesOnlyPolicy(Submission, refused=READ_ONLY))
register_permission_policy(Assignment, ServicesOnlyPolicy(Assignment, refused={"delete", "copy"}))
register_permission_policy(
    StageOpening, ServicesOnlyPolicy(StageOpening, refused={"add", "delete", "copy"})
)


class AnswerKindsMixin:
    """An assignment accepts at least one kind of answer (as the service requires)."""

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in ("allow_text", "allow_photos", "allow_files")):
            raise ValidationError(
                _("Allow at least one kind of answer: text, photos or files."), code="nothing"
            )
        return cleaned


class AssignmentCreateForm(AnswerKindsMixin, WagtailAdminModelForm):
    cohort = forms.ModelChoiceField(
        queryset=Cohort.objects.order_by("name"),
        label=gettext_lazy("cohort"),
        help_text=gettext_lazy(
            "Everyone in the cohort gets the assignment now, and whoever joins later too."
        ),
    )

    class Meta:
        model = Assignment
        fields = [
            "cohort",
            "title",
            "instructions",
            "lesson",
            "due_at",
            "allow_text",
            "allow_photos",
            "allow_files",
        ]


class AssignmentEditForm(AnswerKindsMixin, WagtailAdminModelForm):
    class Meta:
        model = Assignment
        fields = [
            "title",
            "instructions",
            "lesson",
            "due_at",
            "allow_text",
            "allow_photos",
            "allow_files",
            "closed",
        ]


class AssignmentCreateView(generic.CreateView):
    """Creates through ``services.assignment_create``: recipients, and the "new assignment"
    message to each of them, exactly as from the facilitator's page."""

    def save_instance(self):
        data = self.form.cleaned_data
        return services.assignment_create(
            created_by=self.request.user,
            cohort=data["cohort"],
            title=data["title"],
            instructions=data.get("instructions") or "",
            due_at=data["due_at"],
            lesson=data.get("lesson"),
            allow_text=data.get("allow_text", False),
            allow_photos=data.get("allow_photos", False),
            allow_files=data.get("allow_files", False),
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied:
            form.add_error("cohort", _("You may not give assignments to this cohort."))
        return self.form_invalid(form)


class CohortViewSet(ModelViewSet):
    model = Cohort
    icon = "group"
    menu_label = gettext_lazy("Cohorts")
    list_display = ["name", "district", "start_date", "join_code"]
    list_filter = ["district"]
    search_fields = ["name", "join_code"]
    form_fields = ["name", "district", "start_date", "facilitators", "join_code"]
    inspect_view_enabled = True


class EnrolmentViewSet(ModelViewSet):
    """Read-only: people join with the cohort's code or from the cohort's page."""

    model = Enrolment
    icon = "user"
    menu_label = gettext_lazy("Enrolments")
    list_display = ["participant", "cohort", "via", "created_at"]
    list_filter = ["cohort", "via"]
    form_fields = ["cohort", "participant", "via"]
    inspect_view_enabled = True
    copy_view_enabled = False


class WorkshopSessionViewSet(ModelViewSet):
    model = WorkshopSession
    icon = "date"
    menu_label = gettext_lazy("Workshop sessions")
    list_display = ["title", "cohort", "starts_at", "place"]
    list_filter = ["cohort"]
    form_fields = ["cohort", "stage", "title", "starts_at", "ends_at", "place"]


class AssignmentViewSet(ModelViewSet):
    model = Assignment
    icon = "tasks"
    menu_label = gettext_lazy("Assignments")
    list_display = ["title", "cohort", "due_at", "closed", "created_by"]
    list_filter = ["cohort", "closed"]
    search_fields = ["title"]
    add_view_class = AssignmentCreateView
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return AssignmentEditForm if for_update else AssignmentCreateForm


class SubmissionViewSet(ModelViewSet):
    """Read-only: a submission's status changes only by a review (the review queue)."""

    model = Submission
    icon = "doc-full"
    menu_label = gettext_lazy("Submissions")
    list_display = ["assignment", "participant", "version", "status", "is_late", "submitted_at"]
    list_filter = ["status", "is_late"]
    form_fields = ["status"]
    inspect_view_enabled = True
    copy_view_enabled = False


class StageOpeningViewSet(ModelViewSet):
    """Stages are opened early from the participant's page; here the reason can be edited."""

    model = StageOpening
    icon = "lock-open"
    menu_label = gettext_lazy("Early stage openings")
    list_display = ["participant", "stage", "opened_by", "reason", "created_at"]
    form_fields = ["reason"]
    inspect_view_enabled = True
    copy_view_enabled = False


class LearningViewSetGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Learning")
    menu_icon = "group"
    menu_order = 210
    items = (
        CohortViewSet,
        EnrolmentViewSet,
        WorkshopSessionViewSet,
        AssignmentViewSet,
        SubmissionViewSet,
        StageOpeningViewSet,
    )
