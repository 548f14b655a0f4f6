"""Safe text for every writer: input-derived text escaped for the syntax it is written in.

Loading already refuses control characters in ids and enum values (docs/errors.md),
so these functions are the second line: whatever reaches a writer (an id, a subject,
a file name, evidence) cannot move the cursor, clear the screen, reorder a line,
close a quoted string, open an HTML tag or end a diagram statement.

* :func:`safe_text`: plain text for a terminal, a table cell or a comment line;
* :func:`dot_quoted`: a Graphviz double-quoted string;
* :func:`mermaid_text`: text inside a mermaid label or a ``%%`` comment;
* :func:`markdown_cell`, :func:`html_text`: for writers that produce those syntaxes.

Writers call these on every value that did not come from our own catalogue.
"""
from __future__ import annotations

import html
import re

#: Characters that control a terminal or the order in which text is shown: C0 and C1
#: controls (tab and newline included: one value is one line), DEL, the bidi controls,
#: zero-width and other format characters, and the Unicode line and paragraph separators.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]")


def _visible(match) -> str:
    return f"\\u{ord(match.group()):04x}"


def safe_text(text) -> str:
    """``text`` with every control or format character shown as a visible ``\\uXXXX``."""
    return UNSAFE.sub(_visible, str(text))


def dot_quoted(text) -> str:
    """A Graphviz double-quoted string: backslash and quote escaped, controls made visible
    (so an id cannot end the string, the statement or the graph)."""
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + UNSAFE.sub(lambda m: "\\" + _visible(m), escaped) + '"'


#: Characters with a meaning in mermaid labels, links or its HTML rendering; written as
#: mermaid's entity codes (``#60;`` for ``<``), ``#`` first so codes are not re-escaped.
_MERMAID = {c: f"#{ord(c)};" for c in '#"<>&`|'}


def mermaid_text(text) -> str:
    """Text inside a quoted mermaid label (``["..."]``) or a comment: quotes, pipes,
    backticks, HTML and entity starts as entity codes; controls and line breaks as
    visible escapes (a line break would end the statement). Brackets stay: inside
    the quotes they are text."""
    return "".join(_MERMAID.get(c, c) for c in safe_text(text))


def markdown_cell(text) -> str:
    """Text for one Markdown table cell: pipes, backticks, HTML and brackets escaped."""
    out = html.escape(safe_text(text), quote=True)
    for char in "\\`|*_[]#":
        out = out.replace(char, "\\" + char)
    return out


def html_text(text) -> str:
    """Text for HTML content or a quoted attribute value."""
    return html.escape(safe_text(text), quote=True)
