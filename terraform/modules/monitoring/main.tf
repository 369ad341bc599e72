locals {
  topic_name  = "${var.name_prefix}-security-alerts"
  topic_arn   = "arn:aws:sns:${var.region}:${var.account_id}:${local.topic_name}"
  triggers    = "${var.name_prefix}-response-triggers"
  trigger_arn = "arn:aws:sns:${var.region}:${var.account_id}:${local.triggers}"
  namespace   = "ztiam/CloudTrailMetrics"
  tags        = merge(var.tags, { "ztiam:component" = "monitoring" })
  api_call    = ["AWS API Call via CloudTrail"]
  sign_in     = ["AWS Console Sign In via CloudTrail", "AWS Console Signin via CloudTrail"]
  own_roles   = "arn:aws:iam::${var.account_id}:role/${var.watched_role_prefix}"
  own_account = "arn:aws:iam::${var.account_id}:"

  policy_change_events = [
    "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion",
    "SetDefaultPolicyVersion", "AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy",
    "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy", "PutRolePolicy",
    "DeleteRolePolicy", "PutUserPolicy", "DeleteUserPolicy", "PutGroupPolicy", "DeleteGroupPolicy",
    "PutRolePermissionsBoundary", "DeleteRolePermissionsBoundary", "PutUserPermissionsBoundary",
    "DeleteUserPermissionsBoundary", "UpdateAssumeRolePolicy",
  ]

  principal_change_events = [
    "CreateUser", "DeleteUser", "CreateRole", "DeleteRole", "CreateAccessKey", "DeleteAccessKey",
    "UpdateAccessKey", "CreateLoginProfile", "UpdateLoginProfile", "DeleteLoginProfile",
    "CreateServiceLinkedRole", "DeleteServiceLinkedRole", "AddUserToGroup",
    "RemoveUserFromGroup", "TagRole", "UntagRole",
  ]

  logging_change_events = [
    "CreateTrail", "UpdateTrail", "DeleteTrail", "StopLogging", "StartLogging",
    "PutEventSelectors", "PutInsightSelectors", "DeleteEventDataStore", "UpdateEventDataStore",
    "DeleteLogGroup", "DeleteLogStream", "PutRetentionPolicy", "DeleteRetentionPolicy",
    "PutMetricFilter", "DeleteMetricFilter", "PutSubscriptionFilter", "DeleteSubscriptionFilter",
    "DisassociateKmsKey", "DeleteRule", "DisableRule", "PutRule", "RemoveTargets", "PutTargets",
    "DeleteAlarms", "DisableAlarmActions", "PutMetricAlarm", "StopConfigurationRecorder",
    "DeleteConfigurationRecorder", "DeleteDeliveryChannel", "PutBucketLogging", "DisableKey",
    "ScheduleKeyDeletion", "DeleteTopic", "SetTopicAttributes", "Unsubscribe",
  ]

  # EventBridge rules: one per kind of IAM activity DESIGN.md names.
  all_rules = {
    iam-policy-changes = {
      description = "IAM policies created, changed, attached, detached, and boundary or trust changes"
      pattern = {
        source        = ["aws.iam"]
        "detail-type" = local.api_call
        detail        = { eventSource = ["iam.amazonaws.com"], eventName = local.policy_change_events }
      }
    }
    iam-principal-changes = {
      description = "IAM users, roles, access keys and login profiles created or deleted"
      pattern = {
        source        = ["aws.iam"]
        "detail-type" = local.api_call
        detail        = { eventSource = ["iam.amazonaws.com"], eventName = local.principal_change_events }
      }
    }
    role-assumption = {
      description = "A ztiam role of this account was assumed"
      pattern = {
        source        = ["aws.sts"]
        "detail-type" = local.api_call
        detail = {
          eventName         = ["AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity"]
          requestParameters = { roleArn = [{ prefix = local.own_roles }] }
        }
      }
    }
    cross-account-assumption-in = {
      description = "Another account assumed a role of this account"
      pattern = {
        source        = ["aws.sts"]
        "detail-type" = local.api_call
        detail = {
          eventName         = ["AssumeRole"]
          userIdentity      = { accountId = [{ "anything-but" = [var.account_id] }] }
          requestParameters = { roleArn = [{ prefix = local.own_account }] }
        }
      }
    }
    cross-account-assumption-out = {
      description = "A principal of this account assumed a role of another account"
      pattern = {
        source        = ["aws.sts"]
        "detail-type" = local.api_call
        detail = {
          eventName         = ["AssumeRole"]
          requestParameters = { roleArn = [{ "anything-but" = { prefix = local.own_account } }] }
        }
      }
    }
    console-sign-in-failures = {
      description = "Failed console sign-ins (IAM has no lockout; automated response counts them)"
      pattern = {
        source        = ["aws.signin"]
        "detail-type" = local.sign_in
        detail        = { eventName = ["ConsoleLogin"], responseElements = { ConsoleLogin = ["Failure"] } }
      }
    }
    console-sign-in-without-mfa = {
      description = "Successful console sign-ins of IAM users or root without MFA"
      pattern = {
        source        = ["aws.signin"]
        "detail-type" = local.sign_in
        detail = {
          eventName           = ["ConsoleLogin"]
          additionalEventData = { MFAUsed = ["No"] }
          userIdentity        = { type = ["IAMUser", "Root"] }
          responseElements    = { ConsoleLogin = ["Success"] }
        }
      }
    }
    root-activity = {
      description = "Any activity of the root user"
      pattern = {
        "detail-type" = concat(local.api_call, local.sign_in)
        detail        = { userIdentity = { type = ["Root"] } }
      }
    }
    break-glass-use = {
      description = "Any activity of the break-glass role"
      pattern = {
        "detail-type" = local.api_call
        detail = {
          userIdentity = { sessionContext = { sessionIssuer = { arn = [var.break_glass_role_arn] } } }
        }
      }
    }
    admin-actions = {
      description = "Every write by an administrator role in production"
      pattern = {
        "detail-type" = local.api_call
        detail = {
          readOnly     = [false]
          userIdentity = { sessionContext = { sessionIssuer = { arn = var.administrator_role_arns } } }
        }
      }
    }
    sensitive-bucket-access = {
      description = "Object-level access to sensitive buckets (CloudTrail data events)"
      pattern = {
        source        = ["aws.s3"]
        "detail-type" = local.api_call
        detail = {
          eventSource       = ["s3.amazonaws.com"]
          requestParameters = { bucketName = var.sensitive_bucket_names }
        }
      }
    }
    logging-changes = {
      description = "CloudTrail, CloudWatch Logs, EventBridge, alarm, Config and key changes"
      pattern = {
        source = [
          "aws.cloudtrail", "aws.logs", "aws.events", "aws.cloudwatch", "aws.config", "aws.s3",
          "aws.kms", "aws.sns",
        ]
        "detail-type" = local.api_call
        detail        = { eventName = local.logging_change_events }
      }
    }
  }

  # Rules whose events the automated response acts on (trail restarts, new users and keys).
  response_rules = var.response_function_arn == null ? [] : ["logging-changes", "iam-principal-changes"]

  rules = {
    for name, rule in local.all_rules : name => rule if !(
      (name == "admin-actions" && (!var.production || length(var.administrator_role_arns) == 0))
      || (name == "sensitive-bucket-access" && length(var.sensitive_bucket_names) == 0)
    )
  }

  # CIS AWS Foundations metric filters, as published for Security Hub CloudWatch.1 to .9.
  cis_filters = {
    cis-1-root-usage = {
      metric  = "RootAccountUsage"
      pattern = "{$.userIdentity.type=\"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !=\"AwsServiceEvent\"}"
    }
    cis-2-unauthorized-api-calls = {
      metric  = "UnauthorizedAPICalls"
      pattern = "{($.errorCode=\"*UnauthorizedOperation\") || ($.errorCode=\"AccessDenied*\")}"
    }
    cis-3-console-sign-in-without-mfa = {
      metric  = "ConsoleSignInWithoutMfa"
      pattern = "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") && ($.userIdentity.type = \"IAMUser\") && ($.responseElements.ConsoleLogin = \"Success\") }"
    }
    cis-4-iam-policy-changes = {
      metric  = "IAMPolicyChanges"
      pattern = "{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}"
    }
    cis-5-cloudtrail-changes = {
      metric  = "CloudTrailConfigChanges"
      pattern = "{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}"
    }
    cis-6-console-authentication-failures = {
      metric  = "ConsoleAuthenticationFailures"
      pattern = "{($.eventName=ConsoleLogin) && ($.errorMessage=\"Failed authentication\")}"
    }
    cis-7-cmk-disabled-or-deleted = {
      metric  = "DisableOrDeleteCMK"
      pattern = "{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}"
    }
    cis-8-s3-bucket-policy-changes = {
      metric  = "S3BucketPolicyChanges"
      pattern = "{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}"
    }
    cis-9-config-changes = {
      metric  = "AWSConfigChanges"
      pattern = "{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}"
    }
  }

  alarm_names = concat(
    [for name in keys(local.cis_filters) : "${var.name_prefix}-${name}"],
    ["${var.name_prefix}-console-sign-in-failures-repeated"],
  )
  alarm_arns = [
    for name in local.alarm_names : "arn:aws:cloudwatch:${var.region}:${var.account_id}:alarm:${name}"
  ]

  topic_policy = {
    for name, arn in { (local.topic_name) = local.topic_arn, (local.triggers) = local.trigger_arn } :
    name => jsonencode({
      Version = "2012-10-17"
      Statement = [
        {
          Sid       = "EventBridgePublishesAlerts"
          Effect    = "Allow"
          Principal = { Service = ["events.amazonaws.com"] }
          Action    = ["sns:Publish"]
          Resource  = [arn]
          Condition = {
            StringEquals = { "aws:SourceAccount" = [var.account_id] }
          }
        },
        {
          Sid       = "CloudWatchAlarmsPublishAlerts"
          Effect    = "Allow"
          Principal = { Service = ["cloudwatch.amazonaws.com"] }
          Action    = ["sns:Publish"]
          Resource  = [arn]
          Condition = {
            StringEquals = { "aws:SourceAccount" = [var.account_id] }
          }
        },
      ]
    })
  }
}

resource "aws_kms_key" "this" {
  description             = "Encrypts the ${local.topic_name} topic"
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
        Sid       = "AlertSourcesEncryptMessages"
        Effect    = "Allow"
        Principal = { Service = ["events.amazonaws.com", "cloudwatch.amazonaws.com"] }
        Action    = ["kms:GenerateDataKey*", "kms:Decrypt"]
        Resource  = ["*"]
        Condition = {
          StringEquals = { "aws:SourceAccount" = [var.account_id] }
        }
      },
    ]
  })
}

resource "aws_kms_alias" "this" {
  name          = var.kms_alias
  target_key_id = aws_kms_key.this.key_id
}

resource "aws_sns_topic" "this" {
  name              = local.topic_name
  kms_master_key_id = aws_kms_alias.this.name
  policy            = local.topic_policy[local.topic_name]
  tags              = local.tags
}

resource "aws_sns_topic" "triggers" {
  name              = local.triggers
  kms_master_key_id = aws_kms_alias.this.name
  policy            = local.topic_policy[local.triggers]
  tags              = local.tags
}

resource "aws_sns_topic_subscription" "email" {
  for_each = toset(var.alert_emails)

  topic_arn = aws_sns_topic.this.arn
  protocol  = "email"
  endpoint  = each.value
}

resource "aws_sns_topic_subscription" "siem" {
  count = var.siem_endpoint == null ? 0 : 1

  topic_arn              = aws_sns_topic.this.arn
  protocol               = "https"
  endpoint               = var.siem_endpoint
  endpoint_auto_confirms = false
  raw_message_delivery   = true
}

resource "aws_cloudwatch_event_rule" "this" {
  for_each = local.rules

  name          = "${var.name_prefix}-${each.key}"
  description   = each.value.description
  event_pattern = jsonencode(each.value.pattern)
  tags          = local.tags
}

resource "aws_cloudwatch_event_target" "this" {
  for_each = local.rules

  rule      = aws_cloudwatch_event_rule.this[each.key].name
  target_id = "security-alerts"
  arn       = aws_sns_topic.this.arn
}

resource "aws_cloudwatch_event_target" "response" {
  for_each = toset(local.response_rules)

  rule      = aws_cloudwatch_event_rule.this[each.key].name
  target_id = "security-response"
  arn       = var.response_function_arn
}

resource "aws_sns_topic_subscription" "response" {
  count = var.response_function_arn == null ? 0 : 1

  topic_arn = aws_sns_topic.triggers.arn
  protocol  = "lambda"
  endpoint  = var.response_function_arn
}

resource "aws_cloudwatch_log_metric_filter" "this" {
  for_each = local.cis_filters

  name           = "${var.name_prefix}-${each.key}"
  log_group_name = var.trail_log_group_name
  pattern        = each.value.pattern

  metric_transformation {
    name      = each.value.metric
    namespace = local.namespace
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = local.cis_filters

  alarm_name          = "${var.name_prefix}-${each.key}"
  alarm_description   = "CIS CloudWatch metric ${each.value.metric} counted at least one event"
  namespace           = local.namespace
  metric_name         = each.value.metric
  statistic           = "Sum"
  period              = var.alarm_period
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.this.arn]
  tags                = local.tags

  depends_on = [aws_cloudwatch_log_metric_filter.this]
}

# IAM has no account lockout: repeated failures start the automated response instead.
resource "aws_cloudwatch_metric_alarm" "sign_in_failures" {
  alarm_name          = "${var.name_prefix}-console-sign-in-failures-repeated"
  alarm_description   = "At least ${var.sign_in_failure_threshold} failed console sign-ins within ${var.alarm_period} seconds"
  namespace           = local.namespace
  metric_name         = local.cis_filters["cis-6-console-authentication-failures"].metric
  statistic           = "Sum"
  period              = var.alarm_period
  evaluation_periods  = 1
  threshold           = var.sign_in_failure_threshold
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.this.arn, aws_sns_topic.triggers.arn]
  tags                = local.tags

  depends_on = [aws_cloudwatch_log_metric_filter.this]
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = "${var.name_prefix}-iam-activity"

  dashboard_body = jsonencode({
    widgets = [
      {
        type   = "alarm"
        x      = 0
        y      = 0
        width  = 24
        height = 4
        properties = {
          title  = "Security alarms"
          alarms = local.alarm_arns
        }
      },
      {
        type   = "metric"
        x      = 0
        y      = 4
        width  = 12
        height = 8
        properties = {
          title   = "CloudTrail metric filters (sum per 5 minutes)"
          region  = var.region
          stat    = "Sum"
          period  = 300
          view    = "timeSeries"
          metrics = [for f in values(local.cis_filters) : [local.namespace, f.metric]]
        }
      },
      {
        type   = "metric"
        x      = 12
        y      = 4
        width  = 12
        height = 8
        properties = {
          title   = "EventBridge rule matches (sum per 5 minutes)"
          region  = var.region
          stat    = "Sum"
          period  = 300
          view    = "timeSeries"
          metrics = [for name in keys(local.rules) : ["AWS/Events", "MatchedEvents", "RuleName", "${var.name_prefix}-${name}"]]
        }
      },
      {
        type   = "log"
        x      = 0
        y      = 12
        width  = 24
        height = 8
        properties = {
          title  = "Recent IAM changes"
          region = var.region
          view   = "table"
          query  = "SOURCE '${var.trail_log_group_name}' | filter eventSource = 'iam.amazonaws.com' and readOnly = 0 | fields @timestamp, eventName, userIdentity.arn, sourceIPAddress | sort @timestamp desc | limit 50"
        }
      },
    ]
  })
}
