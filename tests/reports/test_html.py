"""The HTML report: one self-contained page, rendered by headless Chromium and read back."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reports.report_support import COUNTED, EVIDENCE_NOTE, HOSTILE, PARTNER, sample_report
from ztiam.reports import html

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")
EXTERNAL = {"script", "link", "img", "iframe", "object", "embed", "source", "audio", "video"}


class _Page(HTMLParser):
    """The text of a page, its tags, and every attribute that could load something."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: set[str] = set()
        self.loads: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.loads += [f"{tag} {k}={v}" for k, v in attrs
                       if k in ("src", "href", "srcset") and not (v or "").startswith("#")]

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    @property
    def words(self) -> str:
        return " ".join(" ".join(self.text).split())


def parsed(markup: str) -> _Page:
    page = _Page()
    page.feed(markup)
    return page


def chromium() -> str:
    found = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")
                  if shutil.which(n)), None)
    if found is None:
        pytest.fail("headless Chromium not found: run scripts/setup --test as root")
    return found


def run_chromium(page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="ztiam-chromium-") as profile:
        command = [chromium(), *FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()]
        return subprocess.run(command, capture_output=True, text=True, timeout=180, check=True)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    directory = tmp_path_factory.mktemp("html")
    page = directory / "report.html"
    page.write_text(html.render(sample_report(directory)), encoding="utf-8")
    return page, run_chromium(page, "--dump-dom").stdout


def test_html_in_chromium_shows_controls_statuses_and_addresses(
    rendered: tuple[Path, str]
) -> None:
    words = parsed(rendered[1]).words
    for control_id in ("ZT-IAM-01", "ZT-IAM-02", "ZT-SLR-02"):
        assert control_id in words
    for status in ("fail", "waived", "unknown", "error", "not_applicable", "pass"):
        assert status in words
    assert "aws_iam_policy.dev" in words and PARTNER in words and COUNTED in words
    assert "Result: ERROR: the run cannot be trusted (exit code 2)" in words


def test_html_in_chromium_shows_waivers_and_evidence(rendered: tuple[Path, str]) -> None:
    words = parsed(rendered[1]).words
    assert "SEC-1234" in words and "Jane Doe (CISO)" in words and "2026-12-31" in words
    assert "partner onboarding before the external id is agreed" in words
    assert EVIDENCE_NOTE in words
    assert "Waiver register" in words


def test_html_in_chromium_keeps_plan_text_as_text(rendered: tuple[Path, str]) -> None:
    page = parsed(rendered[1])
    assert "script" not in page.tags
    assert " ".join(HOSTILE.split()) in page.words


def test_html_in_chromium_shows_run_metadata_and_mappings(rendered: tuple[Path, str]) -> None:
    words = parsed(rendered[1]).words
    assert "Input SHA-256" in words and "Rule pack SHA-256" in words
    assert "v4.0.1 (PCI SSC, June 2024)" in words
    assert "7.2.1, 7.2.2, 7.3.1, 7.3.2" in words and "7.3.3 (s)" in words
    assert "12 remembered passwords" in words


def test_html_is_self_contained(rendered: tuple[Path, str]) -> None:
    page = parsed(rendered[0].read_text(encoding="utf-8"))
    assert not page.tags & EXTERNAL
    assert page.loads == []
    assert "default-src 'none'" in rendered[0].read_text(encoding="utf-8")


def test_html_screenshot_renders(rendered: tuple[Path, str], tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    run_chromium(rendered[0], f"--screenshot={shot}", "--window-size=1280,2000")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000
