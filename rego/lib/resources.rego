# The managed resources of the resource model.
package ztiam.lib.resources

# Addresses of the resources of one type.
addresses(by_type, type) := data.ztiam.lib.values.array_field(by_type, type)

# Whether the attribute path is unknown until apply.
is_unknown(resource, path) if path in data.ztiam.lib.values.array_field(resource, "unknown")

# The known value of an attribute, or null.
value(resource, attribute) := object.get(known, attribute, null) if {
	known := data.ztiam.lib.values.object_field(resource, "values")
}

# Whether the attribute has a known, non-empty text value.
has_text(resource, attribute) if data.ztiam.lib.values.has_text(
	data.ztiam.lib.values.object_field(resource, "values"),
	attribute,
)

# Addresses of resources of `type` in the plan that the attribute's configuration refers to.
referenced(resource, attribute, type, by_type) := {address |
	references := data.ztiam.lib.values.object_field(resource, "references")
	some ref in data.ztiam.lib.values.array_field(references, attribute)
	some address in addresses(by_type, type)
	_same_resource(ref, address)
}

_same_resource(ref, address) if ref == address

_same_resource(ref, address) if startswith(address, concat("", [ref, "["]))
