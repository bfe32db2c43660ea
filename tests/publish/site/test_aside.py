"""The full report laid out in a second process: its result or its exception comes back as
if it ran here, a child that dies is reported, and a failed build stops it."""

from __future__ import annotations

import os
import time

import pytest

from charterwatch.publish.site.aside import SWITCH, Aside, ChildFailed


@pytest.fixture
def two(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SWITCH, "2")


def test_the_work_runs_in_another_process_and_its_result_comes_back(two: None) -> None:
    aside = Aside(lambda: ("done", os.getpid()), "a test")
    assert aside.forked
    word, pid = aside.result()
    assert word == "done" and pid != os.getpid()


class Refused(ValueError):
    pass


def test_the_childs_exception_is_raised_here_with_its_type_and_message(two: None) -> None:
    def fail() -> None:
        raise Refused("the report takes 3 pages even at its shortest")

    with pytest.raises(Refused, match="3 pages even at its shortest"):
        Aside(fail, "a test").result()


def test_a_child_that_dies_is_reported_with_its_exit_code(two: None) -> None:
    def die() -> None:
        os._exit(9)

    with pytest.raises(
        ChildFailed, match=r"a test: its process ended without finishing \(exit code 9\)"
    ):
        Aside(die, "a test").result()


def test_stop_ends_a_child_still_working(two: None) -> None:
    aside = Aside(lambda: time.sleep(60), "a test")
    start = time.monotonic()
    aside.stop()
    assert time.monotonic() - start < 10 and not aside.process.is_alive()


def test_with_one_process_the_work_runs_here_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SWITCH, "1")
    ran: list[int] = []
    aside = Aside(lambda: ran.append(os.getpid()) or "done", "a test")
    assert not aside.forked and ran == []
    assert aside.result() == "done" and ran == [os.getpid()]
