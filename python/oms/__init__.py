"""liboms for Python: an embeddable order-management engine.

    import oms
    with oms.open("shop.db") as eng:
        eng.create_customer(oms.Customer(code="C1", name="Acme"), actor="me")

Money and quantities are decimal.Decimal (a float is refused), dates datetime.date, instants
timezone-aware datetime.datetime. Every failure raises an oms.Error subclass with .code, .name,
.field and a message naming the field and the value.

WORK IN PROGRESS (issue 6): the compiled module and this package are being built on the
issue-6-python branch; see python/README.md there.
"""
from __future__ import annotations

from typing import Any, Optional

from . import _oms
from ._oms import *  # noqa: F401,F403  (value types, enums, errors)


class Engine:
    """An order-management engine; use it as a context manager to close it."""

    def __init__(self, engine: _oms.Engine) -> None:
        self._engine: Optional[_oms.Engine] = engine

    def close(self) -> None:
        self._engine = None

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __getattr__(self, name: str) -> Any:
        if self._engine is None:
            raise ValueError("the engine is closed")
        return getattr(self._engine, name)


def open(path: Optional[str] = None, *, options: Optional[_oms.EngineOptions] = None,
         sqlite: Optional[_oms.SqliteOptions] = None, manual_clock: Any = None) -> Engine:
    """Opens an engine in memory (path None) or on a SQLite file (created or migrated)."""
    return Engine(_oms.open_engine(path, options or _oms.EngineOptions(), sqlite or _oms.SqliteOptions(),
                                   manual_clock))
