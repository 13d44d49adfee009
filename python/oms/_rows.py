"""oms.Rows: what the engine's queries and reports return.

A Rows is a list of value objects (Order, StockLevel, StatementItem, ...) that also converts
itself into flat dicts and, when pandas is installed, into a DataFrame:

    rows = eng.list_orders()
    rows[0].number               # a list, as always
    rows.to_dicts()[0]["totals.total"]
    rows.to_pandas()             # one row per order, one column per member

Flattening: a nested value becomes dotted columns ("totals.net"); Money becomes two columns,
the amount as decimal.Decimal ("total") and its currency ("total_currency"); an enum becomes
its label ("confirmed"); lists stay as lists. Amounts stay decimal.Decimal in the DataFrame
(object columns): exact, never float.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, TypeVar

if TYPE_CHECKING:
    import pandas  # type: ignore[import]  # pandas 1.5 ships no type information

T = TypeVar("T")


def _is_enum(value: Any) -> bool:
    return hasattr(value, "label") and hasattr(value, "__members__")


def flatten(value: Any, prefix: str = "", out: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    """One value object as a flat dict of column name to plain value."""
    from . import _oms

    out = {} if out is None else out
    for name, member in value.to_dict().items():
        key = prefix + name
        if isinstance(member, _oms.Money):
            out[key] = member.amount
            out[key + "_currency"] = member.currency
        elif _is_enum(member):
            out[key] = member.label
        elif hasattr(member, "to_dict") and not isinstance(member, dict):
            flatten(member, key + ".", out)
        else:
            out[key] = member
    return out


class Rows(List[T]):
    """A list of value objects with .to_dicts() and .to_pandas()."""

    def __init__(self, items: Iterable[T] = (), item_type: Optional[type] = None) -> None:
        super().__init__(items)
        self.item_type = item_type

    def columns(self) -> List[str]:
        """The column names of to_dicts()/to_pandas(), known even when there are no rows."""
        sample: Any = self[0] if self else None
        if sample is None and self.item_type is not None:
            try:
                sample = self.item_type()
            except TypeError:  # a type without a default (Event)
                return []
        return list(flatten(sample)) if sample is not None else []

    def to_dicts(self) -> List[Dict[str, Any]]:
        """Every row as a flat dict (see the module's docstring for the column names)."""
        return [flatten(row) for row in self]

    def to_pandas(self) -> "pandas.DataFrame":
        """The rows as a pandas DataFrame; raises ImportError when pandas is not installed."""
        try:
            import pandas
        except ImportError as e:  # pandas is optional
            raise ImportError("to_pandas() needs pandas: apt-get install python3-pandas "
                              "(or pip install pandas)") from e
        rows = self.to_dicts()
        columns = list(rows[0]) if rows else self.columns()
        for row in rows[1:]:  # an optional member may add columns in later rows
            columns.extend(k for k in row if k not in columns)
        return pandas.DataFrame(rows, columns=columns)

    def __repr__(self) -> str:
        return f"Rows({list.__repr__(self)})"
