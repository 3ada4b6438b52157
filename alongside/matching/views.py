from django.contrib import messages
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_POST

from alongside.accounts.access import consent_required, role_required
from alongside.accounts.models import Role
from alongside.matching.coach import coach_notes
from alongside.matching.forms import MentorProfileForm
from alongside.matching.selectors import profile_for, public_profile
from alongside.matching.services import mentor_profile_save

mentor_page = role_required(Role.MENTOR)

_PREVIEW_LABELS = {
    "display_name": "Name",
    "pronouns": "Pronouns",
    "about_me": "About me",
    "lived_experience": "Lived experience",
    "languages": "Languages",
    "meeting_modes": "Ways to meet",
    "region": "Region",
    "availability": "Availability",
    "gender": "Gender",
    "age_range": "Age range",
    "lgbtq2s": "LGBTQ2S+",
    "culture": "Culture",
}


def _preview_rows(shown: dict) -> list[tuple[str, str]]:
    rows = []
    for key, value in shown.items():
        if isinstance(value, list):
            value = ", ".join(value)
        elif value is True:
            value = "Yes"
        rows.append((_PREVIEW_LABELS[key], value or "—"))
    return rows


@mentor_page
@consent_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    """A mentor edits only their own profile: the URL carries no id and none is read."""
    profile = profile_for(request.user)
    form = MentorProfileForm(request.POST or None, initial=MentorProfileForm.initial_from(profile))
    notes = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            profile = mentor_profile_save(mentor=request.user, data=form.cleaned_data)
            notes = coach_notes(profile.about_me)
            messages.success(request, "Your mentor profile is saved.")
        else:
            status = 400
    context = {
        "form": form,
        "profile": profile,
        "notes": notes,
        "preview": _preview_rows(public_profile(profile)) if profile.pk else None,
    }
    return render(request, "matching/profile.html", context, status=status)


@mentor_page
@consent_required
@require_POST
def profile_coach(request):
    """The coach's notes on the "about me" text as it is typed (htmx partial)."""
    notes = coach_notes(request.POST.get("about_me", "")[:1500])
    return render(request, "matching/_coach_notes.html", {"notes": notes})
