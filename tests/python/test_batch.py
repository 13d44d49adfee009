"""Engine.batch from Python: several calls as one unit of work, all of it or none of it."""
from decimal import Decimal
from typing import List

import pytest

import oms
from conftest import confirmed_order


def test_a_batch_commits_every_call_and_returns_what_work_returns(eng: oms.Engine) -> None:
    def work(e: oms.Engine) -> List[str]:
        return [confirmed_order(e, TEA=10).number, confirmed_order(e, CUP=2).number]

    numbers = eng.batch(work)
    assert [eng.order(n).state for n in numbers] == [oms.OrderState.CONFIRMED] * 2
    assert eng.stock("TEA").reserved == Decimal(10)


def test_an_exception_in_work_rolls_back_and_propagates(eng: oms.Engine) -> None:
    def work(e: oms.Engine) -> None:
        confirmed_order(e, TEA=10)
        raise KeyError("the host gave up")

    with pytest.raises(KeyError, match="the host gave up"):
        eng.batch(work)
    assert len(eng.list_orders()) == 0
    assert eng.stock("TEA").reserved == Decimal(0)
    confirmed_order(eng, TEA=1)  # this thread is out of the batch: calls commit on their own
    assert len(eng.list_orders()) == 1


def test_a_failed_change_that_work_caught_still_fails_the_batch(eng: oms.Engine) -> None:
    seen: List[BaseException] = []

    def work(e: oms.Engine) -> None:
        confirmed_order(e, TEA=10)
        try:
            e.create_order({"customer_code": "C1", "lines": [{"sku": "NOPE", "quantity": 1}]}, actor="py")
        except oms.NotFoundError as error:
            seen.append(error)
        try:
            e.create_order({"customer_code": "C1", "lines": [{"sku": "TEA", "quantity": 1}]}, actor="py")
        except oms.FailedPreconditionError as error:
            seen.append(error)

    with pytest.raises(oms.NotFoundError, match="NOPE"):
        eng.batch(work)
    assert [type(e) for e in seen] == [oms.NotFoundError, oms.FailedPreconditionError]
    assert "batch" in str(seen[1])
    assert len(eng.list_orders()) == 0


def test_subscribers_hear_of_a_batch_after_it_commits(eng: oms.Engine) -> None:
    heard: List[str] = []
    eng.subscribe(lambda event: heard.append(event.type))

    def work(e: oms.Engine) -> int:
        confirmed_order(e, TEA=10)
        return len(heard)

    assert eng.batch(work) == 0
    assert "order.created" in heard
