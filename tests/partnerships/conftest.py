import pytest

from tests.training.helpers import use_fixture_content


@pytest.fixture(autouse=True)
def training_content(settings, tmp_path):
    return use_fixture_content(settings, tmp_path)
