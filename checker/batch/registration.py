"""The register's view (``batch --by registration``): per registered professional."""
from __future__ import annotations


def people_in(data: dict, result: dict) -> tuple:
    return ()


def merge(people: dict, person, brief) -> None:
    pass


def to_dicts(people: dict) -> list:
    return []
