locals {
  trail_arn     = "arn:aws:cloudtrail:${var.region}:${var.account_id}:trail/${var.name}"
  log_group_arn = "arn:aws:logs:${var.region}:${var.account_id}:log-group:${var.log_group_name}"
  any_trail     = "arn:aws:cloudtrail:*:${var.account_id}:trail/*"
  topic_name    = "${var.name}-log-files"
  topic_arn     = "arn:aws:sns:${var.region}:${var.account_id}:${local.topic_name}"
  tags          = merge(var.tags, { "ztiam:component" = "cloudtrail" })

  decrypt_accounts = sort(distinct(concat([var.account_id], var.reader_account_ids)))
}

resource "aws_kms_key" "this" {
  description             = "Encrypts CloudTrail log files and the CloudTrail log group of ${var.account_id}"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  tags                    = local.tags

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdministersKeyThroughIam"
        Effect    = "Allow"
        Principal = { AWS = ["arn:aws:iam::${var.account_id}:root"] }
        Action    = ["kms:*"]
        Resource  = ["*"]
      },
      {
        Sid       = "CloudTrailEncryptsLogFiles"
        Effect    = "Allow"
        Principal = { Service = ["cloudtrail.amazonaws.com"] }
        Action    = ["kms:GenerateDataKey*"]
        Resource  = ["*"]
        Condition = {
          StringEquals = { "aws:SourceArn" = [local.trail_arn] }
          StringLike   = { "kms:EncryptionContext:aws:cloudtrail:arn" = [local.any_trail] }
        }
      },
      {
        Sid       = "CloudTrailDescribesKey"
        Effect    = "Allow"
        Principal = { Service = ["cloudtrail.amazonaws.com"] }
        Action    = ["kms:DescribeKey"]
        Resource  = ["*"]
        Condition = {
          StringEquals = { "aws:SourceArn" = [local.trail_arn] }
        }
      },
      {
        Sid       = "LogReadersDecryptLogFiles"
        Effect    = "Allow"
        Principal = { AWS = [for a in local.decrypt_accounts : "arn:aws:iam::${a}:root"] }
        Action    = ["kms:Decrypt", "kms:ReEncryptFrom"]
        Resource  = ["*"]
        Condition = {
          StringEquals = { "kms:CallerAccount" = local.decrypt_accounts }
          StringLike   = { "kms:EncryptionContext:aws:cloudtrail:arn" = [local.any_trail] }
        }
      },
      {
        Sid       = "CloudWatchLogsEncryptsLogGroup"
        Effect    = "Allow"
        Principal = { Service = ["logs.${var.region}.amazonaws.com"] }
        Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
        Resource  = ["*"]
        Condition = {
          ArnEquals = { "kms:EncryptionContext:aws:logs:arn" = [local.log_group_arn] }
        }
      },
      {
        Sid       = "CloudTrailEncryptsLogFileNotices"
        Effect    = "Allow"
        Principal = { Service = ["cloudtrail.amazonaws.com"] }
        Action    = ["kms:GenerateDataKey*", "kms:Decrypt"]
        Resource  = ["*"]
        Condition = {
          StringEquals = { "kms:EncryptionContext:aws:sns:topicArn" = [local.topic_arn] }
        }
      },
    ]
  })
}

resource "aws_kms_alias" "this" {
  name          = var.kms_alias
  target_key_id = aws_kms_key.this.key_id
}

resource "aws_cloudwatch_log_group" "this" {
  name              = var.log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.this.arn
  tags              = local.tags
}

# CloudTrail announces every log file it delivers here, so that a SIEM reading the archive can
# subscribe a queue instead of polling the bucket.
resource "aws_sns_topic" "log_files" {
  name              = local.topic_name
  kms_master_key_id = aws_kms_alias.this.name
  tags              = local.tags

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "ThisTrailPublishes"
        Effect    = "Allow"
        Principal = { Service = ["cloudtrail.amazonaws.com"] }
        Action    = ["sns:Publish"]
        Resource  = [local.topic_arn]
        Condition = {
          StringEquals = { "aws:SourceArn" = [local.trail_arn] }
        }
      },
    ]
  })
}

module "delivery_policy" {
  source = "../iam-policy-template"

  name            = var.delivery_role_name
  description     = "Lets CloudTrail write events of trail ${var.name} to ${var.log_group_name}"
  account_id      = var.account_id
  tier            = "service"
  allowed_regions = var.allowed_regions
  tags            = local.tags

  statements = [
    {
      sid       = "DeliverTrailEvents"
      effect    = "Allow"
      actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      resources = ["${local.log_group_arn}:log-stream:${var.account_id}_CloudTrail_${var.region}*"]
    },
  ]
}

module "delivery_role" {
  source = "../iam-role"

  name                     = var.delivery_role_name
  description              = "CloudTrail delivers trail ${var.name} to CloudWatch Logs"
  account_id               = var.account_id
  tier                     = "service"
  permissions_boundary_arn = var.permissions_boundary_arn
  managed_policy_arns      = [module.delivery_policy.arn]
  tags                     = local.tags

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "TrustCloudTrail"
        Effect    = "Allow"
        Principal = { Service = ["cloudtrail.amazonaws.com"] }
        Action    = ["sts:AssumeRole"]
        Condition = {
          StringEquals = { "aws:SourceAccount" = [var.account_id] }
        }
      },
    ]
  })
}

resource "aws_cloudtrail" "this" {
  name                          = var.name
  s3_bucket_name                = var.s3_bucket_name
  include_global_service_events = true
  is_multi_region_trail         = true
  enable_log_file_validation    = true
  enable_logging                = true
  kms_key_id                    = aws_kms_key.this.arn
  sns_topic_name                = aws_sns_topic.log_files.name
  cloud_watch_logs_group_arn    = "${local.log_group_arn}:*"
  cloud_watch_logs_role_arn     = module.delivery_role.arn
  tags                          = local.tags

  advanced_event_selector {
    name = "Management events"

    field_selector {
      field  = "eventCategory"
      equals = ["Management"]
    }
  }

  dynamic "advanced_event_selector" {
    for_each = length(var.data_event_bucket_names) > 0 ? [var.data_event_bucket_names] : []

    content {
      name = "Objects of sensitive buckets"

      field_selector {
        field  = "eventCategory"
        equals = ["Data"]
      }

      field_selector {
        field  = "resources.type"
        equals = ["AWS::S3::Object"]
      }

      field_selector {
        field       = "resources.ARN"
        starts_with = [for b in advanced_event_selector.value : "arn:aws:s3:::${b}/"]
      }
    }
  }

  depends_on = [aws_cloudwatch_log_group.this, aws_kms_alias.this]
}
