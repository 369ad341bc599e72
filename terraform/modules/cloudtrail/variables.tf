variable "name" {
  type        = string
  description = "Name of the trail; the archive bucket policy names it in aws:SourceArn."
  default     = "ztiam-trail"

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9._-]{2,127}$", var.name))
    error_message = "name must be 3..128 characters of letters, digits, . _ - starting with a letter or digit."
  }
}

variable "account_id" {
  type        = string
  description = "Account the trail records."

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be exactly 12 digits."
  }
}

variable "region" {
  type        = string
  description = "Home Region of the trail, its key and its log group."
  default     = "us-east-1"

  validation {
    condition     = var.region == "us-east-1"
    error_message = "region must be us-east-1, where IAM and STS global service events are recorded."
  }
}

variable "s3_bucket_name" {
  type        = string
  description = "Archive bucket receiving the log files (in the logging account)."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.s3_bucket_name))
    error_message = "s3_bucket_name must be a valid S3 bucket name."
  }
}

variable "log_group_name" {
  type        = string
  description = "CloudWatch Logs group receiving the events."
  default     = "/ztiam/cloudtrail"

  validation {
    condition     = can(regex("^[A-Za-z0-9_/.#-]{1,512}$", var.log_group_name))
    error_message = "log_group_name must be 1..512 characters of letters, digits, _ / . # -."
  }
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the CloudWatch Logs group in days."
  default     = 365

  validation {
    condition = contains(
      [90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653],
      var.log_retention_days,
    )
    error_message = "log_retention_days must be at least 90 and one of 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "kms_alias" {
  type        = string
  description = "Alias of the key encrypting log files and the log group."
  default     = "alias/ztiam/cloudtrail"

  validation {
    condition     = can(regex("^alias/[A-Za-z0-9/_-]{1,250}$", var.kms_alias)) && !startswith(var.kms_alias, "alias/aws/")
    error_message = "kms_alias must look like alias/<name> and must not be in the reserved alias/aws/ namespace."
  }
}

variable "reader_account_ids" {
  type        = list(string)
  description = "Accounts (besides this one) allowed to decrypt the log files, such as the logging account."
  default     = []

  validation {
    condition     = alltrue([for a in var.reader_account_ids : can(regex("^[0-9]{12}$", a))])
    error_message = "reader_account_ids must be 12-digit account ids."
  }
}

variable "data_event_bucket_names" {
  type        = list(string)
  description = "Sensitive buckets whose object-level (data) events are recorded."
  default     = []

  validation {
    condition = alltrue([
      for b in var.data_event_bucket_names : can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", b))
    ])
    error_message = "data_event_bucket_names must be valid S3 bucket names."
  }
}

variable "permissions_boundary_arn" {
  type        = string
  description = "Permissions boundary of the CloudTrail-to-CloudWatch-Logs delivery role."

  validation {
    condition     = can(regex("^arn:aws:iam::[0-9]{12}:policy/.+$", var.permissions_boundary_arn))
    error_message = "permissions_boundary_arn is required and must match arn:aws:iam::<12 digits>:policy/<path and name>."
  }
}

variable "delivery_role_name" {
  type        = string
  description = "Name of the role CloudTrail assumes to write to CloudWatch Logs."
  default     = "ztiam-cloudtrail-logs"

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.delivery_role_name))
    error_message = "delivery_role_name must be 1..64 characters of A-Z a-z 0-9 + = , . @ _ -."
  }
}

variable "allowed_regions" {
  type        = list(string)
  description = "Regions the delivery role's policy allows; every other Region is denied."
  default     = ["us-east-1"]
}

variable "tags" {
  type        = map(string)
  description = "Tags of the trail, key, log group and role."
  default     = {}
}
