"""JSON for other programs that a person can still read, written at the C encoder's speed.

``json.dumps(indent=2)`` falls back to the pure-Python encoder: for 20,000 clubs it takes
about a second. Here the outer levels are indented and everything deeper sits on one line
(one club, one finding per line), encoded by the C encoder.
"""

from __future__ import annotations

import json


def dumps(doc: object, expand: int = 4) -> str:
    """``doc`` as JSON, indented for ``expand`` levels of nesting, compact below them."""
    compact = json.JSONEncoder(ensure_ascii=False, default=str, separators=(", ", ": ")).encode
    parts: list[str] = []

    def write(value: object, depth: int) -> None:
        if depth >= expand or not isinstance(value, dict | list) or not value:
            parts.append(compact(value))
            return
        pad = "\n" + "  " * (depth + 1)
        if isinstance(value, dict):
            parts.append("{")
            for i, (key, item) in enumerate(value.items()):
                parts.append(("," if i else "") + pad + compact(str(key)) + ": ")
                write(item, depth + 1)
            parts.append("\n" + "  " * depth + "}")
        else:
            parts.append("[")
            for i, item in enumerate(value):
                parts.append(("," if i else "") + pad)
                write(item, depth + 1)
            parts.append("\n" + "  " * depth + "]")

    write(doc, 0)
    return "".join(parts)
