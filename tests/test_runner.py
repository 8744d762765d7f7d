from __future__ import annotations

import signal
import time

import pytest

from cleaner import runner


def test_time_limit_turns_a_slow_document_into_a_timeout():
    t0 = time.monotonic()
    with pytest.raises(runner.DocumentTimeout, match=r"longer than 0\.05 s \(--timeout\)"):
        with runner._time_limit(0.05):
            time.sleep(2)
    assert time.monotonic() - t0 < 1.0
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # disarmed afterwards


def test_time_limit_zero_disables_it():
    with runner._time_limit(0):
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        time.sleep(0.01)


def test_a_fast_document_leaves_no_timer_behind():
    with runner._time_limit(5):
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
