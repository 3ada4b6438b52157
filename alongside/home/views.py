"""Each role's home page, composed from the selectors of the apps below; no rules live here."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from alongside.accounts.access import consent_required, role_required
from alongside.accounts.models import Role
from alongside.accounts.selectors import has_totp, home_roles, people_by_role
from alongside.conversations.selectors import with_unread
from alongside.home.next_step import coordinator_next_step, mentor_next_step, peer_next_step
from alongside.intake.selectors import has_intake
from alongside.matching.selectors import incoming_count, peer_overview, profile_for
from alongside.partnerships.meetings import upcoming_meetings_of
from alongside.partnerships.selectors import partnerships_as_mentor, partnerships_as_peer
from alongside.safety.selectors import unacknowledged_urgent
from alongside.training.selectors import pathway

_HOME_URLS = {
    Role.PEER: "peer_home",
    Role.MENTOR: "mentor_home",
    Role.COORDINATOR: "coordinator_home",
    Role.ADMIN: "admin_people",
}


@login_required
def home(request):
    """Send each person to the home of their first role."""
    roles = home_roles(request.user)
    if not roles:
        return render(request, "home/no_role.html")
    return redirect(_HOME_URLS[roles[0]])


@role_required(Role.PEER)
@consent_required
def peer_home(request):
    overview = peer_overview(request.user)
    intake_saved = has_intake(request.user)
    context = {
        "has_totp": has_totp(request.user),
        "intake_saved": intake_saved,
        "partnerships": with_unread(partnerships_as_peer(request.user), request.user),
        "upcoming_meetings": upcoming_meetings_of(request.user),
        "next_step": peer_next_step(
            intake_saved=intake_saved,
            pending_request=overview["pending_request"],
            current_partnership=overview["current_partnership"],
        ),
        **overview,
    }
    return render(request, "home/peer_home.html", context)


@role_required(Role.MENTOR)
@consent_required
def mentor_home(request):
    steps = pathway(request.user)
    profile_complete = profile_for(request.user).is_complete
    waiting = incoming_count(request.user)
    partnerships = with_unread(partnerships_as_mentor(request.user), request.user)
    context = {
        "has_totp": has_totp(request.user),
        "steps": steps,
        "profile_complete": profile_complete,
        "incoming_count": waiting,
        "partnerships": partnerships,
        "next_step": mentor_next_step(
            steps=steps,
            profile_complete=profile_complete,
            incoming_count=waiting,
            partnerships=[p for p, _unread in partnerships],
        ),
        "upcoming_meetings": upcoming_meetings_of(request.user),
    }
    return render(request, "home/mentor_home.html", context)


@role_required(Role.COORDINATOR)
def coordinator_home(request):
    context = {
        "counts": people_by_role(),
        "next_step": coordinator_next_step(urgent_waiting=unacknowledged_urgent().count()),
    }
    return render(request, "home/coordinator_home.html", context)
