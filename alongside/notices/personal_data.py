"""Notices a person was sent."""

from alongside.core.personal_data import pick, register
from alongside.notices.models import Notice


def _notices(user) -> list[dict]:
    rows = Notice.objects.filter(recipient=user).order_by("created_at", "id")
    return [pick(row, "headline", "body", "created_at", "read_at") for row in rows]


def _erase(user) -> None:
    Notice.objects.filter(recipient=user).delete()


register(
    app_label="notices", key="notices.notices", title="Notices sent to you",
    models=("notices.Notice",), export=_notices, erase=_erase,
)  # fmt: skip
