# One time-limited grant: a role the grantee's permission-set role may assume until not_after,
# whose policy stops working at not_after by itself, and a one-time schedule that revokes it
# (live sessions included) at that instant.

locals {
  prefix         = "ztiam-${var.environment}"
  scope          = "${var.region}:${var.account_id}"
  role_name      = "${local.prefix}-grant-${var.name}"
  role_arn       = "arn:aws:iam::${var.account_id}:role/${local.role_name}"
  revoker_name   = "${local.prefix}-revoke-${var.name}"
  revoker_arn    = "arn:aws:lambda:${local.scope}:function:${local.revoker_name}"
  expiry_name    = "${local.prefix}-expire-${var.name}"
  log_group_name = "/aws/lambda/${local.revoker_name}"
  log_group_arn  = "arn:aws:logs:${local.scope}:log-group:${local.log_group_name}"
  schedule_arn   = "arn:aws:scheduler:${local.scope}:schedule/default/${local.expiry_name}"
  key_alias      = "alias/ztiam/functions/${local.revoker_name}"
  package        = "${path.module}/functions/grant_revoker.zip"

  grantee_role_pattern = join("", [
    "arn:aws:iam::${var.account_id}:role/aws-reserved/sso.amazonaws.com/",
    "*AWSReservedSSO_${var.permission_set}_*",
  ])

  # Without a recorded approval the grant counts as approved at each plan, so it can never
  # reach further than 7 days past the plan that deploys it. A recorded approval is also the
  # grant's start: nothing works before it, so a future date cannot stretch the grant.
  approved_at      = coalesce(var.approved_at, plantimestamp())
  max_grant_period = "168h"
  grant_window = merge(
    { DateLessThan = { "aws:CurrentTime" = var.not_after } },
    var.approved_at == null ? {} : { DateGreaterThan = { "aws:CurrentTime" = var.approved_at } },
  )

  automation_conditions = {
    StringEquals = {
      "aws:RequestedRegion"         = var.allowed_regions
      "aws:PrincipalTag/ztiam:tier" = "automation"
    }
    Bool = { "aws:SecureTransport" = "true" }
  }

  region_deny = {
    Sid       = "DenyOutsideAllowedRegions"
    Effect    = "Deny"
    NotAction = var.global_services
    Resource  = "*"
    Condition = { StringNotEquals = { "aws:RequestedRegion" = var.allowed_regions } }
  }

  # A grant is for operating workloads, never for weakening logging, encryption or exposure.
  high_risk_deny = {
    Sid    = "DenyHighRiskActions"
    Effect = "Deny"
    Action = [
      "cloudtrail:DeleteTrail", "cloudtrail:PutEventSelectors", "cloudtrail:StopLogging",
      "cloudtrail:UpdateTrail", "events:DeleteRule", "events:DisableRule", "events:PutRule",
      "events:PutTargets", "events:RemoveTargets", "kms:DisableKey", "kms:ScheduleKeyDeletion",
      "logs:DeleteLogGroup", "logs:DeleteMetricFilter", "logs:DeleteRetentionPolicy",
      "logs:PutRetentionPolicy", "s3:DeleteBucketPolicy", "s3:PutAccountPublicAccessBlock",
      "s3:PutBucketAcl", "s3:PutBucketPolicy", "s3:PutBucketPublicAccessBlock",
      "s3:PutEncryptionConfiguration", "s3:PutObjectAcl",
    ]
    Resource = "*"
  }

  alert_kms_statements = var.alert_kms_key_alias == null ? [] : [{
    Sid      = "EncryptAlertsWithTopicKey"
    Effect   = "Allow"
    Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
    Resource = "arn:aws:kms:${local.scope}:key/*"
    Condition = {
      StringEquals = {
        "aws:RequestedRegion"         = var.allowed_regions
        "aws:PrincipalTag/ztiam:tier" = "automation"
        "kms:ViaService"              = "sns.${var.region}.amazonaws.com"
      }
      "ForAnyValue:StringEquals" = { "kms:ResourceAliases" = [var.alert_kms_key_alias] }
      Bool                       = { "aws:SecureTransport" = "true" }
    }
  }]

  grant_tags = merge(
    {
      "ztiam:tier"     = "grant"
      "ztiam:grant"    = var.name
      "ztiam:ticket"   = var.ticket
      "ztiam:approver" = var.approved_by
      "ztiam:expiry"   = var.not_after
    },
    var.approved_at == null ? {} : { "ztiam:approved-at" = var.approved_at },
  )
  automation_tags = { "ztiam:tier" = "automation", "ztiam:grant" = var.name }
}

resource "aws_iam_role" "this" {
  name                 = local.role_name
  description          = "Time-limited grant ${var.name} (${var.ticket}) until ${var.not_after}"
  max_session_duration = 3600
  permissions_boundary = var.boundary_arn
  tags                 = local.grant_tags

  # The revoker adds ztiam-revoked, which Terraform does not manage; destroying the role must
  # remove it first.
  force_detach_policies = true

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "GranteePermissionSetUntilExpiry"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${var.account_id}:root" }
      Action    = "sts:AssumeRole"
      Condition = merge(local.grant_window, {
        ArnLike = { "aws:PrincipalArn" = local.grantee_role_pattern }
        Bool    = { "aws:SecureTransport" = "true" }
      })
    }]
  })

  lifecycle {
    precondition {
      condition     = split(":", var.boundary_arn)[4] == var.account_id
      error_message = "boundary_arn ${var.boundary_arn} is not in account ${var.account_id}."
    }
    precondition {
      condition     = timecmp(var.not_after, local.approved_at) > 0
      error_message = "not_after ${var.not_after} is not after the approval (${local.approved_at})."
    }
    precondition {
      condition = timecmp(
        var.not_after, timeadd(local.approved_at, local.max_grant_period)
      ) <= 0
      error_message = join("", [
        "not_after ${var.not_after} is more than 7 days after the approval ",
        "(${local.approved_at}); an extension needs a new approval and approved_at.",
      ])
    }
  }
}

resource "aws_iam_role_policy" "grant" {
  name = "ztiam-grant"
  role = aws_iam_role.this.name

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "GrantedActionsUntilExpiry"
        Effect   = "Allow"
        Action   = var.actions
        Resource = "*"
        Condition = merge(local.grant_window, {
          StringEquals = {
            "aws:RequestedRegion"         = var.allowed_regions
            "aws:PrincipalTag/ztiam:tier" = "grant"
          }
          Bool = { "aws:SecureTransport" = "true" }
        })
      },
      local.high_risk_deny,
      local.region_deny,
    ]
  })
}

resource "aws_iam_role" "revoker" {
  name                 = local.revoker_name
  description          = "Revokes grant ${var.name} at ${var.not_after}"
  max_session_duration = 3600
  tags                 = local.automation_tags

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "LambdaService"
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "revoker" {
  name = "ztiam-grant-revoker"
  role = aws_iam_role.revoker.name

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [
        {
          Sid       = "RevokeThisGrantOnly"
          Effect    = "Allow"
          Action    = ["iam:DeleteRolePolicy", "iam:ListRolePolicies", "iam:PutRolePolicy"]
          Resource  = local.role_arn
          Condition = local.automation_conditions
        },
        {
          Sid       = "PublishAlerts"
          Effect    = "Allow"
          Action    = "sns:Publish"
          Resource  = var.alert_topic_arn
          Condition = local.automation_conditions
        },
        {
          Sid       = "WriteOwnLogs"
          Effect    = "Allow"
          Action    = ["logs:CreateLogStream", "logs:PutLogEvents"]
          Resource  = "${local.log_group_arn}:*"
          Condition = local.automation_conditions
        },
        {
          Sid       = "WriteTraces"
          Effect    = "Allow"
          Action    = ["xray:PutTelemetryRecords", "xray:PutTraceSegments"]
          Resource  = "*"
          Condition = local.automation_conditions
        },
      ],
      local.alert_kms_statements,
      [local.region_deny],
    )
  })
}

# The grant's own key encrypts the revoker's environment and log group and the schedule.
resource "aws_kms_key" "automation" {
  description             = "Encrypts the revocation of grant ${var.name}: function, logs, schedule"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  tags                    = local.automation_tags

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
        Sid       = "CloudWatchLogsEncryptsFunctionLogs"
        Effect    = "Allow"
        Principal = { Service = ["logs.${var.region}.amazonaws.com"] }
        Action = [
          "kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*",
        ]
        Resource = ["*"]
        Condition = {
          ArnEquals = { "kms:EncryptionContext:aws:logs:arn" = [local.log_group_arn] }
        }
      },
    ]
  })
}

resource "aws_kms_alias" "automation" {
  name          = local.key_alias
  target_key_id = aws_kms_key.automation.key_id
}

resource "aws_cloudwatch_log_group" "revoker" {
  name              = local.log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.automation.arn
  tags              = local.automation_tags
}

resource "aws_lambda_function" "revoker" {
  function_name    = local.revoker_name
  description      = "Revokes grant ${var.name}: denies live sessions, removes its policies"
  role             = aws_iam_role.revoker.arn
  runtime          = "python3.12"
  handler          = "handler.handler"
  architectures    = ["arm64"]
  filename         = local.package
  source_code_hash = filebase64sha256(local.package)
  memory_size      = 128
  timeout          = 60
  kms_key_arn      = aws_kms_key.automation.arn
  tags             = local.automation_tags

  # One revocation at a time; a repeated invocation waits and then finds nothing left to do.
  reserved_concurrent_executions = 1

  environment {
    variables = {
      ZTIAM_ENVIRONMENT = var.environment
      GRANT_NAME        = var.name
      GRANT_ROLE_NAME   = local.role_name
      ALERT_TOPIC_ARN   = var.alert_topic_arn
    }
  }

  # A revocation that still fails after Lambda's retries is published as an alert.
  dead_letter_config {
    target_arn = var.alert_topic_arn
  }

  tracing_config {
    mode = "Active"
  }

  depends_on = [aws_cloudwatch_log_group.revoker, aws_iam_role_policy.revoker]
}

resource "aws_iam_role" "scheduler" {
  name                 = local.expiry_name
  description          = "Lets EventBridge Scheduler start the revocation of grant ${var.name}"
  max_session_duration = 3600
  tags                 = local.automation_tags

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "SchedulerServiceOfThisAccount"
      Effect    = "Allow"
      Principal = { Service = "scheduler.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = var.account_id } }
    }]
  })
}

resource "aws_iam_role_policy" "scheduler" {
  name = "ztiam-grant-expiry"
  role = aws_iam_role.scheduler.name

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "InvokeThisRevokerOnly"
        Effect    = "Allow"
        Action    = "lambda:InvokeFunction"
        Resource  = local.revoker_arn
        Condition = local.automation_conditions
      },
      {
        Sid      = "DecryptThisSchedule"
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = "arn:aws:kms:${local.scope}:key/*"
        Condition = {
          StringEquals = {
            "aws:RequestedRegion"                              = var.allowed_regions
            "aws:PrincipalTag/ztiam:tier"                      = "automation"
            "kms:EncryptionContext:aws:scheduler:schedule:arn" = local.schedule_arn
          }
          "ForAnyValue:StringEquals" = { "kms:ResourceAliases" = [local.key_alias] }
          Bool                       = { "aws:SecureTransport" = "true" }
        }
      },
      local.region_deny,
    ]
  })
}

resource "aws_scheduler_schedule" "expiry" {
  name                         = local.expiry_name
  group_name                   = "default"
  description                  = "Revokes grant ${var.name} at its expiry"
  schedule_expression          = "at(${trimsuffix(var.not_after, "Z")})"
  schedule_expression_timezone = "UTC"
  kms_key_arn                  = aws_kms_key.automation.arn

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_lambda_function.revoker.arn
    role_arn = aws_iam_role.scheduler.arn
    input    = jsonencode({ action = "revoke", grant = var.name })

    retry_policy {
      maximum_event_age_in_seconds = 86400
      maximum_retry_attempts       = 185
    }
  }

  depends_on = [aws_iam_role_policy.scheduler]
}

resource "aws_cloudwatch_metric_alarm" "revoker_errors" {
  alarm_name          = "${local.revoker_name}-errors"
  alarm_description   = "The revocation of grant ${var.name} failed; revoke it by hand."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = local.revoker_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [var.alert_topic_arn]
  tags                = local.automation_tags
}

check "grant_not_expired" {
  assert {
    condition     = timecmp(var.not_after, plantimestamp()) > 0
    error_message = "grant ${var.name} expired at ${var.not_after}; remove it from the blueprint."
  }
}
