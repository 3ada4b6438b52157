"""A mentor's calls for assistance to coordinators."""

from alongside.core.personal_data import pick, register
from alongside.wellbeing.models import SupportRequest


def _requests(user) -> list[dict]:
    rows = SupportRequest.objects.filter(mentor=user).order_by("created_at")
    return [
        {"about_a_partnership": row.partnership_id is not None,
         **pick(row, "note", "created_at", "handled_at")}
        for row in rows
    ]  # fmt: skip


def _erase(user) -> None:
    # The call stays as a safety record (that help was asked for, and when); its words go.
    SupportRequest.objects.filter(mentor=user).update(note="")


def _purge(user) -> None:
    SupportRequest.objects.filter(mentor=user).delete()


register(
    app_label="wellbeing", key="wellbeing.support_requests",
    title="Your calls for assistance to coordinators",
    models=("wellbeing.SupportRequest",), export=_requests, erase=_erase, purge=_purge,
    kept=(
        "That you called a coordinator for assistance, and when, is kept as a safety record "
        "without your words, then removed when the retention period ends."
    ),
)  # fmt: skip
