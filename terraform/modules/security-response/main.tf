# Automated response to IAM and logging events: one function, invoked by the ztiam EventBridge
# rules of this environment and by alarm topics, that restarts the trail, deactivates new user
# access keys and publishes every response to the alert topic.

locals {
  prefix         = "ztiam-${var.environment}"
  scope          = "${var.region}:${var.account_id}"
  function_name  = "${local.prefix}-security-response"
  function_arn   = "arn:aws:lambda:${local.scope}:function:${local.function_name}"
  role_arn       = "arn:aws:iam::${var.account_id}:role/${local.function_name}"
  trail_arn      = "arn:aws:cloudtrail:${local.scope}:trail/${var.trail_name}"
  users_arn      = "arn:aws:iam::${var.account_id}:user/*"
  rules_arn      = "arn:aws:events:${local.scope}:rule/${local.prefix}-*"
  log_group_name = "/aws/lambda/${local.function_name}"
  log_group_arn  = "arn:aws:logs:${local.scope}:log-group:${local.log_group_name}"
  key_alias      = "alias/ztiam/functions/${local.function_name}"
  package        = "${path.module}/functions/security_responder.zip"
  tags           = { "ztiam:tier" = "automation", "ztiam:component" = "security-response" }

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
}

resource "aws_iam_role" "this" {
  name                 = local.function_name
  description          = "Automated security response of ${var.environment}"
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

resource "aws_iam_role_policy" "this" {
  name = "ztiam-security-response"
  role = aws_iam_role.this.name

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [
        {
          Sid       = "RestartZtiamTrail"
          Effect    = "Allow"
          Action    = "cloudtrail:StartLogging"
          Resource  = local.trail_arn
          Condition = local.automation_conditions
        },
        {
          Sid       = "ReadUserTags"
          Effect    = "Allow"
          Action    = "iam:ListUserTags"
          Resource  = local.users_arn
          Condition = local.automation_conditions
        },
        {
          Sid      = "DeactivateKeysOfUsersWithoutException"
          Effect   = "Allow"
          Action   = "iam:UpdateAccessKey"
          Resource = local.users_arn
          Condition = merge(local.automation_conditions, {
            StringNotEqualsIfExists = { "iam:ResourceTag/ztiam:allow-access-keys" = "true" }
          })
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

# The function's own key encrypts its environment and its log group.
resource "aws_kms_key" "this" {
  description             = "Encrypts the environment and log group of ${local.function_name}"
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

resource "aws_kms_alias" "this" {
  name          = local.key_alias
  target_key_id = aws_kms_key.this.key_id
}

resource "aws_cloudwatch_log_group" "this" {
  name              = local.log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.this.arn
  tags              = local.tags
}

resource "aws_lambda_function" "this" {
  function_name    = local.function_name
  description      = "Restarts the ztiam trail, deactivates new user keys, raises alerts"
  role             = aws_iam_role.this.arn
  runtime          = "python3.12"
  handler          = "handler.handler"
  architectures    = ["arm64"]
  filename         = local.package
  source_code_hash = filebase64sha256(local.package)
  memory_size      = 128
  timeout          = 30
  kms_key_arn      = aws_kms_key.this.arn
  tags             = local.tags

  # Reserved capacity: other functions cannot starve the response, nor a flood of events
  # run it beyond this many copies (throttled asynchronous events are retried).
  reserved_concurrent_executions = var.reserved_concurrency

  environment {
    variables = {
      ZTIAM_ENVIRONMENT = var.environment
      TRAIL_NAME        = var.trail_name
      TRAIL_ARN         = local.trail_arn
      ALERT_TOPIC_ARN   = var.alert_topic_arn
      APPROVAL_TAG_KEY  = var.user_approval_tag_key
    }
  }

  # An event the function still fails on after Lambda's retries is published as an alert.
  dead_letter_config {
    target_arn = var.alert_topic_arn
  }

  tracing_config {
    mode = "Active"
  }

  depends_on = [aws_cloudwatch_log_group.this, aws_iam_role_policy.this]

  lifecycle {
    precondition {
      condition     = !contains(var.alarm_topic_arns, var.alert_topic_arn)
      error_message = "alarm_topic_arns must not hold the alert topic; responses go there."
    }
  }
}

resource "aws_lambda_permission" "rules" {
  statement_id   = "ZtiamRulesOfThisEnvironment"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.this.function_name
  principal      = "events.amazonaws.com"
  source_arn     = local.rules_arn
  source_account = var.account_id
}

resource "aws_lambda_permission" "alarms" {
  for_each = toset(var.alarm_topic_arns)

  statement_id   = "AlarmTopic-${split(":", each.value)[5]}"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.this.function_name
  principal      = "sns.amazonaws.com"
  source_arn     = each.value
  source_account = var.account_id
}

resource "aws_cloudwatch_metric_alarm" "errors" {
  alarm_name          = "${local.function_name}-errors"
  alarm_description   = "The automated security response failed; check its log and act by hand."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = local.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [var.alert_topic_arn]
  tags                = local.tags
}
