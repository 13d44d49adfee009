"""liboms for Python: an embeddable order-management engine.

    import oms
    with oms.open("shop.db") as eng:
        eng.create_customer({"code": "C1", "name": "Acme"}, actor="me")
        eng.list_orders().to_pandas()

Money and quantities are decimal.Decimal (a float is refused with a TypeError), dates
datetime.date, instants timezone-aware datetime.datetime (UTC). Wherever a value type is
expected, a dict of its members works too. Every failure raises an oms.Error subclass with
.code, .name, .field and a message naming the field and the value. Query results are oms.Rows:
lists with .to_dicts() and .to_pandas(). Tutorial: docs/python.md.
"""
from __future__ import annotations

from ._oms import *  # noqa: F401,F403  (open, Engine, value types, enums, errors)
from ._oms import __version__  # noqa: F401
from ._rows import Rows, flatten  # noqa: F401
