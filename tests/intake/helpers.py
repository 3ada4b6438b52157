"""Walking a peer's intake the way the pages do: one step at a time."""

from alongside.intake.forms import form_fields
from alongside.intake.models import Step


def step_url(step) -> str:
    return f"/peer/intake/{Step(step).value}/"


def step_data(step, answers: dict) -> dict:
    """The answers that belong to one step (the rest would be ignored by its form)."""
    return {name: value for name, value in answers.items() if name in form_fields(Step(step))}


def save_intake(client, answers: dict):
    """Save every step in order, each with its own answers; return the last response."""
    for step in Step:
        response = client.post(step_url(step), {**step_data(step, answers), "then": "next"})
        assert response.status_code == 302, (step, response.content.decode()[:2000])
    return response
