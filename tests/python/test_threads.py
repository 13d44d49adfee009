"""The engine from several Python threads: the GIL is released while it works, stock never oversold."""
import threading
import time
from decimal import Decimal
from typing import List

import oms
from conftest import confirmed_order


def test_threads_competing_for_scarce_stock_never_oversell(eng: oms.Engine) -> None:
    errors: List[BaseException] = []

    def buy() -> None:
        try:
            for _ in range(5):
                confirmed_order(eng, CUP=1)
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=buy) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    stock = eng.stock("CUP")
    assert stock.on_hand == Decimal(20)
    assert stock.reserved == Decimal(20) and stock.available == Decimal(0)
    orders = eng.list_orders()
    assert len(orders) == 40
    assert sum((o.backordered for o in orders), Decimal(0)) == Decimal(20)


def test_other_python_threads_run_while_the_engine_works(eng: oms.Engine) -> None:
    batch = [{"customer_code": "C1", "lines": [{"sku": "TEA", "quantity": 1}]} for _ in range(3000)]
    ticks = 0
    running = True

    def tick() -> None:
        nonlocal ticks
        while running:
            ticks += 1
            time.sleep(0)

    ticker = threading.Thread(target=tick)
    ticker.start()
    try:
        before = ticks
        started = time.perf_counter()
        eng.create_orders(batch, actor="py")
        elapsed = time.perf_counter() - started
        during = ticks - before
    finally:
        running = False
        ticker.join()
    # Holding the GIL through the batch would leave the ticker at most one switch interval
    # (5 ms) of ticks; released, it ticks the whole time.
    assert elapsed > 0.02, "the batch was too quick to tell"
    assert during > 100


def test_closing_while_another_thread_calls_lets_that_call_finish(eng: oms.Engine) -> None:
    batch = [{"customer_code": "C1", "lines": [{"sku": "TEA", "quantity": 1}]} for _ in range(2000)]
    result: List[object] = []
    worker = threading.Thread(target=lambda: result.append(len(eng.create_orders(batch, actor="py"))))
    worker.start()
    time.sleep(0.01)
    eng.close()
    worker.join()
    assert result == [2000] or isinstance(result[0], int)
    assert eng.closed
