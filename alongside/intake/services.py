"""Changes to a peer's intake; each one is audited."""

from django.db import transaction
from django.utils import timezone

from alongside.accounts.models import User
from alongside.audit.models import Action
from alongside.audit.services import audit_record
from alongside.intake.models import PeerIntake, ShareItem
from alongside.intake.signals import intake_changed

INTAKE_FIELDS = (
    "hopes", "talk_about", "avoid_topics", "lived_experience", "meeting_modes", "preferred_times",
    "languages", "region", "prefer_gender", "prefer_age_range", "prefer_lgbtq2s",
    "prefer_culture", "lights_plan", "shared_items",
)  # fmt: skip


def intake_save(*, peer: User, data: dict, announce: bool = True) -> PeerIntake:
    """Save the peer's own intake from validated data; the peer can change it at any time.

    `announce=False` is for a caller that records the change itself (an accepted proposal)."""
    with transaction.atomic():
        intake, _ = PeerIntake.objects.select_for_update().get_or_create(peer=peer)
        before = {name: getattr(intake, name) for name in INTAKE_FIELDS}
        for name in INTAKE_FIELDS:
            if name in data:
                setattr(intake, name, data[name])
        intake.shared_items = [item for item in ShareItem.values if item in intake.shared_items]
        intake.updated_at = timezone.now()
        intake.save()
        audit_record(
            action=Action.INTAKE_UPDATE,
            actor=peer,
            target_type="peer_intake",
            target_id=intake.pk,
            subject=peer,
        )
        changed = {name for name in INTAKE_FIELDS if getattr(intake, name) != before[name]}
        if changed and announce:
            intake_changed.send(sender=PeerIntake, peer=peer, changed=changed)
    return intake
