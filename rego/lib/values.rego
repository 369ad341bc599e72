# Typed access to values of the resource model that a rule cannot take for granted.
# Iterating or measuring a null is an error on regorus, so rules read lists through these.
package ztiam.lib.values

# The array at obj[key], or an empty array when it is absent, null or not an array.
array_field(obj, key) := value if {
	value := obj[key]
	is_array(value)
} else := []

# The object at obj[key], or an empty object when it is absent, null or not an object.
object_field(obj, key) := value if {
	value := obj[key]
	is_object(value)
} else := {}

# The string at obj[key], or null when it is absent or not a string.
string_field(obj, key) := value if {
	value := obj[key]
	is_string(value)
} else := null

# Whether obj[key] is a non-empty string.
has_text(obj, key) if {
	value := obj[key]
	is_string(value)
	value != ""
}

# The items of a set or array, sorted and joined for a message; "none" when empty.
text_list(items) := concat(", ", sort(items)) if count(items) > 0

else := "none"
