"""``typing.NamedTuple`` for modules on the commit-time path, without ``typing``.

Importing ``typing`` costs a commit-time run 4 ms, a tenth of what the whole
run may take. A module declares its records as usual and imports::

    TYPE_CHECKING = False
    if TYPE_CHECKING:
        from typing import NamedTuple
    else:
        from hooks.records import NamedTuple

mypy then checks them as ``typing.NamedTuple`` classes; at run time each is
the ``collections.namedtuple`` made from the same annotations and defaults,
with the methods and properties of the class body, as ``typing.NamedTuple``
makes it (tests/records_test.py compares the two).
"""
from __future__ import annotations

from collections import namedtuple

# the names of a class body that are not copied onto the tuple class
_SPECIAL = frozenset(('__module__', '__qualname__', '__annotations__'))


class _RecordMeta(type):
    def __new__(mcs, name: str, bases: tuple[type, ...], ns: dict[str, object]) -> type:
        if ns.get('_root'):
            return super().__new__(mcs, name, bases, ns)
        annotations = ns.get('__annotations__', {})
        assert isinstance(annotations, dict)
        fields = list(annotations)
        defaults = [ns[f] for f in fields if f in ns]
        if any(f in ns for f in fields[:len(fields) - len(defaults)]):
            raise TypeError(f'{name}: a field without a default follows one with a default')
        record: type = namedtuple(name, fields, defaults=defaults,  # type: ignore[misc]
                                  module=str(ns.get('__module__')))
        record.__qualname__ = str(ns.get('__qualname__', name))
        for key, value in ns.items():
            if key not in _SPECIAL and key not in fields:
                setattr(record, key, value)
        return record


class NamedTuple(metaclass=_RecordMeta):
    """Subclass with annotated fields, as ``typing.NamedTuple``."""
    _root = True
