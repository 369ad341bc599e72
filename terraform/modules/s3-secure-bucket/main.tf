locals {
  arn          = "arn:aws:s3:::${var.bucket}"
  objects      = "arn:aws:s3:::${var.bucket}/*"
  uses_kms     = var.class != "access-logs"
  log_delivery = var.class != "data"
  kms_alias    = "alias/ztiam/s3/${replace(var.bucket, ".", "-")}"
  tags         = merge(var.tags, { "ztiam:bucket-class" = var.class })

  # S3 server access logs can only be delivered to buckets encrypted with SSE-S3.
  sse_algorithm = local.uses_kms ? "aws:kms" : "AES256"

  exemptions = {
    ArnNotLike   = { "aws:PrincipalArn" = var.exempt_principal_arns }
    BoolIfExists = { "aws:PrincipalIsAWSService" = ["false"] }
  }

  # Log delivery services send no encryption header; only their writes are exempted.
  upload_exemption = local.log_delivery ? {
    BoolIfExists = { "aws:PrincipalIsAWSService" = ["false"] }
  } : {}

  base_statements = [
    {
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = ["s3:*"]
      Resource  = [local.arn, local.objects]
      Condition = { Bool = { "aws:SecureTransport" = ["false"] } }
    },
    {
      Sid       = "DenyOutsideVpcEndpoints"
      Effect    = "Deny"
      Principal = "*"
      Action    = ["s3:*"]
      Resource  = [local.arn, local.objects]
      Condition = merge({ StringNotEquals = { "aws:SourceVpce" = var.vpc_endpoint_ids } }, local.exemptions)
    },
    {
      Sid       = "DenyUploadsWithWrongEncryption"
      Effect    = "Deny"
      Principal = "*"
      Action    = ["s3:PutObject"]
      Resource  = [local.objects]
      Condition = merge(
        { StringNotEquals = { "s3:x-amz-server-side-encryption" = [local.sse_algorithm] } },
        local.upload_exemption,
      )
    },
    {
      Sid       = "DenyUploadsWithoutEncryptionHeader"
      Effect    = "Deny"
      Principal = "*"
      Action    = ["s3:PutObject"]
      Resource  = [local.objects]
      Condition = merge(
        { Null = { "s3:x-amz-server-side-encryption" = ["true"] } },
        local.upload_exemption,
      )
    },
    {
      Sid       = "DenyDeleteWithoutMfa"
      Effect    = "Deny"
      Principal = "*"
      Action    = ["s3:DeleteObject", "s3:DeleteObjectVersion"]
      Resource  = [local.objects]
      Condition = {
        ArnNotLike = local.exemptions.ArnNotLike
        BoolIfExists = {
          "aws:MultiFactorAuthPresent" = ["false"]
          "aws:PrincipalIsAWSService"  = ["false"]
        }
      }
    },
  ]

  window_statements = [
    for s in [
      {
        Sid       = "DenyBeforeWindow"
        Effect    = "Deny"
        Principal = "*"
        Action    = ["s3:*"]
        Resource  = [local.arn, local.objects]
        Condition = merge(
          { DateLessThan = { "aws:CurrentTime" = [try(var.window.not_before, "")] } },
          local.exemptions,
        )
      },
      {
        Sid       = "DenyAfterWindow"
        Effect    = "Deny"
        Principal = "*"
        Action    = ["s3:*"]
        Resource  = [local.arn, local.objects]
        Condition = merge(
          { DateGreaterThan = { "aws:CurrentTime" = [try(var.window.not_after, "")] } },
          local.exemptions,
        )
      },
    ] : s if var.window != null
  ]

  writer_statements = [
    for w in var.service_writers : {
      Sid       = w.sid
      Effect    = "Allow"
      Principal = { Service = [w.service] }
      Action    = w.actions
      Resource  = w.resources
      Condition = {
        for op in distinct(concat(["StringEquals"], keys(w.conditions))) : op => merge(
          lookup(w.conditions, op, {}),
          op == "StringEquals" ? {
            "aws:SourceAccount" = w.source_accounts
            "aws:SourceArn"     = w.source_arns
          } : {},
        )
      }
    }
  ]

  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = concat(local.base_statements, local.window_statements, local.writer_statements)
  })

  policy_size = length(replace(local.policy, "/\\s/", ""))

  lifecycle_expiration = coalesce(
    var.expiration_days,
    var.class == "logs" ? var.object_lock_days : 0,
  )
}

resource "aws_s3_bucket" "this" {
  bucket              = var.bucket
  object_lock_enabled = var.class == "logs"
  force_destroy       = false
  tags                = local.tags

  lifecycle {
    precondition {
      condition     = var.class != "data" || var.window != null
      error_message = "data bucket ${var.bucket} needs a window (not_before, not_after)."
    }

    precondition {
      condition     = var.class == "access-logs" || var.access_log_bucket != null
      error_message = "bucket ${var.bucket} needs access_log_bucket for its server access logs."
    }

    precondition {
      condition     = var.access_log_bucket != var.bucket
      error_message = "bucket ${var.bucket} must not log its own access."
    }

    precondition {
      condition     = alltrue([for arn in var.exempt_principal_arns : split(":", arn)[4] == var.account_id])
      error_message = "exempt principals of bucket ${var.bucket} must be roles of account ${var.account_id}."
    }
  }
}

resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket = aws_s3_bucket.this.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_kms_key" "this" {
  count = local.uses_kms ? 1 : 0

  description             = "Default encryption of s3://${var.bucket}"
  enable_key_rotation     = true
  deletion_window_in_days = var.kms_deletion_window_days
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
    ]
  })
}

resource "aws_kms_alias" "this" {
  count = local.uses_kms ? 1 : 0

  name          = local.kms_alias
  target_key_id = aws_kms_key.this[0].key_id
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    bucket_key_enabled = local.uses_kms

    apply_server_side_encryption_by_default {
      sse_algorithm     = local.sse_algorithm
      kms_master_key_id = local.uses_kms ? aws_kms_key.this[0].arn : null
    }
  }
}

resource "aws_s3_bucket_logging" "this" {
  count = var.access_log_bucket == null ? 0 : 1

  bucket        = aws_s3_bucket.this.id
  target_bucket = var.access_log_bucket
  target_prefix = coalesce(var.access_log_prefix, "s3/${var.bucket}/")
}

# Object events (created, deleted, restored, ...) go to EventBridge in the bucket's Region, where
# rules can match them without CloudTrail data events. EventBridge is the only destination:
# a bucket has one notification configuration, so other destinations are added here.
resource "aws_s3_bucket_notification" "this" {
  bucket      = aws_s3_bucket.this.id
  eventbridge = true
}

resource "aws_s3_bucket_object_lock_configuration" "this" {
  count = var.class == "logs" ? 1 : 0

  bucket = aws_s3_bucket.this.id

  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = var.object_lock_days
    }
  }

  depends_on = [aws_s3_bucket_versioning.this]
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    id     = "ztiam-retention"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }

    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_expiration_days
    }

    dynamic "transition" {
      for_each = var.class == "logs" ? [90] : []

      content {
        days          = transition.value
        storage_class = "GLACIER"
      }
    }

    dynamic "expiration" {
      for_each = local.lifecycle_expiration > 0 ? [local.lifecycle_expiration] : []

      content {
        days = expiration.value
      }
    }
  }

  depends_on = [aws_s3_bucket_versioning.this]
}

resource "aws_s3_bucket_policy" "this" {
  bucket = aws_s3_bucket.this.id
  policy = local.policy

  lifecycle {
    precondition {
      condition     = local.policy_size <= 20480
      error_message = "the policy of bucket ${var.bucket} has ${local.policy_size} characters; S3 allows 20 KB."
    }
  }

  depends_on = [aws_s3_bucket_public_access_block.this, aws_s3_bucket_ownership_controls.this]
}
