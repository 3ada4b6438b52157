"""Background work for privacy: building downloads and the retention jobs."""

from django_tasks import task

from alongside.privacy import services


@task()
def build_export_task(*, archive_id: int) -> bool:
    """Build one download; if that fails, the person's page says so instead of waiting."""
    try:
        archive = services.export_build(archive_id=archive_id)
    except Exception:
        services.export_failed(archive_id=archive_id)
        raise
    return archive is not None


@task()
def retention_task() -> dict:
    """Every retention rule in docs/privacy.md, each safe to run again."""
    from alongside.accounts.cleanup import unconfirmed_signups_remove
    from alongside.audit.services import audit_prune
    from alongside.conversations.retention import conversations_retention_run

    return {
        "exports_removed": services.exports_clean(),
        "erased_purged": services.erased_records_purge(),
        "conversations": conversations_retention_run(),
        "signups_removed": unconfirmed_signups_remove(),
        "audit_pruned": audit_prune(),
    }
