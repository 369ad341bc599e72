"""HCL rendering: literals that never interpolate, and the layout terraform fmt expects."""

from __future__ import annotations

from ztiam.compiler.hcl import Raw, align_assignments, hcl_key, hcl_string, hcl_value, tidy


def test_hcl_string_escapes_quotes_and_template_sequences() -> None:
    assert hcl_string('a"b\\c') == '"a\\"b\\\\c"'
    assert hcl_string("arn:${aws:username}") == '"arn:$${aws:username}"'
    assert hcl_string("%{if}") == '"%%{if}"'


def test_hcl_key_quotes_anything_but_plain_identifiers() -> None:
    assert hcl_key("Statement") == "Statement"
    assert hcl_key("aws:SourceVpce") == '"aws:SourceVpce"'
    assert hcl_key("detail-type") == '"detail-type"'
    assert hcl_key("null") == '"null"'


def test_hcl_value_writes_short_scalar_lists_inline() -> None:
    assert hcl_value(["a", "b"]) == '["a", "b"]'
    assert hcl_value([]) == "[]"
    assert hcl_value({}) == "{}"
    assert hcl_value([True, 3, None]) == "[true, 3, null]"


def test_hcl_value_breaks_long_lists_and_objects_over_lines() -> None:
    long = [f"item-{n:02d}-abcdefghij" for n in range(5)]
    text = hcl_value({"list": long, "ref": Raw("module.x.arn")}, 1)
    lines = text.split("\n")
    assert lines[0] == "{"
    assert lines[1] == "    list = ["
    assert lines[2] == '      "item-00-abcdefghij",'
    assert lines[-2] == "    ref = module.x.arn"
    assert lines[-1] == "  }"


def test_align_assignments_pads_runs_of_single_line_attributes() -> None:
    text = 'x {\n  a = 1\n  long_name = 2\n  block = {\n    b = 3\n  }\n  c = 4\n}'
    assert align_assignments(text) == (
        'x {\n  a         = 1\n  long_name = 2\n  block = {\n    b = 3\n  }\n  c = 4\n}'
    )


def test_align_assignments_ignores_equals_inside_strings_and_brackets() -> None:
    text = '  k = "a = {"\n  kk = [1, 2]\n  multi = jsonencode({'
    assert align_assignments(text).split("\n") == [
        '  k  = "a = {"', "  kk = [1, 2]", "  multi = jsonencode({",
    ]


def test_tidy_collapses_blank_lines_and_ends_with_one_newline() -> None:
    assert tidy("\n\na = 1  \n\n\n\nb = 2\n\n") == "a = 1\n\nb = 2\n"
