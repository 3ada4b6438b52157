import re

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from alongside.accounts.consent import current_statement
from alongside.accounts.models import User
from alongside.matching.selectors import matchable_mentors
from alongside.training.content import curriculum
from tests.conftest import sign_in
from tests.training.helpers import correct_answers

SIGNUP = {
    "email": "river@example.org",
    "password1": "a long and private passphrase",
    "password2": "a long and private passphrase",
    "display_name": "River",
    "applying_as": "mentor",
}


@pytest.mark.django_db
def test_an_applicant_goes_from_sign_up_to_matchable(client, login, coordinator):
    client.post("/accounts/signup/", SIGNUP)
    river = User.objects.get(email="river@example.org")
    EmailAddress.objects.filter(user=river).update(verified=True)
    client.force_login(river)
    assert client.get("/mentor/").url.startswith("/me/consent/")
    client.post("/me/consent/", {"version": current_statement().version, "accept": "on"})

    for module in curriculum().modules:
        client.post(f"/mentor/training/{module.slug}/")
        page = client.get(f"/mentor/training/{module.slug}/check/").content.decode()
        token = re.search(r'name="token" value="([^"]+)"', page).group(1)
        answers = {f"q-{k}": v for k, v in correct_answers(module).items()}
        client.post(f"/mentor/training/{module.slug}/check/",
                    {"version": module.version, "token": token, **answers})  # fmt: skip
    assert "2 of 2 modules passed" in client.get("/mentor/training/").content.decode()

    answers = {p.id: "My honest answer" for p in curriculum().prompts}
    client.post("/mentor/reflection/", {**answers, "submit": ""})
    client.post("/mentor/code/", {"version": curriculum().code.version, "typed_name": "River"})
    client.post("/mentor/profile/", {
        "about_me": "I found my way back to enjoying meals with friends.",
        "lived_experience": ["anorexia"], "languages": ["en", "fr"],
        "meeting_modes": ["chat"], "availability": ["tue-evening"], "caseload_cap": "1",
    })  # fmt: skip
    assert "Submit my application" in client.get("/mentor/").content.decode()
    client.post("/mentor/application/submit/")
    assert river not in matchable_mentors()

    staff = Client()
    sign_in(staff, coordinator)
    queue = staff.get("/coordinator/applicants/").content.decode()
    assert "River" in queue and "2/2" in queue
    staff.post(f"/coordinator/applicants/{river.pk}/decide/",
               {"decision": "approve", "reason": "A warm, grounded conversation."})  # fmt: skip
    assert river in matchable_mentors()
    assert "You are an approved peer mentor" in client.get("/mentor/").content.decode()
