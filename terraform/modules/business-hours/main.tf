# Recurring business hours for IAM roles. IAM has no time-of-day operator, so every governed
# role carries an inline policy that a scheduled function rewrites with today's window as two
# absolute instants. Terraform creates that policy closed and then ignores its content; if the
# function stops, the last window written expires and the roles stay shut.

locals {
  prefix         = "ztiam-${var.environment}"
  scope          = "${var.region}:${var.account_id}"
  policy_name    = "ztiam-business-hours"
  renewer_name   = "${local.prefix}-window-renewer"
  renewer_arn    = "arn:aws:iam::${var.account_id}:role/${local.renewer_name}"
  function_arn   = "arn:aws:lambda:${local.scope}:function:${local.renewer_name}"
  renewal_rule   = "${local.prefix}-window-renewal"
  log_group_name = "/aws/lambda/${local.renewer_name}"
  log_group_arn  = "arn:aws:logs:${local.scope}:log-group:${local.log_group_name}"
  key_alias      = "alias/ztiam/functions/${local.renewer_name}"
  package        = "${path.module}/functions/window_renewer.zip"
  role_arns      = [for name in var.role_names : "arn:aws:iam::${var.account_id}:role/${name}"]
  tags           = { "ztiam:tier" = "automation", "ztiam:component" = "business-hours" }

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

  # The same document the function writes outside business days.
  closed_window = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "WindowClosed"
        Effect    = "Deny"
        Action    = "*"
        Resource  = "*"
        Condition = { DateGreaterThan = { "aws:CurrentTime" = "2000-01-01T00:00:00Z" } }
      },
      local.region_deny,
    ]
  })

  renewer_environment = {
    ZTIAM_ENVIRONMENT = var.environment
    ROLE_NAMES        = join(",", var.role_names)
    TIME_ZONE         = var.time_zone
    DAYS              = join(",", var.days)
    START             = var.start
    END               = var.end
    ALLOWED_REGIONS   = join(",", var.allowed_regions)
    GLOBAL_SERVICES   = join(",", var.global_services)
  }

  renewer_session_prefix = "arn:aws:sts::${var.account_id}:assumed-role/${local.renewer_name}/"
  window_api_calls = {
    source        = ["aws.iam"]
    "detail-type" = ["AWS API Call via CloudTrail"]
  }
}

resource "aws_iam_role_policy" "this" {
  for_each = toset(var.role_names)

  name   = local.policy_name
  role   = each.value
  policy = local.closed_window

  lifecycle {
    ignore_changes = [policy]
  }
}

resource "aws_iam_role" "renewer" {
  name                 = local.renewer_name
  description          = "Renews the business-hours window of ${var.environment} roles"
  max_session_duration = 3600
  tags                 = local.tags

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

resource "aws_iam_role_policy" "renewer" {
  name = "ztiam-window-renewer"
  role = aws_iam_role.renewer.name

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [
        {
          Sid       = "RenewWindowOfGovernedRoles"
          Effect    = "Allow"
          Action    = ["iam:GetRolePolicy", "iam:PutRolePolicy"]
          Resource  = local.role_arns
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
        {
          Sid       = "PublishFailedRunsAsAlerts"
          Effect    = "Allow"
          Action    = "sns:Publish"
          Resource  = var.alert_topic_arn
          Condition = local.automation_conditions
        },
      ],
      local.alert_kms_statements,
      [local.region_deny],
    )
  })
}

# The renewer's own key encrypts its environment and its log group.
resource "aws_kms_key" "renewer" {
  description             = "Encrypts the environment and log group of ${local.renewer_name}"
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

resource "aws_kms_alias" "renewer" {
  name          = local.key_alias
  target_key_id = aws_kms_key.renewer.key_id
}

resource "aws_cloudwatch_log_group" "renewer" {
  name              = local.log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.renewer.arn
  tags              = local.tags
}

resource "aws_lambda_function" "renewer" {
  function_name    = local.renewer_name
  description      = "Writes today's business-hours window into governed roles"
  role             = aws_iam_role.renewer.arn
  runtime          = "python3.12"
  handler          = "handler.handler"
  architectures    = ["arm64"]
  filename         = local.package
  source_code_hash = filebase64sha256(local.package)
  memory_size      = 128
  timeout          = 120
  kms_key_arn      = aws_kms_key.renewer.arn
  tags             = local.tags

  # One run at a time: two runs never race to write the same window.
  reserved_concurrent_executions = 1

  environment {
    variables = local.renewer_environment
  }

  # A run that still fails after Lambda's retries is published as an alert.
  dead_letter_config {
    target_arn = var.alert_topic_arn
  }

  tracing_config {
    mode = "Active"
  }

  depends_on = [aws_cloudwatch_log_group.renewer, aws_iam_role_policy.renewer]

  lifecycle {
    precondition {
      condition     = tonumber(replace(var.end, ":", "")) > tonumber(replace(var.start, ":", ""))
      error_message = "end ${var.end} must be later than start ${var.start} on the same day."
    }
    precondition {
      condition     = length(jsonencode(local.renewer_environment)) <= 4096
      error_message = "the renewer's environment exceeds Lambda's 4 KB; shorten global_services."
    }
  }
}

resource "aws_cloudwatch_event_rule" "renewal" {
  name                = local.renewal_rule
  description         = "Renews the business-hours window every 15 minutes"
  schedule_expression = "rate(15 minutes)"
  tags                = local.tags
}

resource "aws_cloudwatch_event_target" "renewal" {
  rule = aws_cloudwatch_event_rule.renewal.name
  arn  = aws_lambda_function.renewer.arn
}

resource "aws_lambda_permission" "renewal" {
  statement_id   = "RenewalSchedule"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.renewer.function_name
  principal      = "events.amazonaws.com"
  source_arn     = "arn:aws:events:${local.scope}:rule/${local.renewal_rule}"
  source_account = var.account_id
}

resource "aws_cloudwatch_metric_alarm" "renewer_errors" {
  alarm_name          = "${local.renewer_name}-errors"
  alarm_description   = "Business-hours renewal failed; governed roles close after today's end."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = local.renewer_name }
  statistic           = "Sum"
  period              = 900
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [var.alert_topic_arn]
  ok_actions          = [var.alert_topic_arn]
  tags                = local.tags
}

resource "aws_cloudwatch_metric_alarm" "renewer_silent" {
  alarm_name          = "${local.renewer_name}-not-running"
  alarm_description   = "Business-hours renewal has not run for an hour; windows will not open."
  namespace           = "AWS/Lambda"
  metric_name         = "Invocations"
  dimensions          = { FunctionName = local.renewer_name }
  statistic           = "Sum"
  period              = 3600
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "LessThanThreshold"
  treat_missing_data  = "breaching"
  alarm_actions       = [var.alert_topic_arn]
  ok_actions          = [var.alert_topic_arn]
  tags                = local.tags
}

resource "aws_cloudwatch_event_rule" "tamper" {
  name        = "${local.prefix}-window-tamper"
  description = "Someone other than the renewer changed or deleted a business-hours window"
  tags        = local.tags

  event_pattern = jsonencode(merge(local.window_api_calls, {
    detail = {
      eventSource       = ["iam.amazonaws.com"]
      eventName         = ["PutRolePolicy", "DeleteRolePolicy"]
      requestParameters = { policyName = [local.policy_name] }
      userIdentity = {
        arn = [{ "anything-but" = { prefix = local.renewer_session_prefix } }]
      }
    }
  }))
}

resource "aws_cloudwatch_event_target" "tamper" {
  rule = aws_cloudwatch_event_rule.tamper.name
  arn  = var.alert_topic_arn
}

resource "aws_cloudwatch_event_rule" "renewer_misuse" {
  name        = "${local.prefix}-window-renewer-misuse"
  description = "The renewer wrote or deleted an inline policy other than the window"
  tags        = local.tags

  event_pattern = jsonencode(merge(local.window_api_calls, {
    detail = {
      eventSource       = ["iam.amazonaws.com"]
      eventName         = ["PutRolePolicy", "DeleteRolePolicy"]
      requestParameters = { policyName = [{ "anything-but" = [local.policy_name] }] }
      userIdentity      = { arn = [{ prefix = local.renewer_session_prefix }] }
    }
  }))
}

resource "aws_cloudwatch_event_target" "renewer_misuse" {
  rule = aws_cloudwatch_event_rule.renewer_misuse.name
  arn  = var.alert_topic_arn
}
