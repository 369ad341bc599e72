"""The control catalogue and its mapping to frameworks, for people: text, JSON and Markdown.

Everything comes from the controls' METADATA blocks and the framework identifier data; nothing
here re-types an id, a title or a paraphrase.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.table import Table

from ztiam import compliance
from ztiam.controls import Control, load_catalogue
from ztiam.errors import ZtiamError
from ztiam.resources import rego_dir

FRAMEWORK_ORDER = ("pci_dss", "nist_800_53", "soc2", "nydfs", "cis_aws", "sox_itgc", "ffiec")
ALIASES = {"pci": "pci_dss", "nist": "nist_800_53", "cis": "cis_aws", "sox": "sox_itgc"}
LABELS = {
    "pci_dss": "PCI DSS", "nist_800_53": "NIST 800-53", "soc2": "SOC 2", "nydfs": "NYDFS",
    "cis_aws": "CIS AWS", "sox_itgc": "SOX ITGC", "ffiec": "FFIEC",
}
DIRECT, SUPPORTING = "direct", "supporting"
FORMATS = ("text", "json", "markdown")


@dataclass(frozen=True)
class Mapping:
    """One identifier a control maps to, and whether it meets it (direct) or only supports it."""

    framework: str
    identifier: str
    strength: str

    @property
    def marked(self) -> str:
        """The identifier with the supporting mark, as the compliance map writes it."""
        return f"{self.identifier} (s)" if self.strength == SUPPORTING else self.identifier


def mappings(control: Control) -> list[Mapping]:
    """Every identifier of the control, framework by framework, direct before supporting."""
    rows = []
    for framework in ordered_frameworks([control]):
        rows += [Mapping(framework, i, DIRECT) for i in control.frameworks.get(framework, [])]
        rows += [Mapping(framework, i, SUPPORTING) for i in control.supporting.get(framework, [])]
    return rows


def ordered_frameworks(controls: Iterable[Control]) -> list[str]:
    """The framework keys the controls cite (even with no identifiers), in the matrix order."""
    keys = {key for c in controls for key in (*c.frameworks, *c.supporting)}
    return [key for key in FRAMEWORK_ORDER if key in keys] + sorted(keys - set(FRAMEWORK_ORDER))


def framework_info(key: str) -> dict[str, Any]:
    """The identifier data of one framework: name, version pin and identifiers."""
    return compliance.identifiers()["frameworks"].get(key, {})


def framework_version(key: str) -> str:
    """The version pin of a framework, as the identifier data states it."""
    return str(framework_info(key).get("version", "version not recorded"))


def mapping_source() -> str:
    """Which identifier data the mappings come from, with its compile date."""
    data = compliance.identifiers()
    return (f"framework identifier data version {data.get('version', '?')}, compiled "
            f"{data.get('compiled', '?')}; not legal advice")


def weaker_notes(framework: str | None = None) -> list[str]:
    """Where the company's value is weaker or narrower than a framework, one sentence each."""
    notes = []
    for entry in compliance.identifiers().get("weaker", []):
        if framework is None or entry["framework"] == framework:
            label = LABELS.get(entry["framework"], entry["framework"])
            note = f"; {entry['note']}" if entry.get("note") else ""
            notes.append(f"{label} {entry['id']}: the company requires {entry['company']}; "
                         f"the framework expects {entry['framework_value']}{note}")
    return notes


def resolve_framework(name: str, controls: Iterable[Control]) -> str:
    """The framework key for a name the user gave, or ZtiamError naming --framework."""
    keys = set(ordered_frameworks(controls)) | set(compliance.identifiers()["frameworks"])
    key = ALIASES.get(name.strip().lower(), name.strip().lower())
    if key in keys:
        return key
    valid = sorted(set(ALIASES) | keys)
    raise ZtiamError(f"--framework: unknown framework {name!r} (valid: {', '.join(valid)})")


def render_catalogue(fmt: str, framework: str | None = None) -> str:
    """The catalogue in ``fmt`` (text, json, markdown), or one framework's matrix."""
    controls = load_catalogue(rego_dir())
    if fmt not in FORMATS:
        raise ZtiamError(f"--format: unknown catalogue format {fmt!r}")
    if framework is None:
        return _CATALOGUE_RENDERERS[fmt](controls)
    matrix = framework_matrix(resolve_framework(framework, controls), controls)
    return _FRAMEWORK_RENDERERS[fmt](matrix)


def framework_matrix(key: str, controls: list[Control]) -> dict[str, Any]:
    """One framework: its version pin and each cited identifier with paraphrase and controls."""
    cited = _cited(key, controls)
    listed = list(framework_info(key).get("identifiers", {}))
    order = [i for i in listed if i in cited] + sorted(set(cited) - set(listed))
    return {
        "framework": key, "name": framework_info(key).get("name", key),
        "version": framework_version(key), "source": mapping_source(),
        "identifiers": [_identifier(key, i, cited[i]) for i in order],
        "weaker": weaker_notes(key),
    }


def _cited(key: str, controls: list[Control]) -> dict[str, list[dict[str, str]]]:
    """The identifiers of one framework that controls cite, with the controls citing each."""
    cited: dict[str, list[dict[str, str]]] = {}
    for control in controls:
        for row in mappings(control):
            if row.framework == key:
                cited.setdefault(row.identifier, []).append(
                    {"id": control.id, "title": control.title, "strength": row.strength})
    return cited


def _identifier(key: str, identifier: str, controls: list[dict[str, str]]) -> dict[str, Any]:
    entry = compliance.lookup(key, identifier) or {}
    crosswalk = {name: entry[name] for name in ("v6", "v7") if name in entry}
    return {
        "identifier": identifier,
        "paraphrase": entry.get("paraphrase", "(not in the framework identifier data)"),
        "confirmed": compliance.is_confirmed(key, identifier),
        "note": entry.get("note", ""), "crosswalk": crosswalk, "controls": controls,
    }


def _json(value: Any) -> str:
    return json.dumps(value, indent=2) + "\n"


def _catalogue_json(controls: list[Control]) -> str:
    return _json([_control_dict(control) for control in controls])


def _control_dict(control: Control) -> dict[str, Any]:
    return {
        "id": control.id, "title": control.title, "description": control.description,
        "constraint": control.constraint, "severity": control.severity,
        "applies_to": control.applies_to, "subject": control.subject,
        "rationale": control.rationale, "remediation": control.remediation,
        "limitations": control.limitations, "frameworks": control.frameworks,
        "supporting": control.supporting, "package": control.package,
    }


def frameworks_cell(control: Control, framework: str | None = None) -> str:
    """The control's identifiers in one framework ('7.2.1, 7.3.3 (s)'), or in all of them."""
    rows = [row for row in mappings(control) if framework in (None, row.framework)]
    if framework is not None:
        return ", ".join(row.marked for row in rows)
    by_framework: dict[str, list[str]] = {}
    for row in rows:
        by_framework.setdefault(row.framework, []).append(row.marked)
    return "; ".join(f"{LABELS.get(k, k)} {', '.join(ids)}" for k, ids in by_framework.items())


def _render(*items: Any, width: int = 120) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=False, no_color=True)
    for item in items:
        console.print(item, markup=False, highlight=False)
    return buffer.getvalue()


def _catalogue_text(controls: list[Control]) -> str:
    table = Table(pad_edge=False, show_lines=True)
    for column in ("control", "constraint", "severity", "title", "frameworks"):
        table.add_column(column, no_wrap=column in ("control", "constraint", "severity"))
    for c in controls:
        constraint = str(c.constraint) if c.constraint is not None else "-"
        table.add_row(c.id, constraint, c.severity, c.title, frameworks_cell(c))
    notes = ["(s) supporting: helps evidence the requirement but does not meet it alone.",
             mapping_source() + "."]
    return _render(table, *notes, *_weaker_lines(weaker_notes()))


def _weaker_lines(notes: list[str]) -> list[str]:
    if not notes:
        return []
    return ["Weaker than the framework (not reported as met from these controls):",
            *[f"  - {note}" for note in notes]]


def _framework_text(matrix: dict[str, Any]) -> str:
    table = Table(pad_edge=False, show_lines=True)
    for column in ("identifier", "paraphrase", "controls"):
        table.add_column(column, no_wrap=column == "identifier")
    for item in matrix["identifiers"]:
        table.add_row(_identifier_label(item), _paraphrase(item), _controls_cell(item))
    head = f"{matrix['name']} ({matrix['framework']})\nversion: {matrix['version']}"
    notes = ["(s) supporting: the control helps evidence the requirement but does not meet it "
             "alone.", matrix["source"] + "."]
    return _render(head, table, *notes, *_weaker_lines(matrix["weaker"]))


def _identifier_label(item: dict[str, Any]) -> str:
    crosswalk = " ".join(f"[{name} {value}]" for name, value in item["crosswalk"].items())
    return f"{item['identifier']} {crosswalk}".strip()


def _paraphrase(item: dict[str, Any]) -> str:
    text = item["paraphrase"]
    if item["note"]:
        text += f" ({item['note']})"
    return text if item["confirmed"] else f"{text} UNCONFIRMED"


def _controls_cell(item: dict[str, Any]) -> str:
    return ", ".join(c["id"] + (" (s)" if c["strength"] == SUPPORTING else "")
                     for c in item["controls"])


def md_cell(text: str) -> str:
    """Text safe inside one Markdown table cell: punctuation escaped, one line."""
    escaped = "".join(f"\\{ch}" if ch in _MD_SPECIAL else ch for ch in str(text))
    return " ".join(escaped.split())


_MD_SPECIAL = frozenset("\\`*_[]<>|~&#")


def _catalogue_markdown(controls: list[Control]) -> str:
    keys = ordered_frameworks(controls)
    lines = ["# ztiam control matrix", "",
             "| control | constraint | severity | title | "
             + " | ".join(LABELS.get(k, k) for k in keys) + " |",
             "|" + "---|" * (4 + len(keys))]
    for c in controls:
        cells = [c.id, str(c.constraint or "-"), c.severity, c.title]
        cells += [frameworks_cell(c, key) or "-" for key in keys]
        lines.append("| " + " | ".join(md_cell(cell) for cell in cells) + " |")
    return "\n".join(lines + ["", *_versions_markdown(keys), *_notes_markdown(weaker_notes())])


def _versions_markdown(keys: list[str]) -> list[str]:
    lines = ["## Framework versions", ""]
    lines += [f"- {md_cell(LABELS.get(k, k))}: {md_cell(framework_version(k))}" for k in keys]
    return lines + ["", "(s) marks a supporting mapping: the control helps evidence the "
                    "requirement but does not meet it alone.", "",
                    md_cell(mapping_source()) + ".", ""]


def _notes_markdown(notes: list[str]) -> list[str]:
    if not notes:
        return []
    lines = ["## Weaker than the framework", "",
             "Not reported as met from these controls on their own:", ""]
    return lines + [f"- {md_cell(note)}" for note in notes] + [""]


def _framework_markdown(matrix: dict[str, Any]) -> str:
    lines = [f"# {md_cell(matrix['name'])}", "", f"Version: {md_cell(matrix['version'])}", "",
             "| identifier | paraphrase | controls |", "|---|---|---|"]
    for item in matrix["identifiers"]:
        cells = (_identifier_label(item), _paraphrase(item), _controls_cell(item))
        lines.append("| " + " | ".join(md_cell(cell) for cell in cells) + " |")
    lines += ["", "(s) marks a supporting mapping: the control helps evidence the requirement "
              "but does not meet it alone.", "", md_cell(matrix["source"]) + ".", ""]
    return "\n".join(lines + _notes_markdown(matrix["weaker"]))


_CATALOGUE_RENDERERS = {
    "text": _catalogue_text, "json": _catalogue_json, "markdown": _catalogue_markdown,
}
_FRAMEWORK_RENDERERS = {"text": _framework_text, "json": _json, "markdown": _framework_markdown}
