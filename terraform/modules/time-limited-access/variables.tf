variable "environment" {
  type        = string
  description = "Environment name from the blueprint; part of every name."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,11}$", var.environment))
    error_message = "environment must be 1 to 12 characters a-z 0-9 -, starting with a letter."
  }
}

variable "account_id" {
  type        = string
  description = "Id of the AWS account the grant lives in; every ARN is built from it."

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be exactly 12 digits."
  }
}

variable "region" {
  type        = string
  description = "Region of the revocation function, its schedule and the alert topic."
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must be an AWS region name such as us-east-1."
  }
}

variable "name" {
  type        = string
  description = "Grant name; the role is named ztiam-<environment>-grant-<name>."

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9-]{0,36}[a-z0-9])?$", var.name))
    error_message = "name must be 1 to 38 characters a-z 0-9 -, not starting or ending with -."
  }
}

variable "permission_set" {
  type        = string
  description = "IAM Identity Center permission set whose role may assume the grant role."

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,32}$", var.permission_set))
    error_message = "permission_set must be 1 to 32 characters A-Z a-z 0-9 + = , . @ _ -."
  }
}

variable "actions" {
  type        = list(string)
  description = "IAM actions the grant allows until not_after, such as rds:RebootDBInstance."

  validation {
    condition = length(var.actions) > 0 && alltrue([
      for action in var.actions : can(regex("^[A-Za-z0-9-]+:[A-Za-z0-9*]+$", action))
    ])
    error_message = "actions must be a non-empty list of service:Action names."
  }

  validation {
    condition     = alltrue([for action in var.actions : !can(regex(":[*]+$", action))])
    error_message = "actions may not grant a whole service (service:*); name the actions."
  }

  validation {
    condition = alltrue([
      for action in var.actions : !contains(
        ["iam", "sts", "organizations", "sso", "sso-directory", "identitystore", "account"],
        lower(split(":", action)[0])
      )
    ])
    error_message = <<-EOT
      actions may not include iam, sts, organizations, sso, sso-directory, identitystore or
      account actions: identity changes cannot be granted for a time.
    EOT
  }
}

variable "not_after" {
  type        = string
  description = "Instant the grant ends, ISO 8601 UTC; at most 7 days after approved_at."

  validation {
    condition = alltrue([
      can(regex("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$", var.not_after)),
      can(timeadd(var.not_after, "0s")),
    ])
    error_message = "not_after must be an ISO 8601 UTC instant such as 2027-01-15T18:00:00Z."
  }
}

variable "approved_at" {
  type        = string
  description = "Approval instant, ISO 8601 UTC, and the grant's start; null: each plan approves."
  default     = null

  validation {
    condition = var.approved_at == null || alltrue([
      can(regex("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$", var.approved_at)),
      can(timeadd(var.approved_at, "0s")),
    ])
    error_message = "approved_at must be null or an ISO 8601 UTC instant (2027-01-10T09:30:00Z)."
  }
}

variable "approved_by" {
  type        = string
  description = "E-mail address of the approver; recorded in the ztiam:approver tag."

  validation {
    condition = length(var.approved_by) <= 256 && can(
      regex("^[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+[.][A-Za-z]{2,}$", var.approved_by)
    )
    error_message = "approved_by must be an e-mail address of at most 256 characters."
  }
}

variable "ticket" {
  type        = string
  description = "Ticket that justifies the grant; recorded in the ztiam:ticket tag."

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9._:/=+@-]{0,127}$", var.ticket))
    error_message = "ticket must be 1 to 128 characters A-Z a-z 0-9 . _ : / = + @ -."
  }
}

variable "boundary_arn" {
  type        = string
  description = "ARN of the customer-managed permissions boundary of the grant role."

  validation {
    condition = can(
      regex("^arn:aws:iam::[0-9]{12}:policy/[A-Za-z0-9+=,.@_/-]+$", var.boundary_arn)
    )
    error_message = "boundary_arn must be a policy ARN, arn:aws:iam::<12 digits>:policy/<name>."
  }
}

variable "alert_topic_arn" {
  type        = string
  description = "SNS topic that receives the revocation notice and the error alarm."

  validation {
    condition = can(
      regex("^arn:aws:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+$", var.alert_topic_arn)
    )
    error_message = "alert_topic_arn must be arn:aws:sns:<region>:<account>:<topic name>."
  }
}

variable "alert_kms_key_alias" {
  type        = string
  description = "Alias of the KMS key that encrypts the alert topic; null when none."
  default     = null

  validation {
    condition = var.alert_kms_key_alias == null || can(
      regex("^alias/[A-Za-z0-9/_-]{1,250}$", var.alert_kms_key_alias)
    )
    error_message = "alert_kms_key_alias must be null or a KMS alias such as alias/ztiam-alerts."
  }
}

variable "allowed_regions" {
  type        = list(string)
  description = "Regions requests may target; must include us-east-1, where IAM resolves."

  validation {
    condition = contains(var.allowed_regions, "us-east-1") && alltrue([
      for region in var.allowed_regions : can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", region))
    ])
    error_message = "allowed_regions must list AWS region names and include us-east-1."
  }
}

variable "global_services" {
  type        = list(string)
  description = "NotAction list of the region deny: ztiam's dated global-services list."

  validation {
    condition = length(var.global_services) > 0 && alltrue([
      for action in var.global_services : can(regex("^[a-z0-9-]+:[A-Za-z0-9*]+$", action))
    ])
    error_message = "global_services must be a non-empty list of service:Action; no bare *."
  }
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the revoker's log group in days, 90 or more."
  default     = 365

  validation {
    condition = contains(
      [90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653],
      var.log_retention_days
    )
    error_message = "log_retention_days must be a CloudWatch Logs value from 90 to 3653."
  }
}
