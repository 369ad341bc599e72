"""Write Python values as HCL expressions, laid out the way ``terraform fmt`` lays them out."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

INDENT = "  "
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_KEYWORDS = frozenset({"true", "false", "null", "for", "in", "if", "endif", "endfor"})
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_INLINE_WIDTH = 80


class Raw(str):
    """An HCL expression written as is, such as ``module.role.arn``."""


def hcl_string(text: str) -> str:
    """Quote ``text`` as an HCL string literal with no interpolation or template directives."""
    escaped = "".join(_ESCAPES.get(char, char) for char in text)
    return '"' + escaped.replace("${", "$${").replace("%{", "%%{") + '"'


def hcl_key(key: str) -> str:
    """An object key: bare when it is a plain identifier, quoted otherwise."""
    if _IDENTIFIER.fullmatch(key) and key not in _KEYWORDS:
        return key
    return hcl_string(key)


def hcl_value(value: object, level: int = 0) -> str:
    """Render ``value`` as an HCL expression whose first line sits at indent ``level``."""
    if isinstance(value, Mapping):
        return _object(value, level)
    if isinstance(value, Sequence) and not isinstance(value, str):
        return _list(value, level)
    return _scalar(value)


def _scalar(value: object) -> str:
    if isinstance(value, Raw):
        return str(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return hcl_string(value)
    raise TypeError(f"cannot write {type(value).__name__} as HCL")


def _list(items: Sequence[object], level: int) -> str:
    if not items:
        return "[]"
    if all(not isinstance(item, Mapping | list | tuple) for item in items):
        inline = "[" + ", ".join(_scalar(item) for item in items) + "]"
        if len(inline) <= _INLINE_WIDTH:
            return inline
    inner = INDENT * (level + 1)
    lines = [f"{inner}{hcl_value(item, level + 1)}," for item in items]
    return "[\n" + "\n".join(lines) + "\n" + INDENT * level + "]"


def _object(mapping: Mapping[str, object], level: int) -> str:
    if not mapping:
        return "{}"
    inner = INDENT * (level + 1)
    lines = [f"{inner}{hcl_key(key)} = {hcl_value(val, level + 1)}" for key, val in mapping.items()]
    return "{\n" + "\n".join(lines) + "\n" + INDENT * level + "}"


def jsonencode(document: Mapping[str, object], level: int = 0) -> str:
    """A policy or pattern document as ``jsonencode({...})`` with an HCL object literal."""
    return f"jsonencode({_object(document, level)})"


def align_assignments(text: str) -> str:
    """Align the ``=`` of consecutive single-line attributes, as ``terraform fmt`` does.

    A line whose value opens a bracket it does not close ends the run, and so does any line
    that is not an attribute; every other ``key = value`` gets exactly one space after its key.
    """
    lines = text.split("\n")
    run: list[tuple[int, str, str]] = []
    for index, line in enumerate([*lines, ""]):
        parts = _attribute(line)
        if parts is not None:
            lines[index] = f"{parts[0]} {parts[1]}"
        if parts is None or _net_brackets(parts[1]) != 0:
            _pad(lines, run)
            run = []
        else:
            run.append((index, *parts))
    return "\n".join(lines)


def _attribute(line: str) -> tuple[str, str] | None:
    """Split ``  key = value`` into the indented key and the text from ``=`` on."""
    stripped = line.lstrip()
    if not stripped or stripped.startswith(("#", "//")):
        return None
    key_end = _key_end(stripped)
    if key_end is None:
        return None
    rest = stripped[key_end:].lstrip(" ")
    if not rest.startswith("=") or rest.startswith("=="):
        return None
    return line[: len(line) - len(stripped) + key_end], rest


def _pad(lines: list[str], run: list[tuple[int, str, str]]) -> None:
    width = max((len(lead) for _, lead, _ in run), default=0)
    for index, lead, rest in run:
        lines[index] = f"{lead.ljust(width)} {rest}"


def _key_end(text: str) -> int | None:
    if text.startswith('"'):
        end = _string_end(text, 0)
        return None if end is None else end + 1
    match = re.match(r"[A-Za-z_][A-Za-z0-9_-]*", text)
    return match.end() if match else None


def _string_end(text: str, start: int) -> int | None:
    index = start + 1
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text[index] == '"':
            return index
        index += 1
    return None


def _net_brackets(text: str) -> int:
    """Opening minus closing brackets outside string literals."""
    depth, index = 0, 0
    while index < len(text):
        char = text[index]
        if char == '"':
            end = _string_end(text, index)
            index = len(text) if end is None else end + 1
            continue
        depth += (char in "([{") - (char in ")]}")
        index += 1
    return depth


def tidy(text: str) -> str:
    """Strip trailing spaces, collapse blank runs, align attributes, end with one newline."""
    lines = [line.rstrip() for line in text.strip("\n").split("\n")]
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return align_assignments("\n".join(kept)) + "\n"
