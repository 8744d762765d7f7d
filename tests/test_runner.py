from __future__ import annotations

import signal
import threading
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


def _in_thread(fn):
    out: dict[str, object] = {}

    def target() -> None:
        try:
            out["value"] = fn()
        except BaseException as e:  # the test inspects it
            out["error"] = e

    t = threading.Thread(target=target)
    t.start()
    t.join(10)
    return out


def test_time_limit_in_a_worker_thread_stops_a_slow_document():
    def slow() -> None:
        with runner._time_limit(0.05):
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:  # Python bytecodes: the exception can arrive
                pass

    out = _in_thread(slow)
    assert isinstance(out["error"], runner.DocumentTimeout)
    assert str(out["error"]) == "cleaning took longer than 0.05 s (--timeout); the document was left out"


def test_time_limit_in_a_worker_thread_leaves_nothing_behind():
    def fast() -> str:
        with runner._time_limit(0.05):
            pass
        time.sleep(0.2)  # past the limit: a late exception would surface here
        return "done"

    assert _in_thread(fast) == {"value": "done"}
    assert not any(t.name == "cleaner-timeout" for t in threading.enumerate())  # the watchdog is gone
