"""Which resource instances enter the model, and with which values and unknown paths."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import pytest

from .fragments import change, plan

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "plans"


@pytest.mark.parametrize(("actions", "kept"), [
    (("create",), True), (("update",), True), (("no-op",), True),
    (("delete", "create"), True), (("create", "delete"), True), (("create", "forget"), True),
    (("delete",), False), (("forget",), False),
])
def test_instances_actions_decide_what_will_exist(build: Callable[..., dict],
                                                  actions: tuple[str, ...], kept: bool) -> None:
    model = build(plan(change("aws_sns_topic.t", {"name": "t"}, actions=actions)))

    assert ("aws_sns_topic.t" in model["resources"]) is kept
    if kept:
        assert model["resources"]["aws_sns_topic.t"]["actions"] == list(actions)


def test_instances_data_sources_are_left_out(build: Callable[..., dict]) -> None:
    model = build(plan(change("data.aws_iam_policy_document.d", {"json": "{}"}, mode="data",
                              actions=("read",))))

    assert model["resources"] == {} and model["by_type"] == {}


def test_instances_module_count_and_for_each_addresses(build: Callable[..., dict]) -> None:
    module = 'module.a.module.b["x"]'
    model = build(plan(
        change(f"{module}.aws_sns_topic.t[0]", {"name": "t0"}, module=module),
        change('aws_sns_topic.k["blue"]', {"name": "blue"}),
    ))
    counted = model["resources"][f"{module}.aws_sns_topic.t[0]"]
    keyed = model["resources"]['aws_sns_topic.k["blue"]']

    assert (counted["module"], counted["type"], counted["name"], counted["index"]) == (
        module, "aws_sns_topic", "t", 0)
    assert (keyed["module"], keyed["name"], keyed["index"]) == (None, "k", "blue")
    assert model["by_type"] == {"aws_sns_topic": [
        'aws_sns_topic.k["blue"]', f"{module}.aws_sns_topic.t[0]"]}


def test_instances_unknown_paths_at_any_depth_leave_values(build: Callable[..., dict]) -> None:
    after = {"name": "q", "tags": {"team": "core"},
             "rule": [{"id": "a", "target": None}, {"id": None}], "redrive": None}
    unknown = {"arn": True, "tags": {"topic": True}, "redrive": True,
               "rule": [{"target": True}, {"id": True, "extra": [False, True]}]}
    model = build(plan(change("aws_sqs_queue.q", after, unknown)))
    resource = model["resources"]["aws_sqs_queue.q"]

    assert resource["unknown"] == ["arn", "redrive", "rule.0.target", "rule.1.extra.1",
                                   "rule.1.id", "tags.topic"]
    assert resource["values"] == {"name": "q", "tags": {"team": "core"},
                                  "rule": [{"id": "a"}, {}]}


def test_instances_input_plan_is_not_modified(build: Callable[..., dict]) -> None:
    document = plan(change("aws_iam_role.r", {
        "name": "r", "assume_role_policy": '{"Statement": []}',
        "inline_policy": [{"name": "i", "policy": '{"Statement": []}'}], "tags": {"a": "b"},
    }, {"tags": {"a": True}}))
    before = copy.deepcopy(document)

    build(document)

    assert document == before


def test_instances_planned_values_are_merged_under_after(build: Callable[..., dict]) -> None:
    planned = {"root_module": {"child_modules": [{"address": "module.m", "resources": [{
        "address": "module.m.aws_sns_topic.t", "mode": "managed", "type": "aws_sns_topic",
        "name": "t", "values": {"name": "old", "display_name": "shown"},
    }]}]}}
    model = build(plan(change("module.m.aws_sns_topic.t", {"name": "new"}, module="module.m"),
                       planned_values=planned))

    assert model["resources"]["module.m.aws_sns_topic.t"]["values"] == {
        "name": "new", "display_name": "shown"}


def test_instances_planned_and_prior_resources_without_change_are_kept(
        build: Callable[..., dict]) -> None:
    def tree(address: str, name: str) -> dict:
        module = {"address": "module.deep", "resources": [{
            "address": address, "mode": "managed", "type": "aws_sns_topic", "name": name,
            "values": {"name": name}}]}
        return {"root_module": {"child_modules": [{"address": "module.x",
                                                   "child_modules": [module]}]}}

    gone = change("module.deep.aws_sns_topic.gone", {"name": "gone"}, actions=("delete",),
                  module="module.deep")
    prior = tree("module.deep.aws_sns_topic.kept", "kept")
    prior["root_module"]["child_modules"][0]["child_modules"][0]["resources"].append({
        "address": "module.deep.aws_sns_topic.gone", "mode": "managed", "type": "aws_sns_topic",
        "name": "gone", "values": {"name": "gone"}})
    model = build(plan(gone, planned_values=tree("module.deep.aws_sns_topic.new", "new"),
                       prior_state={"format_version": "1.0", "values": prior}))

    assert sorted(model["resources"]) == ["module.deep.aws_sns_topic.kept",
                                          "module.deep.aws_sns_topic.new"]
    assert model["resources"]["module.deep.aws_sns_topic.kept"]["actions"] == ["no-op"]


def test_instances_state_file_gives_no_op_and_no_unknowns(build: Callable[..., dict]) -> None:
    model = build(FIXTURES / "state.json")

    assert model["source"] == {"kind": "state", "format_version": "1.0",
                               "terraform_version": "1.11.4"}
    assert sorted(model["resources"]) == [
        "aws_s3_bucket.data", "aws_s3_bucket_policy.data", "module.audit.aws_iam_policy.read",
        "module.audit.aws_iam_role.this", "module.audit.aws_iam_role_policy_attachment.read"]
    for resource in model["resources"].values():
        assert resource["actions"] == ["no-op"] and resource["unknown"] == []
        assert resource["references"] == {}
