"""Recover, from a plan's ``configuration`` section, which resources an attribute refers to.

Expressions in ``configuration`` are per module *call*; resources in the plan are per module
*instance*. A reference is resolved inside the module instance of the resource that makes it:
``var.x`` follows the module call's argument into the parent instance, ``module.m.out``
follows the output into every instance of ``m`` (or the named one), ``data.t.n`` follows the
data source's own expressions, and ``t.n`` or ``t.n[key]`` names resources of the same instance.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

ModulePath = tuple[str, ...]

_KEY = r'\[(?:"(?:[^"\\]|\\.)*"|\d+)\]'
_MODULE_SEGMENT = re.compile(rf"module\.([A-Za-z0-9_-]+)((?:{_KEY})?)")
_RESOURCE_REF = re.compile(rf"^(data\.)?([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)((?:{_KEY})?)")
_MODULE_REF = re.compile(rf"^module\.([A-Za-z0-9_-]+)((?:{_KEY})?)(?:\.([A-Za-z0-9_-]+))?")
_NOT_RESOURCES = frozenset({"local", "count", "each", "path", "terraform", "self", "var"})
_MAX_DEPTH = 32


class References:
    """Resolve configuration references to resource addresses of the plan."""

    def __init__(self, configuration: dict | None, records: list[dict]) -> None:
        self.modules: dict[ModulePath, dict] = {}
        self.expressions: dict[tuple, dict] = {}
        self._index_configuration((configuration or {}).get("root_module"))
        self.instances: dict[tuple[str, str, str], list[str]] = {}
        self.addresses = {record["address"] for record in records}
        self.children: dict[tuple[str, str], set[str]] = {}
        self._index_instances(records)
        self._memo: dict[tuple[str, str], frozenset[str]] = {}
        self._by_config: dict[tuple, list[tuple[str, list[str]]]] = {}
        self._by_instance: dict[tuple[str, str, str], dict[str, list[str]]] = {}

    def expressions_of(self, record: dict) -> dict | None:
        """Return the configuration expressions of a record's resource, or None if absent."""
        path = module_path(record["module"] or "")
        return self.expressions.get((path, "managed", record["type"], record["name"]))

    def of(self, record: dict) -> dict[str, list[str]]:
        """Return, per attribute path, the addresses the record's expressions refer to."""
        key = (record["module"] or "", record["type"], record["name"])
        if key not in self._by_instance:
            self._by_instance[key] = self._resolved(key[0], self._configured(record))
        own = record["address"]
        found = {name: [a for a in addresses if a != own]
                 for name, addresses in self._by_instance[key].items()}
        return {name: addresses for name, addresses in found.items() if addresses}

    def _configured(self, record: dict) -> list[tuple[str, list[str]]]:
        """Return (attribute path, references) of a record's resource, walked once per call."""
        key = (module_path(record["module"] or ""), record["type"], record["name"])
        if key not in self._by_config:
            pairs = attribute_references(self.expressions_of(record) or {})
            self._by_config[key] = [(name, most_specific(refs)) for name, refs in pairs]
        return self._by_config[key]

    def _resolved(self, instance: str, pairs: list[tuple[str, list[str]]]) -> dict:
        result = {}
        for name, refs in pairs:
            addresses = set().union(*(self.resolve(ref, instance) for ref in refs))
            if addresses:
                result[name] = sorted(addresses)
        return result

    def resolve_all(self, refs: Iterable[str], instance: str, depth: int) -> set[str]:
        """Resolve a list of references made inside module ``instance`` to addresses."""
        found: set[str] = set()
        for ref in most_specific(list(refs)):
            found.update(self.resolve(ref, instance, depth))
        return found

    def resolve(self, ref: str, instance: str, depth: int = 0) -> frozenset[str]:
        """Resolve one reference made inside module ``instance`` (``""`` for the root)."""
        key = (ref, instance)
        if key in self._memo:
            return self._memo[key]
        self._memo[key] = frozenset()
        if depth < _MAX_DEPTH:
            self._memo[key] = frozenset(self._resolve(ref, instance, depth + 1))
        return self._memo[key]

    def _resolve(self, ref: str, instance: str, depth: int) -> set[str]:
        head, _, rest = ref.partition(".")
        if head == "var":
            return self._resolve_variable(re.split(r"[.\[]", rest)[0], instance, depth)
        if head == "module":
            return self._resolve_module(ref, instance, depth)
        if head in _NOT_RESOURCES or (match := _RESOURCE_REF.match(ref)) is None:
            return set()
        data, kind, name, key = match.groups()
        if data:
            return self._resolve_data(kind, name, instance, depth)
        addresses = self.instances.get((instance, kind, name), [])
        if not key:
            return set(addresses)
        wanted = f"{_prefix(instance)}{kind}.{name}{key}"
        return {wanted} if wanted in self.addresses else set()

    def _resolve_variable(self, variable: str, instance: str, depth: int) -> set[str]:
        segments = module_segments(instance)
        if not segments:
            return set()
        parent = ".".join(f"module.{name}{key}" for name, key in segments[:-1])
        call = self.modules.get(module_path(parent), {}).get("module_calls", {})
        argument = (call.get(segments[-1][0]) or {}).get("expressions", {}).get(variable)
        refs = argument.get("references", []) if isinstance(argument, dict) else []
        return self.resolve_all(refs, parent, depth)

    def _resolve_module(self, ref: str, instance: str, depth: int) -> set[str]:
        match = _MODULE_REF.match(ref)
        if match is None:
            return set()
        call, key, output = match.groups()
        children = self.children.get((instance, call), set())
        if key:
            children = {child for child in children if child.endswith(f"module.{call}{key}")}
        outputs = self.modules.get((*module_path(instance), call), {}).get("outputs") or {}
        names = [output] if output else list(outputs)
        refs = [ref for name in names for ref in _output_references(outputs.get(name))]
        return {address for child in children for address in self.resolve_all(refs, child, depth)}

    def _resolve_data(self, kind: str, name: str, instance: str, depth: int) -> set[str]:
        expressions = self.expressions.get((module_path(instance), "data", kind, name)) or {}
        refs = [ref for _, found in attribute_references(expressions) for ref in found]
        return self.resolve_all(refs, instance, depth)

    def _index_configuration(self, root: dict | None) -> None:
        stack: list[tuple[ModulePath, dict]] = [((), root)] if root else []
        while stack:
            path, module = stack.pop()
            self.modules[path] = module
            for resource in module.get("resources") or []:
                key = (path, resource.get("mode"), resource.get("type"), resource.get("name"))
                self.expressions[key] = resource.get("expressions") or {}
            for call, body in (module.get("module_calls") or {}).items():
                if isinstance(body.get("module"), dict):
                    stack.append(((*path, call), body["module"]))

    def _index_instances(self, records: list[dict]) -> None:
        for record in records:
            instance = record["module"] or ""
            key = (instance, record["type"], record["name"])
            self.instances.setdefault(key, []).append(record["address"])
            parent = ""
            for name, index in module_segments(instance):
                child = f"{_prefix(parent)}module.{name}{index}"
                self.children.setdefault((parent, name), set()).add(child)
                parent = child


def attribute_references(expressions: dict, prefix: str = "") -> Iterator[tuple[str, list]]:
    """Yield (dotted attribute path, references) for every expression that has references."""
    for name, expression in expressions.items():
        path = f"{prefix}{name}"
        if isinstance(expression, list):
            for position, block in enumerate(expression):
                if isinstance(block, dict):
                    yield from attribute_references(block, f"{path}.{position}.")
        elif isinstance(expression, dict) and _is_expression(expression):
            if expression.get("references"):
                yield path, expression["references"]
        elif isinstance(expression, dict):
            yield from attribute_references(expression, f"{path}.")


def most_specific(refs: list[str]) -> list[str]:
    """Drop each reference that another one extends (``x.y`` beside ``x.y[0]`` or ``x.y.arn``)."""
    unique = set(refs)
    return sorted(ref for ref in unique
                  if not any(other.startswith((f"{ref}.", f"{ref}[")) for other in unique))


@lru_cache(maxsize=65536)
def module_segments(instance: str) -> tuple[tuple[str, str], ...]:
    """Split a module instance address into (call name, index text) pairs."""
    return tuple(_MODULE_SEGMENT.findall(instance))


def module_path(instance: str) -> ModulePath:
    """Return the configuration path (call names, no indexes) of a module instance address."""
    return tuple(name for name, _ in module_segments(instance))


def _is_expression(value: dict) -> bool:
    return not value or set(value) <= {"references", "constant_value"}


def _output_references(output: dict | None) -> list[str]:
    expression = (output or {}).get("expression") or {}
    return list(expression.get("references") or [])


def _prefix(instance: str) -> str:
    return f"{instance}." if instance else ""
