"""Turning ``batch`` INPUTs into chunks of work: raw lines and paths, never parsed objects.

An INPUT is a directory (every ``.yaml``/``.yml``/``.json`` file below it, sorted,
walked lazily), a single dossier or policy file, a ``.jsonl`` file (one record a
line), ``-`` (JSON Lines on standard input) or a ``.csv`` event export
(docs/batch.md). Chunks are plain tuples of strings, cheap to send to a worker:

    ("paths", [path, ...])
    ("lines", source, [(line_number, text), ...])
    ("csv", source, header, [(split, [(line_number, row), ...]), ...])   # the rows of one dossier
    ("unreadable", source, line, code, params)   # a file that stopped being readable half-way

Nothing here holds more than one chunk: memory stays flat whatever the input size.
"""
from __future__ import annotations

import csv
import os
import sys
from pathlib import Path

from ..load.document import display_name

RECORD_SUFFIXES = (".yaml", ".yml", ".json")
CHUNK_PATHS = 64
CHUNK_LINES = 512
STDIN = "-"


def input_kind(given: str) -> str:
    """``stdin``, ``directory``, ``jsonl``, ``csv`` or ``file`` (a missing path is a file: its
    error comes from the loader, in the report like any other unreadable input)."""
    if given == STDIN:
        return "stdin"
    path = Path(given)
    if path.is_dir():
        return "directory"
    suffix = path.suffix.lower()
    return {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}.get(suffix, "file")


def chunks(inputs, stdin=None):
    """Every chunk of every input, in order."""
    for given in inputs:
        kind = input_kind(given)
        if kind == "directory":
            yield from _batched_paths(walk(Path(given)))
        elif kind == "file":
            yield ("paths", [given])
        elif kind == "stdin":
            yield from _line_chunks("<stdin>", (stdin or sys.stdin.buffer))
        elif kind == "jsonl":
            yield from _jsonl_file(given)
        else:
            yield from _csv_file(given)


def walk(root: Path):
    """Record files below ``root``, in sorted order, without listing the whole tree first."""
    entries = sorted(os.scandir(root), key=lambda e: e.name)
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if not entry.name.startswith("."):
                yield from walk(Path(entry.path))
        elif entry.name.lower().endswith(RECORD_SUFFIXES) and not entry.name.startswith("."):
            yield display_name(Path(entry.path))


def _batched_paths(paths):
    batch = []
    for path in paths:
        batch.append(path)
        if len(batch) == CHUNK_PATHS:
            yield ("paths", batch)
            batch = []
    if batch:
        yield ("paths", batch)


def _jsonl_file(given: str):
    try:
        stream = open(given, "rb")
    except OSError:
        yield ("paths", [given])  # the loader words the problem (not found, unreadable)
        return
    with stream:
        yield from _line_chunks(display_name(Path(given)), stream)


def _line_chunks(source: str, stream):
    batch = []
    for number, raw in enumerate(stream, start=1):
        batch.append((number, raw))
        if len(batch) == CHUNK_LINES:
            yield ("lines", source, batch)
            batch = []
    if batch:
        yield ("lines", source, batch)


def _csv_file(given: str):
    """Rows grouped per dossier: a dossier's rows must follow each other (docs/batch.md)."""
    try:
        stream = open(given, "r", encoding="utf-8-sig", newline="")
    except OSError:
        yield ("paths", [given])
        return
    source = display_name(Path(given))
    with stream:
        try:
            yield from _csv_groups(source, csv.reader(stream))
        except UnicodeDecodeError as exc:
            yield ("unreadable", source, None, "file.not-utf8", {"byte": exc.start})
        except csv.Error as exc:  # a NUL byte, an unclosed quote at the end
            yield ("unreadable", source, None, "file.unreadable", {"reason": f"CSV: {exc}"})


def _csv_groups(source: str, reader):
    """The ``csv`` chunks of one export (see :func:`_csv_file`)."""
    header = next(reader, None)
    if header is None:
        yield ("csv", source, [], [])
        return
    column = _dossier_column(header)
    batch, group, current, closed = [], [], None, set()  # closed: ids only, to spot a split dossier
    for row in reader:
        number = reader.line_num
        key = row[column] if column is not None and column < len(row) else ""
        if group and key != current:
            batch.append((current in closed, group))
            closed.add(current)
            group = []
            if len(batch) == CHUNK_LINES // 8:
                yield ("csv", source, header, batch)
                batch = []
        current = key
        group.append((number, row))
    if group:
        batch.append((current in closed, group))
    if batch:
        yield ("csv", source, header, batch)


def _dossier_column(header: list):
    names = [name.strip().lower() for name in header]
    return names.index("dossier") if "dossier" in names else None


def total_bytes(inputs) -> int | None:
    """The bytes all inputs hold, for a progress bar with time left; None when unknown
    (a directory is not listed twice, standard input has no size)."""
    total = 0
    for given in inputs:
        if input_kind(given) in ("directory", "stdin"):
            return None
        try:
            total += Path(given).stat().st_size
        except OSError:
            pass
    return total


def chunk_bytes(chunk) -> int:
    """About how many input bytes a chunk covers (for progress)."""
    if chunk[0] == "lines":
        return sum(len(raw) for _, raw in chunk[2])
    if chunk[0] == "csv":
        return sum(len(",".join(row)) + 1 for _, rows in chunk[3] for _, row in rows)
    if chunk[0] == "unreadable":
        return 0
    size = 0
    for path in chunk[1]:
        try:
            size += Path(path).stat().st_size
        except OSError:
            pass
    return size


def chunk_size(chunk) -> int:
    """How many records a chunk holds (for progress)."""
    return {"paths": lambda: len(chunk[1]), "unreadable": lambda: 1}.get(chunk[0], lambda: len(chunk[-1]))()

