from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from alongside.accounts.access import fresh_two_step_required, role_required
from alongside.accounts.consent import current_statement
from alongside.accounts.forms import ConsentForm, ProfileForm, RoleChangeForm
from alongside.accounts.models import Role, User
from alongside.accounts.selectors import has_current_consent
from alongside.accounts.services import (
    RoleChangeError,
    consent_accept,
    profile_update,
    role_grant,
    role_revoke,
)
from alongside.accounts.sessions import sessions_of
from alongside.audit.models import Action, Outcome
from alongside.audit.services import audit_record


@role_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
@fresh_two_step_required(allow_get=True)  # a role change needs a fresh authenticator code
def admin_people(request):
    form = RoleChangeForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply_role_change(request, form.cleaned_data)
    ):
        return redirect("admin_people")
    people = User.objects.prefetch_related("role_assignments").order_by("email")[:200]
    return render(request, "accounts/admin_people.html", {"form": form, "people": people})


def _apply_role_change(request, data) -> bool:
    user, role, reason = data["user"], data["role"], data["reason"].strip()
    try:
        if data["action"] == "grant":
            role_grant(user=user, role=role, by=request.user, reason=reason)
        else:
            role_revoke(user=user, role=role, by=request.user, reason=reason)
    except RoleChangeError as exc:
        messages.error(request, str(exc).capitalize() + ".")
        return False
    messages.success(request, f"Roles updated for {user.display_name}.")
    return True


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        profile_update(
            user=request.user,
            display_name=data["display_name"],
            pronouns=data["pronouns"],
            region=data["region"],
            language=data["preferred_language"],
            email_when_messages_wait=data["email_when_messages_wait"],
            time_zone=data["time_zone"],
        )
        messages.success(request, "Your profile is saved.")
        return redirect("profile")
    context = {
        "form": form,
        "sessions": sessions_of(request),
        "session_idle_minutes": settings.SESSION_IDLE_MINUTES,
        "session_max_hours": settings.SESSION_MAX_HOURS,
    }
    return render(request, "accounts/profile.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def consent(request):
    statement = current_statement()
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    form = ConsentForm(request.POST or None, initial={"version": statement.version})
    if request.method == "POST" and form.is_valid():
        try:
            consent_accept(user=request.user, version=form.cleaned_data["version"])
        except ValueError as exc:
            messages.error(request, str(exc).capitalize() + ".")
            return redirect(request.get_full_path())
        messages.success(request, "Thank you. Your acceptance is recorded.")
        return redirect(next_url or "home")
    context = {
        "statement": statement,
        "form": form,
        "next": next_url,
        "accepted": has_current_consent(request.user),
    }
    return render(request, "accounts/consent.html", context)


def rate_limited(request):
    """allauth's answer when a page is asked for too often (429); the refusal is audited."""
    match = getattr(request, "resolver_match", None)
    audit_record(
        action=Action.AUTH_RATE_LIMITED,
        outcome=Outcome.DENIED,
        target_type="page",
        target_id=(match.url_name or "") if match else "",
    )
    return render(request, "429.html", status=429)
