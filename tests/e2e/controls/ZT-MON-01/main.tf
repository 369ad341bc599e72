# IAM activity monitoring: root use has no rule, so the trail fails for it.
resource "aws_cloudtrail" "fail_trail" {
  name           = "main"
  s3_bucket_name = "example-trail-bucket"
}

resource "aws_sns_topic" "alerts" {
  name              = "alerts"
  kms_master_key_id = "alias/aws/sns"
}

resource "aws_cloudwatch_event_rule" "pass_iam" {
  name = "pass_iam"
  event_pattern = jsonencode({
    source        = ["aws.iam"]
    "detail-type" = ["AWS API Call via CloudTrail"]
    detail = {
      eventSource = ["iam.amazonaws.com"]
      eventName = [
        "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion",
        "AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy", "DetachUserPolicy",
        "PutRolePolicy", "DeleteRolePolicy", "PutUserPolicy", "DeleteUserPolicy",
        "PutRolePermissionsBoundary", "DeleteRolePermissionsBoundary",
        "PutUserPermissionsBoundary", "DeleteUserPermissionsBoundary",
        "CreateUser", "DeleteUser", "CreateRole", "DeleteRole", "CreateAccessKey", "DeleteAccessKey",
      ]
    }
  })
}

resource "aws_cloudwatch_event_target" "iam" {
  rule = aws_cloudwatch_event_rule.pass_iam.name
  arn  = aws_sns_topic.alerts.arn
}

resource "aws_cloudwatch_event_rule" "pass_sts" {
  name = "pass_sts"
  event_pattern = jsonencode({
    source = ["aws.sts"]
    detail = {
      eventName         = ["AssumeRole"]
      requestParameters = { roleArn = [{ prefix = "arn:aws:iam::111122223333:role/" }] }
    }
  })
}

resource "aws_cloudwatch_event_target" "sts" {
  rule = aws_cloudwatch_event_rule.pass_sts.name
  arn  = aws_sns_topic.alerts.arn
}

resource "aws_cloudwatch_event_rule" "pass_signin" {
  name = "pass_signin"
  event_pattern = jsonencode({
    source        = ["aws.signin"]
    "detail-type" = ["AWS Console Sign In via CloudTrail", "AWS Console Signin via CloudTrail"]
    detail        = { eventName = ["ConsoleLogin"] }
  })
}

resource "aws_cloudwatch_event_target" "signin" {
  rule = aws_cloudwatch_event_rule.pass_signin.name
  arn  = aws_sns_topic.alerts.arn
}

resource "aws_cloudwatch_event_rule" "pass_admin" {
  name = "pass_admin"
  event_pattern = jsonencode({
    "detail-type" = ["AWS API Call via CloudTrail"]
    detail        = { readOnly = [false] }
  })
}

resource "aws_cloudwatch_event_target" "admin" {
  rule = aws_cloudwatch_event_rule.pass_admin.name
  arn  = aws_sns_topic.alerts.arn
}

resource "aws_cloudwatch_event_rule" "pass_logging" {
  name = "pass_logging"
  event_pattern = jsonencode({
    source = ["aws.cloudtrail", "aws.logs"]
    detail = { eventName = ["StopLogging", "DeleteTrail", "UpdateTrail", "PutEventSelectors", "DeleteLogGroup"] }
  })
}

resource "aws_cloudwatch_event_target" "logging" {
  rule = aws_cloudwatch_event_rule.pass_logging.name
  arn  = aws_sns_topic.alerts.arn
}
