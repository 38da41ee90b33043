"""The Wagtail admin's user screens for our user model."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from cms.forms import MobileField
from cms.models import DISTRICT_TIME_ZONES, User
from cms.models.users import STAFF_ROLES

PERSON_FIELDS = [
    "mobile",
    "name",
    "email",
    "sex",
    "age_band",
    "district",
    "migrant_status",
    "preferred_language",
    "time_zone",
]


class _PersonFieldsMixin(forms.ModelForm):
    first_name = None
    last_name = None
    mobile = MobileField()
    email = forms.EmailField(label=_("Email"), required=False)

    def save(self, commit=True):
        user = super().save(commit=False)
        if "district" in self.changed_data and "time_zone" not in self.changed_data:
            user.time_zone = DISTRICT_TIME_ZONES.get(user.district, user.time_zone)
        # is_staff mirrors the role groups (User.is_staff_member): a facilitator, expert or
        # programme manager made here is staff; someone taken out of those groups is not.
        groups = self.cleaned_data.get("groups")
        if groups is not None:
            user.is_staff = bool(
                user.is_superuser or any(group.name in STAFF_ROLES for group in groups)
            )
        if commit:
            user.save()
            self.save_m2m()
        return user


class PersonCreationForm(_PersonFieldsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = [*PERSON_FIELDS, "is_superuser", "groups"]


class PersonEditForm(_PersonFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        model = User
        fields = [*PERSON_FIELDS, "is_active", "is_superuser", "groups"]


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return PersonEditForm if for_update else PersonCreationForm
