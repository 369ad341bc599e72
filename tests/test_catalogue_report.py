"""`ztiam controls`: the catalogue, the control x framework matrix and one framework's view."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from ztiam import compliance
from ztiam.catalogue_report import (
    ALIASES, DIRECT, SUPPORTING, framework_matrix, mappings, md_cell, render_catalogue,
    resolve_framework,
)
from ztiam.cli import app
from ztiam.controls import load_catalogue
from ztiam.errors import ZtiamError
from ztiam.resources import rego_dir

CATALOGUE = load_catalogue(rego_dir())
RUNNER = CliRunner()


def invoke(*args: str) -> str:
    result = RUNNER.invoke(app, ["controls", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_catalogue_text_lists_every_control() -> None:
    text = render_catalogue("text")
    for control in CATALOGUE:
        assert control.id in text
    assert "(s) supporting" in text


def test_catalogue_json_is_the_metadata_of_every_control() -> None:
    data = json.loads(render_catalogue("json"))
    assert [item["id"] for item in data] == [control.id for control in CATALOGUE]
    first = data[0]
    assert first["frameworks"] == CATALOGUE[0].frameworks
    assert first["supporting"] == CATALOGUE[0].supporting
    assert {"title", "constraint", "severity", "remediation", "limitations"} <= set(first)


def test_catalogue_markdown_marks_supporting_identifiers() -> None:
    text = render_catalogue("markdown")
    row = next(line for line in text.splitlines() if line.startswith("| ZT-IAM-05 "))
    assert "8.3.6, 8.3.7, 8.3.9, 8.3.1 (s)" in row
    assert "1.7, 1.8 (s)" in row
    assert "## Framework versions" in text
    assert "v4.0.1 (PCI SSC, June 2024)" in text


def test_catalogue_markdown_table_has_one_cell_per_framework() -> None:
    lines = [line for line in render_catalogue("markdown").splitlines() if line.startswith("| ")]
    widths = {line.replace("\\|", "").count("|") for line in lines}
    assert len(widths) == 1


def test_mappings_keep_direct_and_supporting_apart() -> None:
    control = next(c for c in CATALOGUE if c.id == "ZT-IAM-05")
    rows = {(row.framework, row.identifier): row.strength for row in mappings(control)}
    assert rows[("cis_aws", "1.7")] == DIRECT
    assert rows[("cis_aws", "1.8")] == SUPPORTING
    assert len(rows) == sum(len(v) for v in control.frameworks.values()) + sum(
        len(v) for v in control.supporting.values())


@pytest.mark.parametrize(("name", "key"), [*ALIASES.items(), ("soc2", "soc2"),
                                           ("PCI", "pci_dss"), ("nist_800_53", "nist_800_53")])
def test_resolve_framework_accepts_short_names_and_keys(name: str, key: str) -> None:
    assert resolve_framework(name, CATALOGUE) == key


def test_resolve_framework_unknown_names_the_flag_and_valid_names() -> None:
    with pytest.raises(ZtiamError) as caught:
        resolve_framework("iso27001", CATALOGUE)
    message = str(caught.value)
    assert message.startswith("--framework: unknown framework 'iso27001' (valid: ")
    assert "pci" in message and "ffiec" in message and "\n" not in message


def test_framework_matrix_lists_each_cited_identifier_with_controls() -> None:
    matrix = framework_matrix("cis_aws", CATALOGUE)
    by_id = {item["identifier"]: item for item in matrix["identifiers"]}
    assert by_id["1.8"]["controls"] == [{"id": "ZT-IAM-05", "title": by_id["1.8"]["controls"][0][
        "title"], "strength": SUPPORTING}]
    assert by_id["1.7"]["crosswalk"] == {"v6": "2.7", "v7": "2.8"}
    assert matrix["version"] == compliance.identifiers()["frameworks"]["cis_aws"]["version"]


def test_framework_matrix_never_shows_unconfirmed_as_confirmed() -> None:
    for key in ("pci_dss", "nist_800_53", "soc2", "nydfs", "cis_aws", "sox_itgc", "ffiec"):
        for item in framework_matrix(key, CATALOGUE)["identifiers"]:
            assert item["confirmed"] == compliance.is_confirmed(key, item["identifier"])


def test_cli_controls_framework_pci_shows_identifiers_and_paraphrases() -> None:
    output = invoke("--framework", "pci")
    paraphrase = compliance.lookup("pci_dss", "8.3.6")["paraphrase"]
    assert "PCI DSS" in output and "v4.0.1 (PCI SSC, June 2024)" in output
    assert "8.3.6" in output and " ".join(paraphrase.split()[:4]) in output
    assert "ZT-IAM-05" in output
    assert "8.4.2" in output and "ZT-IAM-04 (s)" in output


def test_cli_controls_framework_pci_markdown_has_full_paraphrases() -> None:
    output = invoke("--framework", "pci", "--format", "markdown")
    for identifier in ("7.2.1", "8.3.6", "10.2.1"):
        paraphrase = compliance.lookup("pci_dss", identifier)["paraphrase"]
        line = next(row for row in output.splitlines() if row.startswith(f"| {identifier} "))
        assert f"| {md_cell(paraphrase)} |" in line


def test_cli_controls_framework_shows_weaker_notes() -> None:
    cis = invoke("--framework", "cis", "--format", "markdown")
    assert "## Weaker than the framework" in cis
    assert "12 remembered passwords" in cis and "24 remembered passwords" in cis
    nydfs = invoke("--framework", "nydfs", "--format", "markdown")
    assert "500.12" in nydfs and "MFA for any individual" in nydfs
    pci = invoke("--framework", "pci", "--format", "markdown")
    assert "8.4.2" in pci and "non-console access" in pci


def test_cli_controls_framework_json_parses() -> None:
    data = json.loads(invoke("--framework", "nist", "--format", "json"))
    assert data["framework"] == "nist_800_53"
    assert data["version"].startswith("Rev. 5")
    assert all(item["paraphrase"] and item["controls"] for item in data["identifiers"])


def test_cli_controls_unknown_framework_is_a_ztiam_error() -> None:
    result = RUNNER.invoke(app, ["controls", "--framework", "hipaa"])
    assert isinstance(result.exception, ZtiamError)
    assert "--framework" in str(result.exception)


def test_cli_controls_default_is_the_catalogue() -> None:
    output = invoke()
    assert all(control.id in output for control in CATALOGUE)
