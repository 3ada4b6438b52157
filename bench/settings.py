"""Benchmark settings: the test settings (fixed keys, fast hashing) plus one bare view."""

from tests.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
DEBUG = False
