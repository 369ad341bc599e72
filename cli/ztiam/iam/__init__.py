"""IAM policy documents: parsing the text and normalising every statement."""

from ztiam.iam.policy import (
    is_negated,
    normalise_statement,
    parse_policy,
    policy_size,
    split_operator,
    to_strings,
)

__all__ = [
    "is_negated", "normalise_statement", "parse_policy", "policy_size", "split_operator",
    "to_strings",
]
