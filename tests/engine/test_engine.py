"""The engine interface: loading, input handling, findings and errors on both engines."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ztiam.engine import ENGINES, Engine, OpaEngine, RegorusEngine, make_engine
from ztiam.errors import EngineError

PROBE = """# A control-shaped probe package for the engine tests.
package ztiam.controls.probe

findings contains {"address": "probe.flag", "status": "pass", "message": "flag is false"} if {
	input.flag == false
}

findings contains {"address": "probe.flag", "status": "fail", "message": "flag is a number"} if {
	is_number(input.flag)
}

findings contains {"address": "probe.count", "status": "pass", "message": "count is zero"} if {
	input.count == 0
	is_number(input.count)
}

findings contains {"address": "a.first", "status": "unknown", "message": "b comes second"} if true

findings contains {"address": "a.first", "status": "fail", "message": "a comes first"} if true

findings contains {"address": "data.flag", "status": "pass", "message": text} if {
	data.ztiam.data.probe.enabled == true
	text := data.ztiam.data.probe.text
}
"""

CONFLICT = """package ztiam.controls.conflict

findings := {"a"} if true

findings := {"b"} if true
"""

MALFORMED = """package ztiam.controls.malformed

findings contains {"address": "x", "message": "no status"} if true
"""


def _pack(tmp_path: Path, modules: dict[str, str]) -> Path:
    (tmp_path / "controls").mkdir()
    (tmp_path / "data").mkdir()
    for name, text in modules.items():
        (tmp_path / "controls" / name).write_text(text, encoding="utf-8")
    probe = '{"ztiam": {"data": {"probe": {"enabled": true, "text": "data loaded"}}}}'
    (tmp_path / "data" / "probe.json").write_text(probe, encoding="utf-8")
    return tmp_path


@pytest.fixture(params=sorted(ENGINES))
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    made = make_engine(request.param)
    yield made
    made.close()


def test_make_engine_names() -> None:
    assert isinstance(make_engine("regorus"), RegorusEngine)
    assert isinstance(make_engine("opa"), OpaEngine)
    assert isinstance(make_engine(), RegorusEngine)


def test_make_engine_unknown_name() -> None:
    with pytest.raises(EngineError, match="unknown engine 'wasm'"):
        make_engine("wasm")


def test_boolean_false_stays_false(engine: Engine, tmp_path: Path) -> None:
    engine.load(_pack(tmp_path, {"probe.rego": PROBE}))
    engine.set_input({"flag": False, "count": 0})
    messages = {(f["address"], f["message"]) for f in engine.evaluate("ztiam.controls.probe")}
    assert ("probe.flag", "flag is false") in messages
    assert ("probe.flag", "flag is a number") not in messages
    assert ("probe.count", "count is zero") in messages


def test_findings_sorted_and_data_loaded(engine: Engine, tmp_path: Path) -> None:
    engine.load(_pack(tmp_path, {"probe.rego": PROBE}))
    engine.set_input({"flag": True, "count": 1})
    found = engine.evaluate("data.ztiam.controls.probe")
    assert [(f["address"], f["message"]) for f in found] == [
        ("a.first", "a comes first"), ("a.first", "b comes second"), ("data.flag", "data loaded"),
    ]


def test_input_is_replaced(engine: Engine, tmp_path: Path) -> None:
    engine.load(_pack(tmp_path, {"probe.rego": PROBE}))
    engine.set_input({"flag": False, "count": 0})
    engine.evaluate("ztiam.controls.probe")
    engine.set_input({"flag": True, "count": 1})
    addresses = {f["address"] for f in engine.evaluate("ztiam.controls.probe")}
    assert "probe.flag" not in addresses


def test_conflict_is_one_line_naming_the_package(engine: Engine, tmp_path: Path) -> None:
    engine.load(_pack(tmp_path, {"conflict.rego": CONFLICT}))
    engine.set_input({})
    with pytest.raises(EngineError) as raised:
        engine.evaluate("ztiam.controls.conflict")
    assert str(raised.value).startswith("control ztiam.controls.conflict: ")
    assert "\n" not in str(raised.value)


def test_undefined_package(engine: Engine, tmp_path: Path) -> None:
    engine.load(_pack(tmp_path, {"probe.rego": PROBE}))
    engine.set_input({})
    with pytest.raises(EngineError, match=r"^control ztiam.controls.absent: findings is undefined"):
        engine.evaluate("ztiam.controls.absent")


def test_malformed_finding(engine: Engine, tmp_path: Path) -> None:
    engine.load(_pack(tmp_path, {"malformed.rego": MALFORMED}))
    engine.set_input({})
    with pytest.raises(EngineError, match="finding 0 has no status string"):
        engine.evaluate("ztiam.controls.malformed")


def test_parse_error_names_file_and_package(engine: Engine, tmp_path: Path) -> None:
    broken = "package ztiam.controls.broken\n\nfindings contains x if {\n\tx := \n}\n"
    with pytest.raises(EngineError) as raised:
        engine.load(_pack(tmp_path, {"broken.rego": broken}))
    message = str(raised.value)
    assert "controls/broken.rego (package ztiam.controls.broken)" in message
    assert "\n" not in message


def test_test_files_are_left_out_unless_asked(engine: Engine, tmp_path: Path) -> None:
    probe_test = "package probe_test\n\nt if true\n"
    pack = _pack(tmp_path, {"probe.rego": PROBE, "probe_test.rego": probe_test})
    engine.load(pack)
    assert engine.evaluate_document("data.probe_test.t") is None


def test_input_that_is_not_json(engine: Engine) -> None:
    with pytest.raises(EngineError, match="resource model is not JSON"):
        engine.set_input({"value": float("nan")})


def test_closed_engine(engine: Engine) -> None:
    engine.close()
    with pytest.raises(EngineError, match="already closed"):
        engine.evaluate("ztiam.controls.probe")


def test_data_files_must_not_overlap(engine: Engine, tmp_path: Path) -> None:
    pack = _pack(tmp_path, {"probe.rego": PROBE})
    (pack / "data" / "second.json").write_text('{"ztiam": {"data": {"probe": 1}}}')
    with pytest.raises(EngineError, match="second.json: data key 'probe' is already defined"):
        engine.load(pack)


def test_missing_rule_pack(engine: Engine, tmp_path: Path) -> None:
    with pytest.raises(EngineError, match="not a directory"):
        engine.load(tmp_path / "absent")
