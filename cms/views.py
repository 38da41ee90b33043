"""Account views and the language switch. Views parse input, call one operation and render."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy, translate_url
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from cms import sign_in, throttle
from cms.forms import (
    AccountSettingsForm,
    MobileAuthenticationForm,
    PasswordForgotForm,
    PasswordResetCodeForm,
    SignUpForm,
)
from cms.hooks import collect_sign_in_links, run_after_signup_hooks
from cms.models import Role, User
from cms.passwords import ChangePasswordForm
from cms.phone import display_mobile
from cms.profile import profile_needs_asking, profile_url
from cms.redirects import safe_next

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def _set_language_cookie(response: HttpResponse, language: str) -> HttpResponse:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE or 365 * 24 * 3600,
        samesite="Lax",
    )
    return response


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("/")
    context, status = {}, 200
    if request.method == "POST":
        form = SignUpForm(request.POST)
        mobile = throttle.mobile_key(request.POST.get("mobile", ""))
        if throttle.attempt(request, "signup", mobile=mobile):
            # Refused unchecked; what was typed stays (but not the passwords).
            typed = {k: v for k, v in request.POST.items() if not k.startswith("password")}
            form = SignUpForm(initial=typed)
            context["too_many_tries"] = throttle.TOO_MANY_TRIES
            status = throttle.STATUS
        elif form.is_valid():
            user = _signup_save(request, form)
            if user is not None:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(
                    request, _("Welcome, %(name)s! Your account is ready.") % {"name": user.name}
                )
                target = translate_url(reverse("home_redirect"), user.preferred_language)
                return _set_language_cookie(redirect(target), user.preferred_language)
    else:
        form = SignUpForm(initial={"preferred_language": request.LANGUAGE_CODE})
    return render(request, "cms/signup.html", {"form": form, **context}, status=status)


def _signup_save(request: HttpRequest, form: SignUpForm) -> User | None:
    """Create the account, or None with a form error when the number was taken meanwhile.

    Two sign-ups with one number at once (a double tap on a slow link) both pass the form's
    check; the unique index then decides, and the second one is told plainly.
    """
    try:
        with transaction.atomic():
            user = form.save()
            user.groups.add(Group.objects.get(name=Role.PARTICIPANT))
            run_after_signup_hooks(request, user, form)
    except IntegrityError:
        if not User.objects.filter(mobile=form.cleaned_data["mobile"]).exists():
            raise
        form.add_error("mobile", SignUpForm.duplicate_mobile_error())
        return None
    return user


class SignInView(auth_views.LoginView):
    template_name = "cms/login.html"
    authentication_form = MobileAuthenticationForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        # Failed sign-ins are counted per number and per address; once a limit is reached even
        # the right password is refused until the window has passed.
        mobile = throttle.mobile_key(request.POST.get("username", ""))
        if throttle.is_blocked(request, "signin", mobile=mobile):
            form = self.get_form_class()(request)  # unbound: checking it would try the password
            context = self.get_context_data(form=form, too_many_tries=throttle.TOO_MANY_TRIES)
            return self.render_to_response(context, status=throttle.STATUS)
        response = super().post(request, *args, **kwargs)
        if response.status_code == 200:  # the form came back: the number or password was wrong
            throttle.count(request, "signin", mobile=mobile)
        return response

    def form_valid(self, form):
        response = super().form_valid(form)
        language = form.get_user().preferred_language
        if language in LANGUAGE_CODES:
            target = translate_url(response.url, language)
            if target == "/":
                target = f"/{language}/"
            response = HttpResponseRedirect(target)
            _set_language_cookie(response, language)
        if profile_needs_asking(user=form.get_user()):
            # Someone a facilitator enrolled without their sex, age or district: asked once.
            url = profile_url(response.url)
            if language in LANGUAGE_CODES:
                url = translate_url(url, language)
            cookies = response.cookies
            response = HttpResponseRedirect(url)
            response.cookies = cookies
        return response

    def get_redirect_url(self):
        return safe_next(self.request, "")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sign_in_links"] = collect_sign_in_links(self.request)
        return context


class SignOutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]

    def post(self, request, *args, **kwargs):
        # The phone forgets the pages it kept for this person: the browser's HTTP cache by this
        # header; the service worker's caches when it sees this form sent (cms/pwa/worker.js).
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache"'
        return response


class ChangePasswordView(auth_views.PasswordChangeView):
    template_name = "cms/password_change.html"
    form_class = ChangePasswordForm  # our words, not Django's stock ones
    success_url = reverse_lazy("accounts:settings")

    def post(self, request, *args, **kwargs):
        # The old password can be guessed here too (on a phone left signed in).
        if throttle.is_blocked(request, "password", user=request.user):
            context = self.get_context_data(too_many_tries=throttle.TOO_MANY_TRIES)
            return self.render_to_response(context, status=throttle.STATUS)
        response = super().post(request, *args, **kwargs)
        if response.status_code == 200:
            throttle.count(request, "password", user=request.user)
        return response

    def form_valid(self, form):
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


@login_required
def account_settings(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = AccountSettingsForm(request.POST, instance=request.user)
        if form.is_valid():
            user = form.save()
            messages.success(request, _("Your settings have been saved."))
            target = translate_url(reverse("accounts:settings"), user.preferred_language)
            return _set_language_cookie(redirect(target), user.preferred_language)
    else:
        form = AccountSettingsForm(instance=request.user)
    return render(request, "cms/account_settings.html", {"form": form})


@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    """Switch to another language and stay on the same page (its translation)."""
    language = request.POST.get("language", "")
    if language not in LANGUAGE_CODES:
        return redirect(safe_next(request))
    response = redirect(safe_next(request))
    if request.user.is_authenticated and request.user.preferred_language != language:
        request.user.preferred_language = language
        request.user.save(update_fields=["preferred_language"])
    return _set_language_cookie(response, language)


def home_redirect(request: HttpRequest) -> HttpResponse:
    """The home page in the current language (a named URL for code that needs one)."""
    return redirect(f"/{request.LANGUAGE_CODE}/")


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


# --- "Lupa kata sandi?": a code to the phone, then a new password (cms.sign_in) ---------------

RESET_SESSION_KEY = "password_reset_mobile"


@never_cache
def password_forgot(request: HttpRequest) -> HttpResponse:
    """Ask for a code. Every number gets the same answer (see ``cms.sign_in``)."""
    if request.user.is_authenticated:
        return redirect("accounts:password_change")
    form = PasswordForgotForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if throttle.attempt(request, "reset"):
            form.add_error(None, throttle.TOO_MANY_TRIES)
            status = throttle.STATUS
        else:
            mobile = form.cleaned_data["mobile"]
            sign_in.sign_in_code_request(mobile=mobile)
            request.session[RESET_SESSION_KEY] = mobile
            return redirect("accounts:password_reset_code")
    return render(request, "cms/password_forgot.html", {"form": form}, status=status)


@never_cache
def password_reset_code(request: HttpRequest) -> HttpResponse:
    """Type the code and a new password; then the person is signed in."""
    mobile = request.session.get(RESET_SESSION_KEY)
    if not isinstance(mobile, str) or not mobile:
        return redirect("accounts:password_forgot")
    form = PasswordResetCodeForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if throttle.attempt(request, "resetcode", mobile=mobile):
            form.add_error(None, throttle.TOO_MANY_TRIES)
            status = throttle.STATUS
        else:
            try:
                user = sign_in.password_reset_with_code(
                    mobile=mobile,
                    code=form.cleaned_data["code"],
                    password=form.cleaned_data["new_password1"],
                )
            except ValidationError as error:
                form.add_error("code", error)
            else:
                request.session.pop(RESET_SESSION_KEY, None)
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(request, _("Your new password is saved. You are signed in."))
                target = translate_url(reverse("home_redirect"), user.preferred_language)
                return _set_language_cookie(redirect(target), user.preferred_language)
    return render(
        request,
        "cms/password_reset_code.html",
        {"form": form, "mobile": display_mobile(mobile)},
        status=status,
    )


def serve_page(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's page view, with curriculum pages found from the cached route table (one
    query for the page) instead of a walk down the tree (two queries a level). Wagtail's
    hooks (view restrictions, ``before_serve_page``) still run; any other path is Wagtail's."""
    from wagtail.views import serve

    from cms import navigation

    found = navigation.resolve(request, path)
    if found is not None:
        request._wagtail_site, request._wagtail_route_for_request = found
    return serve(request, path)
