"""One error type for every input problem.

An :class:`InputError` is data, like a finding: a message code with parameters,
the file, a position and a JSON path into the document. It is rendered (in
Dutch or English) by the CLI, never printed where it is raised. Loaders collect
all problems of a file and raise them together as :class:`InputErrors`, so the
user sees every mistake at once instead of fixing them one run at a time.
"""
from __future__ import annotations

import difflib
import re
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Iterable, Sequence

#: What a message may quote of the input: one short word-like token. Anything
#: else (a sentence, a long string, a control character) may be free text with
#: medical detail or a terminal escape, so it is replaced by HIDDEN, which the
#: renderer words as "[text not shown]". ``\w`` covers letters and digits only:
#: no control, format (bidi) or separator character is a word character.
_TOKEN = re.compile(r"[\w.:+/!,#@-]{1,64}")
HIDDEN = "<hidden>"
#: Parameters our own code fills (counts, limits, our own words, dates we parsed,
#: descriptions already gated by the schema module). Every other parameter may
#: carry input and passes the gate, :func:`safe_echo`; a new parameter is gated
#: unless it is added here, so forgetting is safe.
OWN_PARAMS = frozenset({"limit", "count", "first", "first_line", "byte", "char", "low", "high", "allowed",
                        "types", "expected", "got", "problem", "reason", "dir", "what", "other", "kind",
                        "more", "index", "sides", "missing", "columns"})
#: How many distinct misspelled names per file get a did-you-mean, and how many
#: candidates are compared at most: a suggestion is a courtesy, never a cost
#: that grows with the square of the input (docs/errors.md).
MAX_SUGGESTED = 50
MAX_CANDIDATES = 2000


def is_token(text: str) -> bool:
    """True when ``text`` is short and word-like enough to quote in a message."""
    return isinstance(text, str) and _TOKEN.fullmatch(text) is not None


def safe_echo(value):
    """The gate: every message parameter taken from input passes here.

    An identifier-shaped single token is kept; any other string becomes HIDDEN.
    A tuple or list (a chain of ids) is gated item by item and joined with
    `` -> ``. Numbers, booleans and None pass (they cannot carry text).
    """
    if isinstance(value, (tuple, list)):
        return " -> ".join(str(safe_echo(v)) for v in value)
    if isinstance(value, (bool, int, float)) or value is None:
        return value
    if isinstance(value, str) and is_token(value):
        return value
    return HIDDEN


#: The longest configuration text (a pack's or override's reason) a report shows.
REASON_LIMIT = 200


def reason_text(value: str) -> str:
    """A pack author's reason as a report may show it: one line of printable text, capped.

    Reasons come from rule packs (configuration written by the register or the
    arbodienst), never from a dossier, so they are shown; control characters and
    line breaks are flattened and an over-long reason is cut, so a report stays a report.
    """
    flat = " ".join("".join(c if c.isprintable() else " " for c in str(value)).split())
    return flat if len(flat) <= REASON_LIMIT else flat[:REASON_LIMIT - 1] + "…"


def json_path(path: Sequence[str | int] | None) -> str | None:
    """Render a path as ``$.events[3].date``; None for an error about the whole file.

    A key that is not a plain name is shown as ``[…]`` only when it is a short
    token; a sentence used as a key is never quoted (it may be free text).
    """
    if path is None:
        return None
    out = "$"
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.replace("_", "").replace("-", "").isalnum() and is_token(part):
            out += f".{part}"
        elif is_token(part):
            out += f"[{part!r}]"
        else:
            out += "[?]"
    return out


class _Budget:
    """Did-you-mean suggestions left for the file being read (see :func:`new_suggestion_budget`)."""

    def __init__(self, limit: int = MAX_SUGGESTED) -> None:
        self.limit = limit
        self.asked: dict = {}


_budget: ContextVar = ContextVar("suggestion_budget", default=None)


def new_suggestion_budget(limit: int = MAX_SUGGESTED) -> None:
    """Start a fresh suggestion budget; the loader calls this once per input file."""
    _budget.set(_Budget(limit))


#: normalised word people type -> the vocabulary names it stands for (``synonyms`` in roles/*.yaml),
#: filled by :func:`register_synonyms` when the vocabulary is loaded.
_SYNONYMS: dict = {}
#: an unknown-value error lists every allowed value up to this many, else the closest five
ALLOWED_LIST_LIMIT = 15


def _normal(word: str) -> str:
    """Case, ``_`` and ``-`` do not matter when matching what people type: ``Case-Manager`` = ``case manager``."""
    return " ".join(word.casefold().replace("_", " ").replace("-", " ").split())


def register_synonyms(name: str, synonyms: Iterable[str]) -> None:
    """Make did-you-mean suggest ``name`` for each of ``synonyms`` (data from roles/*.yaml)."""
    for synonym in synonyms:
        if isinstance(synonym, str):
            _SYNONYMS.setdefault(_normal(synonym), set()).add(name)


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """The known name meant by an unknown one, or None: the same name in other case or
    spelling (``HR`` -> ``hr``), a synonym (``manager`` -> ``leidinggevende``), else the
    closest name by spelling (case-insensitive).

    Bounded: only the first MAX_SUGGESTED distinct words of a file are looked up (the same
    word again is answered from memory), a word longer than 64 characters is never compared,
    and at most MAX_CANDIDATES choices are compared (a larger set, such as the actors of a
    huge file, gets no suggestion).
    """
    if not isinstance(word, str) or len(word) > 64:
        return None
    budget = _budget.get() or _Budget()  # outside a file load (tests, plain data): this call only
    if word in budget.asked:
        return budget.asked[word]
    if len(budget.asked) >= budget.limit:
        return None
    size = len(choices) if hasattr(choices, "__len__") else None
    if size is not None and size > MAX_CANDIDATES:
        budget.asked[word] = None
        return None
    names = sorted({c for c in choices if isinstance(c, str)})[:MAX_CANDIDATES]  # a broken file may put None among them
    budget.asked[word] = _closest(word, names)
    return budget.asked[word]


def _closest(word: str, names: list) -> str | None:
    wanted = _normal(word)
    for name in names:
        if _normal(name) == wanted:
            return name
    meant = sorted(_SYNONYMS.get(wanted, set()) & set(names))
    if meant:
        return meant[0]
    by_normal = {}
    for name in names:
        by_normal.setdefault(_normal(name), name)
    matches = difflib.get_close_matches(wanted, list(by_normal), n=1, cutoff=0.6)
    return by_normal[matches[0]] if matches else None


def allowed_hint(word, choices, vocab: str) -> dict:
    """Error parameters that make an "unknown value" message list what is allowed and point to
    ``verzuimcheck vocab <vocab>`` (rendered by messages.render_error)."""
    return {"allowed": allowed_values(word, choices), "vocab": vocab}


def allowed_values(word, choices, limit: int = ALLOWED_LIST_LIMIT) -> str:
    """The allowed values for an "unknown value" message: all of them when there are at most
    ``limit``, else the five closest to ``word`` followed by "…". Ranking costs a comparison with
    every name, so it is done only for the words did-you-mean may still look up in this file
    (its budget); past it the first five names are listed (``verzuimcheck vocab`` lists all)."""
    names = sorted({c for c in choices if isinstance(c, str)})
    if len(names) <= limit:
        return ", ".join(names)
    budget = _budget.get()
    ranked_ok = isinstance(word, str) and is_token(word) and len(names) <= MAX_CANDIDATES and (
        budget is None or word in budget.asked or len(budget.asked) < budget.limit)
    if not ranked_ok:  # free text must not steer what is shown, and the work stays bounded
        return ", ".join(names[:5]) + ", …"
    wanted = _normal(word)
    ranked = sorted(names, key=lambda n: (-difflib.SequenceMatcher(None, wanted, _normal(n)).ratio(), n))
    return ", ".join(ranked[:5]) + ", …"


@dataclass(frozen=True)
class InputError:
    """A problem with an input file: where it is and what is wrong.

    ``code`` names a message in the catalogue (``checker/messages.yaml``);
    ``params`` fill its placeholders. ``hint`` is a did-you-mean suggestion.
    """

    code: str
    file: str
    path: tuple | None = None  # None: the error is about the file, not a place in it
    line: int | None = None
    column: int | None = None
    params: tuple = ()
    hint: str | None = None

    @property
    def json_path(self) -> str | None:
        return json_path(self.path)

    def param_dict(self) -> dict:
        return dict(self.params)

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.column or 0, self.json_path or "", self.code, repr(self.params))

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.json_path,
            "params": self.param_dict(),
            "hint": self.hint,
        }


def make_error(code: str, file: str, path=None, line=None, column=None, hint=None, **params) -> InputError:
    """An InputError; every parameter not in OWN_PARAMS, and the hint, pass the gate
    (:func:`safe_echo`): input text is kept only when it is a short token."""
    params = {name: v if name in OWN_PARAMS else safe_echo(v) for name, v in params.items()}
    return InputError(code=code, file=file, path=None if path is None else tuple(path), line=line,
                      column=column, params=tuple(sorted(params.items())),
                      hint=hint if hint is None or is_token(hint) else None)


class CappedErrors(list):
    """A builder's errors: the first ``limit`` kept, the rest only counted (flat memory).

    A builder asks :meth:`counted_only` before making an error, so an error past the cap
    costs neither a hint, a position lookup nor memory; :meth:`collected` adds the
    ``errors.more`` line.
    """

    def __init__(self, file: str, limit: int) -> None:
        super().__init__()
        self.file, self.limit, self.more = file, limit, 0

    def counted_only(self) -> bool:
        """Whether the next error is past the cap; if so it is counted here, and the caller
        makes nothing for it (no message, no hint, no position)."""
        if len(self) < self.limit:
            return False
        self.more += 1
        return True

    def collected(self) -> list:
        return list(self) + ([make_error("errors.more", self.file, count=self.more)] if self.more else [])


@dataclass
class InputErrors(Exception):
    """All problems found in one or more input files."""

    errors: list = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(f"{len(self.errors)} input error(s)")
        self.errors = sorted(set(self.errors), key=InputError.sort_key)

    def __str__(self) -> str:  # useful in tests and --debug
        from .messages import render_error

        return "\n".join(render_error(e, "en") for e in self.errors)


def load_each(paths, loader) -> tuple:
    """(loaded objects, input errors) for every path: one bad file does not hide the others."""
    loaded, errors = [], []
    for path in paths:
        try:
            loaded.append(loader(path))
        except InputErrors as exc:
            errors.extend(exc.errors)
    return loaded, errors
