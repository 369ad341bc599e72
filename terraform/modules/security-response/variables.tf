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
  description = "Id of the protected AWS account; every ARN is built from it."

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be exactly 12 digits."
  }
}

variable "region" {
  type        = string
  description = "Region of the function, the trail's home region and the alert topic's."
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must be an AWS region name such as us-east-1."
  }
}

variable "trail_name" {
  type        = string
  description = "Name of the ztiam CloudTrail trail whose logging the function restarts."

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9._-]{2,127}$", var.trail_name))
    error_message = "trail_name must be a CloudTrail trail name of 3 to 128 characters."
  }
}

variable "alert_topic_arn" {
  type        = string
  description = "SNS topic that receives every response and the function's error alarm."

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

variable "alarm_topic_arns" {
  type        = list(string)
  description = "SNS topics of alarms (console sign-in failures) allowed to invoke the function."
  default     = []

  validation {
    condition = alltrue([
      for arn in var.alarm_topic_arns :
      can(regex("^arn:aws:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+$", arn))
    ])
    error_message = "alarm_topic_arns must hold arn:aws:sns:<region>:<account>:<name> ARNs."
  }
}

variable "user_approval_tag_key" {
  type        = string
  description = "Tag key that marks an IAM user as approved; users created without it are alerted."
  default     = "ztiam:approved-by"

  validation {
    condition     = can(regex("^[A-Za-z0-9 _.:/=+@-]{1,128}$", var.user_approval_tag_key))
    error_message = "user_approval_tag_key must be an IAM tag key of 1 to 128 characters."
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
  description = "Retention of the function's log group in days, 90 or more."
  default     = 365

  validation {
    condition = contains(
      [90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653],
      var.log_retention_days
    )
    error_message = "log_retention_days must be a CloudWatch Logs value from 90 to 3653."
  }
}

variable "reserved_concurrency" {
  type        = number
  description = "Concurrent executions reserved for the function, which are also its ceiling."
  default     = 5

  validation {
    condition = (
      var.reserved_concurrency >= 1 && var.reserved_concurrency <= 100
      && floor(var.reserved_concurrency) == var.reserved_concurrency
    )
    error_message = "reserved_concurrency must be a whole number from 1 to 100."
  }
}
