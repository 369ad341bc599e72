"""References recovered from the configuration section, resolved per module instance."""

from __future__ import annotations

from collections.abc import Callable

from ztiam.plan.references import module_path, module_segments, most_specific

from .fragments import change, plan, refs, resource_config

ROLE_A = 'module.team["a"].module.role'
ROLE_B = 'module.team["b"].module.role'


def nested_configuration() -> dict:
    """root: key, policy[2], module team (for_each) -> module role -> role, attachment."""
    role_module = {
        "resources": [
            resource_config("aws_iam_role.this", {"permissions_boundary": refs("var.boundary"),
                                                  "name": refs("var.name")}),
            resource_config("aws_iam_role_policy_attachment.this", {
                "role": refs("aws_iam_role.this.name", "aws_iam_role.this"),
                "policy_arn": refs("var.policy_arn")}),
        ],
        "outputs": {"arn": {"expression": refs("aws_iam_role.this.arn", "aws_iam_role.this")}},
    }
    team_module = {
        "resources": [resource_config("aws_iam_policy.team", {"name": refs("each.key")})],
        "module_calls": {"role": {"source": "../role", "module": role_module, "expressions": {
            "boundary": refs("var.boundary"), "name": refs("local.name"),
            "policy_arn": refs("aws_iam_policy.team.arn", "aws_iam_policy.team")}}},
        "outputs": {"role_arn": {"expression": refs("module.role.arn", "module.role")}},
    }
    return {"root_module": {
        "resources": [
            resource_config("aws_iam_policy.boundary", {"policy": {}}),
            resource_config("aws_kms_key.key", {"policy": refs(
                "data.aws_iam_policy_document.k.json", "data.aws_iam_policy_document.k")}),
            resource_config("data.aws_iam_policy_document.k", {"statement": [{
                "principals": [{"identifiers": refs("module.team.role_arn", "module.team")}],
            }]}, mode="data"),
            resource_config("aws_sns_topic.t", {"name": refs("module.team[\"b\"].role_arn",
                                                             "module.team[\"b\"]", "module.team")}),
            resource_config("aws_sns_topic.all", {"display_name": refs("module.team")}),
            resource_config("aws_iam_policy.indexed", {"description": refs(
                "aws_iam_policy.boundary", "aws_iam_policy.team_copy[1].arn",
                "aws_iam_policy.team_copy[1]", "aws_iam_policy.team_copy")}),
        ],
        "module_calls": {"team": {"source": "./team", "module": team_module, "expressions": {
            "boundary": refs("aws_iam_policy.boundary.arn", "aws_iam_policy.boundary")}}},
    }}


def nested_plan() -> dict:
    changes = [change(a, {}) for a in (
        "aws_iam_policy.boundary", "aws_kms_key.key", "aws_sns_topic.t", "aws_sns_topic.all",
        "aws_iam_policy.indexed", "aws_iam_policy.team_copy[0]", "aws_iam_policy.team_copy[1]")]
    for team in ('module.team["a"]', 'module.team["b"]'):
        role = f"{team}.module.role"
        changes += [change(f"{team}.aws_iam_policy.team", {}, module=team),
                    change(f"{role}.aws_iam_role.this", {}, module=role),
                    change(f"{role}.aws_iam_role_policy_attachment.this", {}, module=role)]
    return plan(*changes, configuration=nested_configuration())


def test_references_variables_follow_module_calls_two_deep(build: Callable[..., dict]) -> None:
    model = build(nested_plan())
    role = model["resources"][f"{ROLE_A}.aws_iam_role.this"]

    assert role["references"] == {"permissions_boundary": ["aws_iam_policy.boundary"]}


def test_references_stay_inside_the_module_instance(build: Callable[..., dict]) -> None:
    model = build(nested_plan())
    attachment = model["resources"][f"{ROLE_B}.aws_iam_role_policy_attachment.this"]

    assert attachment["references"] == {
        "policy_arn": ['module.team["b"].aws_iam_policy.team'],
        "role": [f"{ROLE_B}.aws_iam_role.this"],
    }


def test_references_follow_data_sources_and_module_outputs(build: Callable[..., dict]) -> None:
    model = build(nested_plan())

    assert model["resources"]["aws_kms_key.key"]["references"] == {
        "policy": [f"{ROLE_A}.aws_iam_role.this", f"{ROLE_B}.aws_iam_role.this"]}
    assert model["resources"]["aws_sns_topic.t"]["references"] == {
        "name": [f"{ROLE_B}.aws_iam_role.this"]}
    assert model["resources"]["aws_sns_topic.all"]["references"] == {
        "display_name": [f"{ROLE_A}.aws_iam_role.this", f"{ROLE_B}.aws_iam_role.this"]}


def test_references_indexed_instance_only(build: Callable[..., dict]) -> None:
    model = build(nested_plan())

    assert model["resources"]["aws_iam_policy.indexed"]["references"] == {
        "description": ["aws_iam_policy.boundary", "aws_iam_policy.team_copy[1]"]}


def test_references_count_resource_maps_to_all_instances(build: Callable[..., dict]) -> None:
    configuration = {"root_module": {"resources": [
        resource_config("aws_iam_policy.p", {}),
        resource_config("aws_iam_role_policy_attachment.a", {"policy_arn": refs(
            "aws_iam_policy.p")}),
    ]}}
    model = build(plan(change("aws_iam_policy.p[0]", {}), change("aws_iam_policy.p[1]", {}),
                       change("aws_iam_role_policy_attachment.a", {}),
                       configuration=configuration))

    assert model["resources"]["aws_iam_role_policy_attachment.a"]["references"] == {
        "policy_arn": ["aws_iam_policy.p[0]", "aws_iam_policy.p[1]"]}


def test_references_nested_blocks_get_dotted_paths_and_skip_self(
        build: Callable[..., dict]) -> None:
    configuration = {"root_module": {"resources": [
        resource_config("aws_sns_topic.t", {}),
        resource_config("aws_iam_role.r", {
            "inline_policy": [{"name": {"constant_value": "x"},
                               "policy": refs("aws_sns_topic.t.arn", "aws_sns_topic.t")}],
            "tags": refs("aws_iam_role.r.name", "local.tags", "path.module", "count.index"),
        }),
    ]}}
    model = build(plan(change("aws_sns_topic.t", {}), change("aws_iam_role.r", {}),
                       configuration=configuration))

    assert model["resources"]["aws_iam_role.r"]["references"] == {
        "inline_policy.0.policy": ["aws_sns_topic.t"]}


def test_references_cycles_end(build: Callable[..., dict]) -> None:
    configuration = {"root_module": {"resources": [
        resource_config("aws_sns_topic.t", {"name": refs("data.x.a.id")}),
        resource_config("data.x.a", {"v": refs("data.x.b.id")}, mode="data"),
        resource_config("data.x.b", {"v": refs("data.x.a.id", "aws_sns_topic.u")}, mode="data"),
    ]}}
    model = build(plan(change("aws_sns_topic.t", {}), change("aws_sns_topic.u", {}),
                       configuration=configuration))

    assert model["resources"]["aws_sns_topic.t"]["references"] == {"name": ["aws_sns_topic.u"]}


def test_most_specific_drops_what_others_extend() -> None:
    assert most_specific(["a.b", "a.b[1]", "a.b[1].arn", "a.bc", "module.m", "module.m.o"]) == [
        "a.b[1].arn", "a.bc", "module.m.o"]


def test_module_segments_and_path() -> None:
    address = 'module.a["x.y"].module.b[3].module.c'

    assert module_segments(address) == (("a", '["x.y"]'), ("b", "[3]"), ("c", ""))
    assert module_path(address) == ("a", "b", "c")
    assert module_path("") == ()
