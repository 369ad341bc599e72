variable "bucket" {
  type        = string
  description = "Name of the bucket."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket)) && !strcontains(var.bucket, "..")
    error_message = "bucket must be a valid S3 bucket name: 3..63 lower-case letters, digits, dots and hyphens."
  }
}

variable "class" {
  type        = string
  description = "data (application data, time window), logs (log archive, Object Lock) or access-logs (server access log target)."

  validation {
    condition     = contains(["data", "logs", "access-logs"], var.class)
    error_message = "class must be one of data, logs, access-logs."
  }
}

variable "account_id" {
  type        = string
  description = "Account that owns the bucket."

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be exactly 12 digits."
  }
}

variable "vpc_endpoint_ids" {
  type        = list(string)
  description = "VPC endpoints through which principals of the account may reach the bucket."

  validation {
    condition = length(var.vpc_endpoint_ids) > 0 && alltrue([
      for id in var.vpc_endpoint_ids : can(regex("^vpce-[0-9a-f]{8,17}$", id))
    ])
    error_message = "vpc_endpoint_ids must list at least one endpoint id such as vpce-0abc1234."
  }
}

variable "exempt_principal_arns" {
  type        = list(string)
  description = "Roles exempted from the endpoint, MFA-delete and time-window denies: exactly the pipeline, break-glass and window-renewer roles the blueprint names."

  validation {
    condition = length(var.exempt_principal_arns) > 0 && alltrue([
      for arn in var.exempt_principal_arns : can(regex("^arn:aws:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$", arn))
    ])
    error_message = "exempt_principal_arns must list role ARNs arn:aws:iam::<12 digits>:role/<name> without wildcards."
  }
}

variable "window" {
  type = object({
    not_before = string
    not_after  = string
  })
  description = "UTC instants (RFC 3339) outside which every request is denied; required for data buckets."
  default     = null

  validation {
    condition = var.window == null || (
      can(timeadd(var.window.not_before, "0s")) && can(timeadd(var.window.not_after, "0s"))
    )
    error_message = "window.not_before and window.not_after must be RFC 3339 timestamps such as 2026-01-01T00:00:00Z."
  }

  validation {
    condition     = var.window == null || try(timecmp(var.window.not_before, var.window.not_after) < 0, false)
    error_message = "window.not_before must be earlier than window.not_after."
  }
}

variable "access_log_bucket" {
  type        = string
  description = "Bucket receiving the server access logs; required except for the access-logs class."
  default     = null
}

variable "access_log_prefix" {
  type        = string
  description = "Key prefix of the server access logs; defaults to s3/<bucket>/."
  default     = null
}

variable "service_writers" {
  type = list(object({
    sid             = string
    service         = string
    actions         = list(string)
    resources       = list(string)
    source_accounts = list(string)
    source_arns     = list(string)
    conditions      = optional(map(map(list(string))), {})
  }))
  description = "AWS service principals allowed to deliver into the bucket, each bound by aws:SourceAccount and aws:SourceArn."
  default     = []

  validation {
    condition = alltrue([
      for w in var.service_writers : endswith(w.service, ".amazonaws.com")
      && length(w.source_accounts) > 0 && length(w.source_arns) > 0
      && alltrue([for a in w.source_accounts : can(regex("^[0-9]{12}$", a))])
      && alltrue([for arn in w.source_arns : !strcontains(arn, "*")])
    ])
    error_message = "every service writer needs a *.amazonaws.com service, 12-digit source accounts and source ARNs without wildcards."
  }

  validation {
    condition = alltrue([
      for w in var.service_writers : can(regex("^[A-Za-z0-9]{1,100}$", w.sid))
    ])
    error_message = "every service writer sid must be alphanumeric."
  }
}

variable "object_lock_days" {
  type        = number
  description = "Default COMPLIANCE-mode retention of logs buckets in days (2557 days is 7 years)."
  default     = 2557

  validation {
    condition     = var.object_lock_days >= 2557 && var.object_lock_days <= 36500
    error_message = "object_lock_days must be between 2557 (7 years) and 36500."
  }
}

variable "expiration_days" {
  type        = number
  description = "Days after which current object versions expire; null keeps them (logs buckets default to object_lock_days)."
  default     = null

  validation {
    condition     = var.expiration_days == null || try(var.expiration_days >= 90, false)
    error_message = "expiration_days must be null or at least 90."
  }
}

variable "noncurrent_version_expiration_days" {
  type        = number
  description = "Days after which noncurrent object versions expire."
  default     = 90

  validation {
    condition     = var.noncurrent_version_expiration_days >= 30
    error_message = "noncurrent_version_expiration_days must be at least 30."
  }
}

variable "kms_deletion_window_days" {
  type        = number
  description = "Waiting period before the bucket's KMS key is deleted."
  default     = 30

  validation {
    condition     = var.kms_deletion_window_days >= 7 && var.kms_deletion_window_days <= 30
    error_message = "kms_deletion_window_days must be between 7 and 30."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags of the bucket and its key."
  default     = {}
}
