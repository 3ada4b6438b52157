"""Who may open which pathway object. "Missing" and "not yours" both answer 404."""

from django.http import Http404

from alongside.accounts.models import Role, User
from alongside.training.content import Module, curriculum
from alongside.training.models import CheckAttempt


def access_module(slug: str) -> Module:
    module = curriculum().module(slug)
    if module is None:
        raise Http404("No such module.")
    return module


def access_attempt(user: User, attempt_id: int) -> CheckAttempt:
    """A mentor sees only their own knowledge-check attempts."""
    attempt = CheckAttempt.objects.filter(pk=attempt_id, mentor=user).first()
    if attempt is None:
        raise Http404("No such attempt.")
    return attempt


def access_applicant(user: User, mentor_id: int) -> User:
    """A coordinator may review anyone who holds the mentor role, and no one else."""
    if not user.has_role(Role.COORDINATOR):
        raise Http404("No such applicant.")
    mentor = User.objects.filter(pk=mentor_id, role_assignments__role=Role.MENTOR).first()
    if mentor is None:
        raise Http404("No such applicant.")
    return mentor
