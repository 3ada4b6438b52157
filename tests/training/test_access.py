import pytest

MENTOR_ROUTES = [
    ("get", "/mentor/training/"),
    ("get", "/mentor/training/walking-alongside/"),
    ("get", "/mentor/training/walking-alongside/check/"),
    ("get", "/mentor/reflection/"),
    ("get", "/mentor/code/"),
    ("post", "/mentor/application/submit/"),
    ("get", "/mentor/profile/"),
    ("post", "/mentor/profile/coach/"),
]
COORDINATOR_ROUTES = [
    ("get", "/coordinator/applicants/"),
    ("get", "/coordinator/applicants/{mentor}/"),
    ("post", "/coordinator/applicants/{mentor}/notes/"),
    ("post", "/coordinator/applicants/{mentor}/decide/"),
]


def _call(client, method, path, mentor):
    return getattr(client, method)(path.format(mentor=mentor.pk))


@pytest.mark.parametrize(("method", "path"), MENTOR_ROUTES + COORDINATOR_ROUTES)
def test_anonymous_visitors_are_sent_to_sign_in(client, mentor, method, path):
    response = _call(client, method, path, mentor)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("persona", ["peer", "stranger", "coordinator"])
@pytest.mark.parametrize(("method", "path"), MENTOR_ROUTES)
def test_people_without_the_mentor_role_are_refused(request, login, mentor, persona, method, path):
    response = _call(login(request.getfixturevalue(persona)), method, path, mentor)
    assert response.status_code == 403


@pytest.mark.parametrize("persona", ["peer", "stranger", "other_mentor"])
@pytest.mark.parametrize(("method", "path"), COORDINATOR_ROUTES)
def test_people_without_the_coordinator_role_are_refused(
    request, login, mentor, persona, method, path
):
    response = _call(login(request.getfixturevalue(persona)), method, path, mentor)
    assert response.status_code == 403


def test_a_coordinator_cannot_open_someone_who_is_not_a_mentor(login, coordinator, peer):
    assert login(coordinator).get(f"/coordinator/applicants/{peer.pk}/").status_code == 404


def test_an_applicant_without_consent_is_asked_for_it_first(login, db):
    from alongside.accounts.models import Role
    from tests.conftest import make_person

    applicant = make_person("new@example.org", "New", Role.MENTOR, consent=False)
    response = login(applicant).get("/mentor/training/")
    assert response.url.startswith("/me/consent/")
