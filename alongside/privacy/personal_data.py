"""The privacy app's own rows: prepared downloads."""

from alongside.core.personal_data import register
from alongside.privacy.models import ExportArchive


def _erase(user) -> None:
    ExportArchive.objects.filter(person=user).delete()


register(
    app_label="privacy", key="privacy.exports", title="Downloads you prepared",
    models=("privacy.ExportArchive",), erase=_erase,
)  # fmt: skip
