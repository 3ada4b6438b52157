"""Changes to a peer's intake; each one is audited."""

from django.db import transaction
from django.utils import timezone

from alongside.accounts.models import User
from alongside.audit.models import Action
from alongside.audit.services import audit_record
from alongside.intake.models import STEP_FIELDS, PeerIntake, ShareItem, Step
from alongside.intake.signals import intake_changed

INTAKE_FIELDS = tuple(name for fields in STEP_FIELDS.values() for name in fields)


def intake_save(
    *, peer: User, data: dict, step: Step | None = None, announce: bool = True
) -> PeerIntake:
    """Save the peer's own intake from validated data; the peer can change it at any time.

    With a `step`, only that step's answers are saved (any other key is a mistake in the
    caller and is refused) and the step counts as saved. Without one, the data is the whole
    intake at once, and every step counts as saved. `announce=False` is for a caller that
    records the change itself (an accepted proposal to the agreement)."""
    if step is not None:
        step = Step(step)
        stray = set(data) - set(STEP_FIELDS[step])
        if stray:
            raise ValueError(f"Not part of the {step.value} step: {', '.join(sorted(stray))}")
    with transaction.atomic():
        intake, _ = PeerIntake.objects.select_for_update().get_or_create(peer=peer)
        before = {name: getattr(intake, name) for name in INTAKE_FIELDS}
        for name in INTAKE_FIELDS:
            if name in data:
                setattr(intake, name, data[name])
        intake.shared_items = [item for item in ShareItem.values if item in intake.shared_items]
        saved = set(intake.steps_saved or ()) | ({step.value} if step else set(Step.values))
        intake.steps_saved = [value for value in Step.values if value in saved]
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
