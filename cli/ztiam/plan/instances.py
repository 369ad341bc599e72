"""Collect the managed resource instances that will exist, with known values and unknown paths."""

from __future__ import annotations

from typing import Any

Path = tuple[str | int, ...]

_GONE = (["delete"], ["forget"])
_ABSENT = object()


def plan_instances(plan: dict) -> list[dict]:
    """Return one record per managed instance that the plan leaves in place or creates."""
    planned = index_values((plan.get("planned_values") or {}).get("root_module"))
    prior = index_values(((plan.get("prior_state") or {}).get("values") or {}).get("root_module"))
    records, seen = [], set()
    for change in plan.get("resource_changes") or []:
        seen.add(change.get("address"))
        if change.get("mode") == "managed" and change["change"]["actions"] not in _GONE:
            records.append(_from_change(change, planned.get(change["address"])))
    for values in (planned, prior):
        fresh = [address for address in values if address not in seen]
        records.extend(_from_values(*values[address]) for address in fresh)
        seen.update(fresh)
    return records


def state_instances(state: dict) -> list[dict]:
    """Return one record per managed instance of a `terraform show -json` state."""
    resources = index_values((state.get("values") or {}).get("root_module"))
    return [_from_values(module, resource) for module, resource in resources.values()]


def index_values(root: dict | None) -> dict[str, tuple[str | None, dict]]:
    """Map the address of every managed resource of a values tree to (module, resource)."""
    found: dict[str, tuple[str | None, dict]] = {}
    stack = [root] if root else []
    while stack:
        module = stack.pop()
        for resource in module.get("resources") or []:
            if resource.get("mode") == "managed":
                found[resource["address"]] = (module.get("address"), resource)
        stack.extend(module.get("child_modules") or [])
    return found


def unknown_paths(marks: Any) -> list[Path]:
    """Return the path of every leaf marked true in an ``after_unknown`` tree."""
    found: list[Path] = []
    stack: list[tuple[Path, Any]] = [((), marks)]
    while stack:
        prefix, node = stack.pop()
        if node is True and prefix:
            found.append(prefix)
        elif isinstance(node, dict):
            stack.extend(((*prefix, key), inner) for key, inner in node.items() if inner)
        elif isinstance(node, list):
            stack.extend(((*prefix, at), inner) for at, inner in enumerate(node) if inner)
    return found


def dotted(path: Path) -> str:
    """Join a value path with dots, as the model writes unknown paths."""
    return str(path[0]) if len(path) == 1 else ".".join(map(str, path))


def without(values: dict, paths: list[Path]) -> dict:
    """Return ``values`` without the given paths; copies only what changes, lists keep places."""
    top = {path[0] for path in paths if len(path) == 1}
    result = {key: value for key, value in values.items() if key not in top}
    for path in paths:
        if len(path) > 1 and path[0] in result:
            result[path[0]] = _without(result[path[0]], path[1:])
    return result


def _without(value: Any, path: Path) -> Any:
    head, rest = path[0], path[1:]
    if isinstance(value, dict) and head in value:
        copy = dict(value)
        inner = _without(value[head], rest) if rest else _ABSENT
        if inner is _ABSENT:
            del copy[head]
        else:
            copy[head] = inner
        return copy
    if isinstance(value, list) and isinstance(head, int) and 0 <= head < len(value):
        copy = list(value)
        copy[head] = _without(value[head], rest) if rest else None
        return copy
    return value


def _record(source: dict, module: str | None, actions: list[str], values: dict,
            unknown: list[Path]) -> dict:
    if not all(isinstance(source[key], str) for key in ("address", "type", "name")):
        raise TypeError(f"resource {source['address']!r} lacks a string type or name")
    return {
        "address": source["address"], "module": module, "type": source["type"],
        "name": source["name"], "index": source.get("index"), "actions": actions,
        "values": without(values, unknown) if unknown else values,
        "unknown": sorted(dotted(path) for path in unknown),
        "references": {}, "documents": {},
    }


def _from_change(change: dict, planned: tuple[str | None, dict] | None) -> dict:
    body = change["change"]
    values = dict(planned[1].get("values") or {}) if planned else {}
    values.update(body.get("after") or {})
    unknown = unknown_paths(body.get("after_unknown"))
    return _record(change, change.get("module_address"), list(body["actions"]), values, unknown)


def _from_values(module: str | None, resource: dict) -> dict:
    return _record(resource, module, ["no-op"], dict(resource.get("values") or {}), [])
