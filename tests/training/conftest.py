import pytest

from tests.training.helpers import use_fixture_content


@pytest.fixture(autouse=True)
def training_content(settings, tmp_path):
    """A private copy of the fixture curriculum, so a test may add a new version to it."""
    return use_fixture_content(settings, tmp_path)
