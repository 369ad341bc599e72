"""The control reference pages, their index and the compliance matrix, generated from METADATA.

``python -m ztiam.docgen`` writes ``docs/controls/<ID>.md``, ``docs/controls/README.md`` and
``docs/compliance-matrix.md``; with ``--check`` it writes nothing, names every file that is
stale, missing or extra, and exits 1 when there is one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ztiam import compliance
from ztiam.catalogue_report import (
    LABELS, SUPPORTING, Mapping, framework_info, framework_version, mapping_source, mappings,
    md_cell, ordered_frameworks,
)
from ztiam.controls import CONTROLS_DIR, Control, load_catalogue
from ztiam.errors import ZtiamError

ROOT = Path(__file__).resolve().parents[2]
PAGES_DIR = "docs/controls"
INDEX = f"{PAGES_DIR}/README.md"
MATRIX = "docs/compliance-matrix.md"
COMMAND = "python -m ztiam.docgen"
SECTIONS = ("Summary", "Frameworks", "Avoid", "Prefer", "Rationale", "Remediation",
            "Limitations")
FACTS = ("Id", "Severity", "Constraint", "Applies to", "In scope", "Rule")

# The company's mandatory constraints, in the words of the design.
CONSTRAINTS: dict[int, str] = {
    1: "every IAM policy's Allow statements carry conditions on at least 3 distinct "
       "condition keys",
    2: "cross-account access only from allow-listed account ids, with sts:ExternalId",
    3: "every role's sessions last at most 4 hours (external access 2 hours)",
    4: "MFA for every administrative action",
    5: "access logging with CloudWatch integration",
    6: "password policy: 14+ characters, all four character classes, 90-day expiry, "
       "12 remembered",
    7: "service-linked roles declared explicitly, never left to auto-creation",
    8: "every policy explicitly denies unapproved regions (global services exempted)",
    9: "resource-based policies carry time-based restrictions",
}
ACCOUNT_KINDS = {
    "workload": "workload accounts (dev, staging, prod)",
    "logging": "the central logging account",
}
SUBJECTS = {
    "human_roles": "roles that people or partners assume",
    "external_access": "cross-account access",
    "trail": "a CloudTrail trail",
    "password_policy": "an account password policy",
    "data_buckets": "data buckets",
}
_LEGEND = ("A direct mapping means the framework requires what the control checks, or most of "
           "it; a supporting one (marked (s) in the matrix) means the control helps evidence "
           "the requirement but does not meet it alone.")


def render_all(controls: list[Control]) -> dict[str, str]:
    """Every generated file, by path relative to the repository root."""
    controls = sorted(controls, key=lambda control: control.id)
    pages = {f"{PAGES_DIR}/{control.id}.md": render_page(control) for control in controls}
    pages[INDEX] = render_index(controls)
    pages[MATRIX] = render_matrix(controls)
    return dict(sorted(pages.items()))


def out_of_date(root: Path, rendered: dict[str, str]) -> list[str]:
    """``<path>: stale|missing|extra`` for every file that differs from ``rendered``."""
    problems = []
    for relative, text in rendered.items():
        path = root / relative
        if not path.is_file():
            problems.append(f"{relative}: missing")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"{relative}: stale")
    problems += [f"{relative}: extra" for relative in _extra(root, rendered)]
    return sorted(problems)


def write_all(root: Path, rendered: dict[str, str]) -> list[str]:
    """Write the changed files and remove extra pages; the paths touched."""
    touched = []
    for relative, text in rendered.items():
        path = root / relative
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            touched.append(relative)
    for relative in _extra(root, rendered):
        (root / relative).unlink()
        touched.append(relative)
    return touched


def _extra(root: Path, rendered: dict[str, str]) -> list[str]:
    """Markdown files in the pages directory that the generator would not write."""
    found = (root / PAGES_DIR).glob("*.md")
    return sorted(f"{PAGES_DIR}/{path.name}" for path in found
                  if f"{PAGES_DIR}/{path.name}" not in rendered)


def render_page(control: Control) -> str:
    """The reference page of one control."""
    lines = [f"# {control.id}: {md_cell(control.title)}", "", _generated_note(control), ""]
    lines += _facts(control)
    lines += _section("Summary", [md_cell(control.description)])
    lines += _section("Frameworks", _frameworks(control))
    lines += _section("Avoid", _hcl(control.avoid))
    lines += _section("Prefer", _hcl(control.prefer))
    lines += _section("Rationale", [md_cell(control.rationale)])
    lines += _section("Remediation", [md_cell(control.remediation)])
    lines += _section("Limitations", [md_cell(control.limitations)])
    return "\n".join(lines + [""])


def _generated_note(control: Control) -> str:
    return (f"Generated by `{COMMAND}` from the METADATA block of `{_rule_path(control)}`; "
            "edit that block, not this page.")


def _rule_path(control: Control) -> str:
    return f"rego/{CONTROLS_DIR}/{control.path.name}"


def _facts(control: Control) -> list[str]:
    """The table of the control's identity and scope."""
    rows = [
        ("Id", f"`{control.id}`"), ("Severity", control.severity),
        ("Constraint", md_cell(constraint_text(control.constraint))),
        ("Applies to", md_cell(_applies_to(control.applies_to))),
        ("In scope", md_cell(_in_scope(control.subject))),
        ("Rule", f"`{_rule_path(control)}`, package `{control.package}`"),
    ]
    return ["| | |", "|---|---|", *[f"| {name} | {value} |" for name, value in rows]]


def constraint_text(constraint: int | None) -> str:
    """The constraint's number and words, or a note that the control enforces none of them."""
    if constraint is None:
        return "none of the nine mandatory constraints"
    return f"{constraint}: {CONSTRAINTS.get(constraint, 'not in the list of constraints')}"


def _applies_to(kinds: list[str]) -> str:
    return ", ".join(ACCOUNT_KINDS.get(kind, kind) for kind in kinds) or "no account kind"


def _in_scope(subject: str | None) -> str:
    if subject is None:
        return "nothing is required: with nothing in scope the control is not applicable"
    what = SUBJECTS.get(subject, subject)
    return (f"required where the blueprint has {what} ({subject}): with nothing in scope there "
            "the control fails")


def _section(title: str, body: list[str]) -> list[str]:
    return ["", f"## {title}", "", *body]


def _hcl(snippet: str) -> list[str]:
    return ["```hcl", *snippet.rstrip("\n").splitlines(), "```"]


def _frameworks(control: Control) -> list[str]:
    """Per framework: its version pin and every confirmed identifier with its paraphrase."""
    rows = mappings(control)
    shown = [row for row in rows if compliance.is_confirmed(row.framework, row.identifier)]
    if not shown:
        lines = ["No confirmed framework identifier is mapped to this control."]
    else:
        lines = [_LEGEND]
        for framework in ordered_frameworks([control]):
            lines += _framework_table(framework, [r for r in shown if r.framework == framework])
    return lines + _withheld(rows, shown) + _weaker(rows)


def _framework_table(framework: str, rows: list[Mapping]) -> list[str]:
    if not rows:
        return []
    lines = ["", f"### {md_cell(framework_name(framework))}", "",
             f"Version: {md_cell(framework_version(framework))}", "",
             "| identifier | strength | requirement (paraphrase) |", "|---|---|---|"]
    for row in rows:
        cells = (identifier_label(framework, row.identifier), row.strength,
                 paraphrase(framework, row.identifier))
        lines.append("| " + " | ".join(md_cell(cell) for cell in cells) + " |")
    return lines


def framework_name(framework: str) -> str:
    """The framework's name as the identifier data states it."""
    return str(framework_info(framework).get("name", LABELS.get(framework, framework)))


def identifier_label(framework: str, identifier: str) -> str:
    """The identifier with its crosswalk to later numbering (CIS v6 and v7), if any."""
    entry = compliance.lookup(framework, identifier) or {}
    crosswalk = ", ".join(f"{name} {entry[name]}" for name in ("v6", "v7") if name in entry)
    return f"{identifier} [{crosswalk}]" if crosswalk else identifier


def paraphrase(framework: str, identifier: str) -> str:
    """The paraphrase of the requirement, with the identifier data's note."""
    entry = compliance.lookup(framework, identifier) or {}
    text = str(entry.get("paraphrase", ""))
    return f"{text} ({entry['note']})" if entry.get("note") else text


def _withheld(rows: list[Mapping], shown: list[Mapping]) -> list[str]:
    """A note naming mappings not shown because their identifiers are not confirmed."""
    hidden = [row for row in rows if row not in shown]
    if not hidden:
        return []
    names = ", ".join(f"{LABELS.get(r.framework, r.framework)} {r.identifier}" for r in hidden)
    return ["", md_cell(f"Withheld until confirmed against a retrieved source (UNCONFIRMED or "
                        f"not in the identifier data), so not shown as mappings: {names}.")]


def _weaker(rows: list[Mapping]) -> list[str]:
    """Notes on the mapped identifiers where the company's value is weaker than the framework."""
    mapped = {(row.framework, row.identifier) for row in rows}
    entries = [e for e in weaker_entries() if (e["framework"], e["id"]) in mapped]
    if not entries:
        return []
    lines = ["", "Where the company's value is weaker than the framework (not met by this "
             "control on its own):", ""]
    return lines + [f"- {md_cell(weaker_sentence(entry))}" for entry in entries]


def weaker_entries() -> list[dict[str, Any]]:
    """The identifier data's list of requirements the company's values fall short of."""
    return list(compliance.identifiers().get("weaker", []))


def weaker_sentence(entry: dict[str, Any]) -> str:
    """One sentence on a requirement the company's value falls short of."""
    label = LABELS.get(entry["framework"], entry["framework"])
    note = f"; {entry['note']}" if entry.get("note") else ""
    return (f"{label} {entry['id']}: the company requires {entry['company']}; the framework "
            f"expects {entry['framework_value']}{note}")


def render_index(controls: list[Control]) -> str:
    """The index of the control pages, with the constraints each control enforces."""
    lines = ["# Control reference", "", _index_note(), "",
             "| id | constraint | severity | title | page |", "|---|---|---|---|---|"]
    for c in controls:
        cells = [c.id, str(c.constraint or "-"), c.severity, md_cell(c.title)]
        lines.append("| " + " | ".join(cells) + f" | [{c.id}.md]({c.id}.md) |")
    lines += ["", "## Mandatory constraints", "", "| constraint | requirement | controls |",
              "|---|---|---|"]
    for number, words in CONSTRAINTS.items():
        ids = ", ".join(c.id for c in controls if c.constraint == number) or "none"
        lines.append(f"| {number} | {md_cell(words)} | {ids} |")
    return "\n".join(lines + [""])


def _index_note() -> str:
    return (f"Generated by `{COMMAND}` from the controls' METADATA blocks in `rego/controls/`. "
            "Each page gives what the control checks, its framework mappings, a configuration "
            "to avoid and one to prefer, and what the control cannot see. The "
            "[compliance matrix](../compliance-matrix.md) maps every control to every "
            "framework; [the compliance guide](../compliance.md) explains how to read them.")


def render_matrix(controls: list[Control]) -> str:
    """The control x framework matrix, the version pins and the weaker-than-framework notes."""
    keys = ordered_frameworks(controls)
    lines = ["# Compliance matrix", "", _matrix_note(), "",
             "| control | constraint | title | "
             + " | ".join(LABELS.get(k, k) for k in keys) + " |",
             "|" + "---|" * (3 + len(keys))]
    for c in controls:
        cells = [f"[{c.id}](controls/{c.id}.md)", str(c.constraint or "-"), md_cell(c.title)]
        cells += [md_cell(_matrix_cell(c, key)) or "-" for key in keys]
        lines.append("| " + " | ".join(cells) + " |")
    lines += _versions(keys) + _weaker_section() + _by_framework(keys, controls)
    return "\n".join(lines + [""])


def _matrix_note() -> str:
    return (f"Generated by `{COMMAND}` from the controls' METADATA blocks and the framework "
            "identifier data. (s) marks a supporting mapping: the control helps evidence the "
            "requirement but does not meet it alone. Only identifiers confirmed against a "
            f"retrieved source are shown. Source: {md_cell(mapping_source())}.")


def _matrix_cell(control: Control, framework: str) -> str:
    rows = [row for row in mappings(control) if row.framework == framework]
    return ", ".join(row.marked for row in rows
                     if compliance.is_confirmed(framework, row.identifier))


def _versions(keys: list[str]) -> list[str]:
    lines = ["", "## Framework versions", "", "| framework | version |", "|---|---|"]
    return lines + [f"| {md_cell(framework_name(k))} | {md_cell(framework_version(k))} |"
                    for k in keys]


def _weaker_section() -> list[str]:
    lines = ["", "## Weaker than the framework", "",
             "No control is reported as meeting these requirements on its own:", ""]
    return lines + [f"- {md_cell(weaker_sentence(entry))}" for entry in weaker_entries()]


def _by_framework(keys: list[str], controls: list[Control]) -> list[str]:
    """Per framework, each confirmed identifier cited, its paraphrase and its controls."""
    lines = ["", "## Identifiers by framework"]
    for key in keys:
        rows = _identifier_rows(key, controls)
        if rows:
            lines += ["", f"### {md_cell(framework_name(key))}", "",
                      "| identifier | requirement (paraphrase) | controls |", "|---|---|---|"]
            lines += rows
    return lines


def _identifier_rows(key: str, controls: list[Control]) -> list[str]:
    cited: dict[str, list[str]] = {}
    for control in controls:
        for row in mappings(control):
            if row.framework == key and compliance.is_confirmed(key, row.identifier):
                cited.setdefault(row.identifier, []).append(
                    control.id + (" (s)" if row.strength == SUPPORTING else ""))
    listed = list(framework_info(key).get("identifiers", {}))
    return [f"| {md_cell(identifier_label(key, i))} | {md_cell(paraphrase(key, i))} | "
            f"{md_cell(', '.join(cited[i]))} |" for i in listed if i in cited]


def main(argv: list[str] | None = None) -> int:
    """Write the generated docs, or with ``--check`` report the out-of-date ones."""
    args = _parser().parse_args(argv)
    try:
        rendered = render_all(load_catalogue(args.root / "rego"))
    except ZtiamError as exc:
        print(f"ztiam.docgen: error: {exc}", file=sys.stderr)
        return 2
    if args.check:
        return _report(out_of_date(args.root, rendered))
    for relative in write_all(args.root, rendered):
        print(f"wrote {relative}", file=sys.stderr)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=COMMAND, description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 naming every stale, missing or extra file")
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the repository root (default: this checkout)")
    return parser


def _report(problems: list[str]) -> int:
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} generated file(s) out of date; run {COMMAND}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
