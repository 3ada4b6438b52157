"""Phone-width screenshots of each role's home page on the demo data, for the README.

Skipped unless ALONGSIDE_SCREENSHOTS names the folder to write to:

    ALONGSIDE_SCREENSHOTS=docs/screenshots .venv/bin/pytest -n 0 tests/browser/test_screenshots.py
"""

import os
from pathlib import Path

import pytest

from alongside.demo.program import load_demo
from tests.browser.helpers import signed_in_context

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.real_curriculum,
    pytest.mark.skipif(
        not os.environ.get("ALONGSIDE_SCREENSHOTS"),
        reason="set ALONGSIDE_SCREENSHOTS to the folder the screenshots go to",
    ),
]

# file name -> (demo account, page)
HOMES = {
    "peer-home.png": ("kai@demo.alongside.test", "/peer/"),
    "mentor-home.png": ("priya@demo.alongside.test", "/mentor/"),
    "coordinator-home.png": ("coordinator@demo.alongside.test", "/coordinator/"),
}


def test_phone_screenshots_of_each_home_page(browser, live_server):
    folder = Path(os.environ["ALONGSIDE_SCREENSHOTS"])
    folder.mkdir(parents=True, exist_ok=True)
    load_demo()
    for name, (email, path) in HOMES.items():
        context = signed_in_context(browser, live_server.url, email)
        page = context.new_page()
        page.goto(live_server.url + path)
        assert page.url.endswith(path), page.url
        page.screenshot(path=str(folder / name), full_page=True, animations="disabled")
        context.close()
