"""System check: the curriculum files must load (id alongside.E010)."""

from django.core import checks

from alongside.training.content import ContentError, clear_content_cache, curriculum


@checks.register()
def check_training_content(app_configs=None, **kwargs):
    clear_content_cache()
    try:
        curriculum()
    except ContentError as exc:
        return [
            checks.Error(
                f"Training content is invalid: {exc}",
                hint="Fix the file named above; docs/mentor-pathway.md describes the formats.",
                id="alongside.E010",
            )
        ]
    return []
