"""The one thing to do next on each home page, decided from where the person stands.

Each function is pure: it takes what the home view already loaded and returns a NextStep, so
every state can be tested on its own. The home page shows the step first, as its primary button
(or as a plain sentence when there is nothing to press), and everything else below it."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class NextStep:
    text: str  # where the person stands, in a sentence
    label: str = ""  # the button's words; empty when there is nothing to press
    url: str = ""
    post: bool = False  # the button sends a form (it changes something) rather than a link

    @property
    def has_action(self) -> bool:
        return bool(self.label and self.url)


def peer_next_step(*, intake_saved, pending_request, current_partnership) -> NextStep:
    if current_partnership is not None:
        return NextStep(
            f"You and {current_partnership.mentor.display_name} are partners.",
            "Open your partnership",
            reverse("partnership", args=[current_partnership.pk]),
        )
    if pending_request is not None:
        return NextStep(
            f"Your request to {pending_request.mentor.display_name} is waiting for an answer. "
            "You will see it here as soon as they reply."
        )
    if not intake_saved:
        return NextStep(
            "A good first step is to say what you hope for. Every question is optional.",
            "Tell us what you hope for",
            reverse("peer_intake"),
        )
    return NextStep(
        "When you are ready, choose a mentor from your suggestions.",
        "Choose a mentor",
        reverse("peer_mentors"),
    )


def mentor_next_step(*, steps, profile_complete, incoming_count, partnerships) -> NextStep:
    """`steps` is the training pathway; `partnerships` the mentor's partnerships, newest first."""
    status = steps.application.status
    if status == "approved":
        if incoming_count:
            return NextStep(
                f"{incoming_count} peer{'s' if incoming_count != 1 else ''} asked you to be "
                "their mentor.",
                "See requests",
                reverse("mentor_requests"),
            )
        current = [p for p in partnerships if p.state in ("active", "paused", "closing")]
        if current:
            return NextStep(
                f"You are partnered with {current[0].peer.display_name}.",
                "Open your partnership",
                reverse("partnership", args=[current[0].pk]),
            )
        if not steps.code_signed:
            return NextStep(
                "A new code of conduct needs your signature before new matches.",
                "Read and sign the code of conduct",
                reverse("training_code"),
            )
        if not profile_complete:
            return NextStep(
                "Complete your profile so peers can choose you.",
                "Complete your profile",
                reverse("mentor_profile"),
            )
        return NextStep("You are ready. Peers can choose you, and their requests will show here.")
    if status == "submitted":
        return NextStep("Your application is with a coordinator, who will contact you.")
    if status == "declined":
        return NextStep("Your application was not approved. The coordinator's message is below.")
    if status == "suspended":
        return NextStep("Your mentoring is paused by a coordinator, who will talk it through.")
    # In progress, or changes were asked for: the first step still open.
    if steps.next_module is not None:
        return NextStep(
            f"Next in your training: {steps.next_module.title}.",
            "Continue your training",
            reverse("training_module", args=[steps.next_module.slug]),
        )
    if steps.modules_total == 0:
        return NextStep("The training modules are not published yet; they will appear here.")
    if not steps.reflection_done:
        return NextStep(
            "Your training is done. Next, your readiness reflection.",
            "Write your readiness reflection",
            reverse("training_reflection"),
        )
    if not steps.code_signed:
        return NextStep(
            "Next, the code of conduct.",
            "Read and sign the code of conduct",
            reverse("training_code"),
        )
    if steps.can_submit:
        return NextStep(
            "Every step is done. A coordinator reviews your application next.",
            "Submit my application for review",
            reverse("application_submit"),
            post=True,
        )
    return NextStep("Before you can submit: " + "; ".join(steps.missing) + ".")


def coordinator_next_step(*, urgent_waiting: int) -> NextStep | None:
    if urgent_waiting:
        return NextStep(
            f"{urgent_waiting} urgent escalation{'s' if urgent_waiting != 1 else ''} "
            f"{'are' if urgent_waiting != 1 else 'is'} waiting for someone to check in.",
            "Open the escalation queue",
            reverse("coordinator_escalations"),
        )
    return None
