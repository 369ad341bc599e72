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
  description = "Id of the AWS account of the governed roles; every ARN is built from it."

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be exactly 12 digits."
  }
}

variable "region" {
  type        = string
  description = "Region of the renewal function, its rules and the alert topic."
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must be an AWS region name such as us-east-1."
  }
}

variable "role_names" {
  type        = list(string)
  description = "Names of the roles whose access is limited to business hours."

  validation {
    condition = length(var.role_names) > 0 && alltrue([
      for name in var.role_names : can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", name))
    ]) && length(distinct(var.role_names)) == length(var.role_names)
    error_message = "role_names must be distinct IAM role names (1 to 64 of A-Z a-z 0-9 +=,.@_-)."
  }
}

variable "time_zone" {
  type        = string
  description = "IANA time zone the business hours are given in, such as America/New_York."

  validation {
    condition     = can(regex("^(UTC|[A-Z][A-Za-z_-]+(/[A-Za-z0-9_+-]+){1,2})$", var.time_zone))
    error_message = "time_zone must be UTC or an IANA zone name such as America/New_York."
  }
}

variable "days" {
  type        = list(string)
  description = "Business days, as mon, tue, wed, thu, fri, sat, sun."

  validation {
    condition = length(var.days) > 0 && alltrue([
      for day in var.days : contains(["mon", "tue", "wed", "thu", "fri", "sat", "sun"], day)
    ]) && length(distinct(var.days)) == length(var.days)
    error_message = "days must be distinct values from mon, tue, wed, thu, fri, sat, sun."
  }
}

variable "start" {
  type        = string
  description = "Local time the window opens on each business day, HH:MM (24-hour)."

  validation {
    condition     = can(regex("^([01][0-9]|2[0-3]):[0-5][0-9]$", var.start))
    error_message = "start must be a 24-hour time HH:MM from 00:00 to 23:59."
  }
}

variable "end" {
  type        = string
  description = "Local time the window closes on each business day, HH:MM, after start."

  validation {
    condition     = can(regex("^([01][0-9]|2[0-3]):[0-5][0-9]$", var.end))
    error_message = "end must be a 24-hour time HH:MM from 00:00 to 23:59."
  }
}

variable "alert_topic_arn" {
  type        = string
  description = "SNS topic that receives the renewer's alarms and tamper events."

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
    error_message = "alert_kms_key_alias must be null or a KMS alias such as alias/ztiam/alerts."
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
  description = "Retention of the renewer's log group in days, 90 or more."
  default     = 365

  validation {
    condition = contains(
      [90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653],
      var.log_retention_days
    )
    error_message = "log_retention_days must be a CloudWatch Logs value from 90 to 3653."
  }
}
