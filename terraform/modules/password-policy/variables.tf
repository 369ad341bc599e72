variable "minimum_password_length" {
  type        = number
  description = "Minimum number of characters of an IAM user password."
  default     = 14

  validation {
    condition     = var.minimum_password_length >= 14 && var.minimum_password_length <= 128
    error_message = "minimum_password_length must be between 14 and 128."
  }
}

variable "require_lowercase_characters" {
  type        = bool
  description = "Whether passwords need a lower-case letter."
  default     = true

  validation {
    condition     = var.require_lowercase_characters
    error_message = "require_lowercase_characters must be true: all four character classes are required."
  }
}

variable "require_uppercase_characters" {
  type        = bool
  description = "Whether passwords need an upper-case letter."
  default     = true

  validation {
    condition     = var.require_uppercase_characters
    error_message = "require_uppercase_characters must be true: all four character classes are required."
  }
}

variable "require_numbers" {
  type        = bool
  description = "Whether passwords need a digit."
  default     = true

  validation {
    condition     = var.require_numbers
    error_message = "require_numbers must be true: all four character classes are required."
  }
}

variable "require_symbols" {
  type        = bool
  description = "Whether passwords need a symbol."
  default     = true

  validation {
    condition     = var.require_symbols
    error_message = "require_symbols must be true: all four character classes are required."
  }
}

variable "max_password_age" {
  type        = number
  description = "Days after which a password expires."
  default     = 90

  validation {
    condition     = var.max_password_age >= 1 && var.max_password_age <= 90
    error_message = "max_password_age must be between 1 and 90 days."
  }
}

variable "password_reuse_prevention" {
  type        = number
  description = "Number of previous passwords that cannot be reused."
  default     = 24

  validation {
    condition     = var.password_reuse_prevention >= 12 && var.password_reuse_prevention <= 24
    error_message = "password_reuse_prevention must be between 12 and 24."
  }
}

variable "allow_users_to_change_password" {
  type        = bool
  description = "Whether IAM users may change their own password."
  default     = true

  validation {
    condition     = var.allow_users_to_change_password
    error_message = "allow_users_to_change_password must be true: with 90-day expiry users must be able to rotate their own password."
  }
}

variable "hard_expiry" {
  type        = bool
  description = "Whether an expired password can only be reset by an administrator."
  default     = false

  validation {
    condition     = !var.hard_expiry
    error_message = "hard_expiry must be false: IAM has no MFA-protected password reset, so administrator resets would bypass MFA."
  }
}
