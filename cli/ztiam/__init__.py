"""ztiam: zero-trust IAM policy compiler and conformance checker for AWS on Terraform."""

__version__ = "0.1.0"
