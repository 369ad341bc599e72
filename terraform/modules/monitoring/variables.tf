variable "name_prefix" {
  type        = string
  description = "Prefix of every name, e.g. ztiam-prod."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}$", var.name_prefix))
    error_message = "name_prefix must be 2..31 characters a-z 0-9 -, starting with a letter."
  }
}

variable "account_id" {
  type        = string
  description = "Account being monitored."

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be exactly 12 digits."
  }
}

variable "region" {
  type        = string
  description = "Region of the rules; IAM and STS global events arrive only in us-east-1."
  default     = "us-east-1"

  validation {
    condition     = var.region == "us-east-1"
    error_message = "region must be us-east-1, where IAM and STS global service events arrive."
  }
}

variable "production" {
  type        = bool
  description = "Whether every write by the administrator role is alerted (production accounts)."
  default     = false
}

variable "alert_emails" {
  type        = list(string)
  description = "Addresses subscribed to the security alert topic."

  validation {
    condition = length(var.alert_emails) > 0 && alltrue([
      for e in var.alert_emails : can(regex("^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+[.][A-Za-z]{2,}$", e))
    ])
    error_message = "alert_emails must list at least one e-mail address."
  }
}

variable "siem_endpoint" {
  type        = string
  description = "https URL of the SIEM that receives every alert; null for none."
  default     = null

  validation {
    condition     = var.siem_endpoint == null || can(regex("^https://[^\\s/$.?#][^\\s]*$", var.siem_endpoint))
    error_message = "siem_endpoint must be null or an https:// URL."
  }
}

variable "trail_log_group_name" {
  type        = string
  description = "CloudWatch Logs group of the CloudTrail trail; the CIS metric filters read it."

  validation {
    condition     = can(regex("^[A-Za-z0-9_/.#-]{1,512}$", var.trail_log_group_name))
    error_message = "trail_log_group_name must be 1..512 characters of letters, digits, _ / . # -."
  }
}

variable "administrator_role_arns" {
  type        = list(string)
  description = "Roles whose every write is an administrative action (alerted in production)."
  default     = []

  validation {
    condition     = alltrue([for arn in var.administrator_role_arns : can(regex("^arn:aws:iam::[0-9]{12}:role/.+$", arn))])
    error_message = "administrator_role_arns must be role ARNs."
  }
}

variable "break_glass_role_arn" {
  type        = string
  description = "Emergency role; every use of it is alerted."

  validation {
    condition     = can(regex("^arn:aws:iam::[0-9]{12}:role/.+$", var.break_glass_role_arn))
    error_message = "break_glass_role_arn must be a role ARN arn:aws:iam::<12 digits>:role/<name>."
  }
}

variable "watched_role_prefix" {
  type        = string
  description = "Name prefix of the roles whose assumption is reported."
  default     = "ztiam-"

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.watched_role_prefix))
    error_message = "watched_role_prefix must be 1..64 characters of an IAM role name."
  }
}

variable "sensitive_bucket_names" {
  type        = list(string)
  description = "Buckets whose object access (CloudTrail data events) is reported."
  default     = []

  validation {
    condition = alltrue([
      for b in var.sensitive_bucket_names : can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", b))
    ])
    error_message = "sensitive_bucket_names must be valid S3 bucket names."
  }
}

variable "kms_alias" {
  type        = string
  description = "Alias of the key encrypting the alert topic."
  default     = "alias/ztiam/alerts"

  validation {
    condition     = can(regex("^alias/[A-Za-z0-9/_-]{1,250}$", var.kms_alias)) && !startswith(var.kms_alias, "alias/aws/")
    error_message = "kms_alias must look like alias/<name> outside the reserved alias/aws/ namespace."
  }
}

variable "alarm_period" {
  type        = number
  description = "Seconds over which each CIS metric is summed before its alarm compares it to 1."
  default     = 300

  validation {
    condition     = contains([60, 300, 900, 3600], var.alarm_period)
    error_message = "alarm_period must be one of 60, 300, 900, 3600."
  }
}

variable "response_function_arn" {
  type        = string
  description = "Lambda function of the automated security response; null for none."
  default     = null

  validation {
    condition = var.response_function_arn == null || can(
      regex("^arn:aws:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]{1,64}$", var.response_function_arn)
    )
    error_message = "response_function_arn must be null or arn:aws:lambda:<region>:<account>:function:<name>."
  }
}

variable "sign_in_failure_threshold" {
  type        = number
  description = "Failed console sign-ins within alarm_period that trigger the automated response."
  default     = 3

  validation {
    condition     = var.sign_in_failure_threshold >= 1 && var.sign_in_failure_threshold <= 20
    error_message = "sign_in_failure_threshold must be between 1 and 20."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags of every resource."
  default     = {}
}
