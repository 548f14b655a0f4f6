"""Hypothesis profiles for the property and fuzz tests (tests/test_fuzz.py).

``ci`` (the default) is short and derandomized, so a normal test run is fast
and gives the same examples every time. ``long`` is the on-demand fuzz:

    HYPOTHESIS_PROFILE=long python -m pytest -m fuzz

The profile is applied per test through ``fuzz_settings`` rather than loaded
globally, so other test modules keep Hypothesis' own defaults.
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=40, deadline=None, derandomize=True, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("long", max_examples=3000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
fuzz_settings = settings(settings.get_profile(PROFILE))
