"""Python subscribers hear every committed change, in order, on whichever thread made it."""
import json
import sys
import threading
from typing import List

import pytest

import oms
from conftest import confirmed_order


def test_a_subscriber_hears_committed_changes_in_sequence(eng: oms.Engine) -> None:
    heard: List[oms.Event] = []
    subscription = eng.subscribe(heard.append)
    order = confirmed_order(eng, TEA=2)
    eng.unsubscribe(subscription)
    types = [e.type for e in heard]
    assert types[0] == "order.created" and "order.confirmed" in types
    assert [e.sequence for e in heard] == sorted(e.sequence for e in heard)
    created = heard[0]
    assert (created.entity, created.actor) == ("order", "py")
    assert json.loads(created.data)["number"] == order.number


def test_nothing_is_heard_after_unsubscribe_or_of_a_failed_change(eng: oms.Engine) -> None:
    heard: List[str] = []
    subscription = eng.subscribe(lambda e: heard.append(e.type))
    with pytest.raises(oms.AlreadyExistsError):
        eng.create_customer({"code": "C1", "name": "again"}, actor="py")
    assert heard == []
    eng.unsubscribe(subscription)
    eng.create_customer({"code": "C3", "name": "three"}, actor="py")
    assert heard == []


def test_subscribers_hear_changes_made_on_other_threads(eng: oms.Engine) -> None:
    heard: List[str] = []
    subscription = eng.subscribe(lambda event: heard.append(event.type))
    threads = [threading.Thread(target=lambda i=i: eng.create_customer({"code": f"T{i}", "name": "t"}, actor="py"))
               for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    eng.unsubscribe(subscription)
    assert heard.count("customer.created") == 8


def test_a_failing_subscriber_is_reported_and_does_not_undo_the_change(
        eng: oms.Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    reported: List[str] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda u: reported.append(f"{u.object}: {u.exc_value}"))

    def broken(event: oms.Event) -> None:
        raise RuntimeError("subscriber bug")

    subscription = eng.subscribe(broken)
    eng.create_customer({"code": "C3", "name": "three"}, actor="py")
    eng.unsubscribe(subscription)
    assert reported == ["oms subscriber: subscriber bug"]
    assert eng.customer("C3").name == "three"


def test_a_subscriber_may_call_the_engine(eng: oms.Engine) -> None:
    counts: List[int] = []
    subscription = eng.subscribe(
        lambda event: counts.append(len(eng.customers())) if event.type == "customer.created" else None)
    eng.create_customer({"code": "C3", "name": "three"}, actor="py")
    eng.unsubscribe(subscription)
    assert counts == [3]


def test_the_journal_is_readable_after_the_fact(eng: oms.Engine) -> None:
    events = eng.events()
    assert [e.sequence for e in events] == list(range(1, len(events) + 1))
    tail = eng.events(after_sequence=events[-2].sequence)
    assert [e.sequence for e in tail] == [events[-1].sequence]
    assert set(events.to_pandas().columns) >= {"sequence", "at", "type", "entity", "entity_id", "data"}
