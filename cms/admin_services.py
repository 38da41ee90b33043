"""Admin screens over state that only the services change.

One permission policy that refuses the actions a service owns (adding a booking, deleting a
certificate), and one mixin for edit screens that save through a service: the service's
refusal is shown on the form, and nothing changes.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.permission_policies import ModelPermissionPolicy

NO_ADD_OR_DELETE = frozenset({"add", "delete", "copy"})
READ_ONLY = frozenset({"add", "change", "delete", "copy"})


class ServicesOnlyPolicy(ModelPermissionPolicy):
    """Model permissions, less the actions that only a service may perform on this model."""

    def __init__(self, model, *, refused: frozenset[str] | set[str] = NO_ADD_OR_DELETE):
        super().__init__(model)
        self.refused = frozenset(refused)

    def user_has_permission(self, user, action):
        if action in self.refused:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ServiceRefusalMixin:
    """For a Wagtail edit view whose ``save_instance`` calls a service: a ValidationError or
    PermissionDenied from the service becomes an error on the form instead of a 500."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except (ValidationError, PermissionDenied) as error:
            text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            form.add_error(None, text)
            self.produced_error_message = text
            return self.form_invalid(form)
