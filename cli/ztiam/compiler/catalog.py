"""The action lists the compiled policies are made of, one named tuple per purpose."""

from __future__ import annotations

# Reading identity and security configuration: every human tier may look, none may change.
READ_CONFIGURATION = (
    "access-analyzer:Get*", "access-analyzer:List*", "access-analyzer:ValidatePolicy",
    "cloudtrail:Describe*", "cloudtrail:Get*", "cloudtrail:List*", "cloudtrail:LookupEvents",
    "config:Describe*", "config:Get*", "config:List*", "guardduty:Get*", "guardduty:List*",
    "iam:Get*", "iam:List*", "kms:Describe*", "kms:List*", "securityhub:Describe*",
    "securityhub:Get*", "securityhub:List*",
)

# Building and running applications: developers in development and staging.
DEVELOPER_SERVICES = (
    "apigateway:*", "application-autoscaling:*", "athena:*", "autoscaling:*",
    "cloudformation:*", "cloudwatch:*", "codebuild:*", "codedeploy:*", "codepipeline:*",
    "dynamodb:*", "ec2:*", "ecr:*", "ecs:*", "eks:*", "elasticache:*", "elasticfilesystem:*",
    "elasticloadbalancing:*", "events:*", "execute-api:*", "firehose:*", "glue:*", "kinesis:*",
    "lambda:*", "logs:*", "rds-data:*", "rds-db:connect", "rds:*", "s3:*", "scheduler:*",
    "secretsmanager:*", "sns:*", "sqs:*", "ssm:*", "states:*", "xray:*",
)

# Compute, storage and networking: operators in every environment.
OPERATOR_SERVICES = (
    "acm:*", "application-autoscaling:*", "autoscaling:*", "backup:*", "cloudformation:*",
    "cloudwatch:*", "dynamodb:*", "ec2:*", "ecr:*", "ecs:*", "eks:*", "elasticache:*",
    "elasticfilesystem:*", "elasticloadbalancing:*", "events:*", "fsx:*", "lambda:*", "logs:*",
    "network-firewall:*", "rds:*", "route53:*", "route53resolver:*", "s3:*", "sns:*", "sqs:*",
    "ssm:*",
)

# Read-only view of a production account, without application data.
PRODUCTION_READ_ONLY = (
    "apigateway:GET", "autoscaling:Describe*", "cloudformation:Describe*",
    "cloudformation:List*", "cloudwatch:Describe*", "cloudwatch:Get*", "cloudwatch:List*",
    "dynamodb:Describe*", "dynamodb:List*", "ec2:Describe*", "ecr:Describe*", "ecr:List*",
    "ecs:Describe*", "ecs:List*", "eks:Describe*", "eks:List*", "elasticache:Describe*",
    "elasticloadbalancing:Describe*", "events:Describe*", "events:List*",
    "lambda:GetFunctionConfiguration", "lambda:List*", "logs:Describe*", "logs:FilterLogEvents",
    "logs:GetLogEvents", "logs:GetQueryResults", "logs:StartQuery", "rds:Describe*",
    "rds:List*", "s3:GetBucket*", "s3:ListAllMyBuckets", "sns:GetTopicAttributes", "sns:List*",
    "sqs:GetQueueAttributes", "sqs:ListQueues", "states:DescribeStateMachine", "states:List*",
    "tag:GetResources", "xray:BatchGetTraces", "xray:Get*",
)

KEY_USE = (
    "kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*",
)

# Changing identities and security configuration.
IAM_WRITES = (
    "iam:Add*", "iam:Attach*", "iam:Change*", "iam:Create*", "iam:Deactivate*", "iam:Delete*",
    "iam:Detach*", "iam:Enable*", "iam:Put*", "iam:Remove*", "iam:Reset*", "iam:Resync*",
    "iam:Set*", "iam:Tag*", "iam:Untag*", "iam:Update*", "iam:Upload*",
)
SECURITY_WRITES = (
    "access-analyzer:Create*", "access-analyzer:Delete*", "access-analyzer:Update*", "account:*",
    "cloudtrail:Create*", "cloudtrail:Delete*", "cloudtrail:Put*", "cloudtrail:Start*",
    "cloudtrail:Stop*", "cloudtrail:Update*", "config:Delete*", "config:Put*", "config:Start*",
    "config:Stop*", "guardduty:Create*", "guardduty:Delete*", "guardduty:Disable*",
    "guardduty:Disassociate*", "guardduty:Update*", "identitystore:*", "organizations:*",
    "securityhub:Delete*", "securityhub:Disable*", "securityhub:Disassociate*",
    "securityhub:Update*", "sso-directory:*", "sso:*",
)

# Reading application data.
DATA_READS = (
    "dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:GetRecords", "dynamodb:PartiQLSelect",
    "dynamodb:Query", "dynamodb:Scan", "rds-data:*", "rds-db:connect", "redshift-data:*",
    "secretsmanager:GetSecretValue", "ssm:GetParameter", "ssm:GetParameters",
    "ssm:GetParametersByPath",
)
OBJECT_READS = ("s3:GetObject", "s3:GetObjectAttributes", "s3:GetObjectVersion")

# High-risk actions denied to every human role (docs/policy-conventions.md rule 3), first those
# denied on every resource: stopping the trail, destroying keys, opening buckets to the public,
# switching off security services.
TAMPERING_ANYWHERE = (
    "access-analyzer:DeleteAnalyzer", "cloudtrail:Delete*", "cloudtrail:Put*",
    "cloudtrail:StopLogging", "cloudtrail:Update*", "config:Delete*", "config:Stop*",
    "guardduty:Delete*", "guardduty:Disassociate*", "guardduty:UpdateDetector",
    "kms:DeleteImportedKeyMaterial", "kms:Disable*", "kms:ScheduleKeyDeletion", "macie2:Disable*",
    "s3:Put*PublicAccessBlock", "securityhub:Disable*", "securityhub:Disassociate*",
)
# Then changes to ztiam's own log groups, alarms, rules, functions, schedules, topics, aliases.
MONITORING_TAMPERING = (
    "cloudwatch:Delete*", "cloudwatch:Disable*", "cloudwatch:Put*", "events:Delete*",
    "events:Disable*", "events:Put*", "events:Remove*", "kms:DeleteAlias", "kms:UpdateAlias",
    "lambda:Delete*", "lambda:Put*", "lambda:Remove*", "lambda:Update*", "logs:*KmsKey",
    "logs:Delete*", "logs:Put*", "scheduler:Delete*", "scheduler:Update*", "sns:Delete*",
    "sns:Remove*", "sns:Set*", "sns:Unsubscribe",
)
# And changes that would weaken the buckets this root protects.
PROTECTED_BUCKET_CHANGES = (
    "s3:DeleteBucket*", "s3:PutBucketAcl", "s3:PutBucketLogging",
    "s3:PutBucketObjectLockConfiguration", "s3:PutBucketOwnershipControls", "s3:PutBucketPolicy",
    "s3:PutBucketVersioning", "s3:PutEncryptionConfiguration", "s3:PutLifecycleConfiguration",
)

# Privilege escalation paths closed by every boundary of people (and grants).
ESCALATION = (
    "iam:*PermissionsBoundary", "iam:AttachUserPolicy", "iam:CreatePolicyVersion",
    "iam:CreateServiceLinkedRole", "iam:DeletePolicyVersion", "iam:PutUserPolicy",
    "iam:SetDefaultPolicyVersion",
)
PROTECTED_ROLE_CHANGES = (
    "iam:AttachRolePolicy", "iam:DeletePolicy", "iam:DeleteRole*", "iam:DetachRolePolicy",
    "iam:PutRolePolicy", "iam:TagPolicy", "iam:TagRole", "iam:UntagPolicy", "iam:UntagRole",
    "iam:UpdateAssumeRolePolicy", "iam:UpdateRole*",
)
PRINCIPAL_CREATION = ("iam:CreateRole", "iam:CreateUser")

# Read-only audit evidence for external auditors.
AUDIT_EVIDENCE = (
    "access-analyzer:Get*", "access-analyzer:List*", "cloudtrail:Describe*", "cloudtrail:Get*",
    "cloudtrail:List*", "cloudtrail:LookupEvents", "cloudwatch:Describe*", "config:BatchGet*",
    "config:Describe*", "config:Get*", "config:List*", "events:Describe*", "events:List*",
    "guardduty:Get*", "guardduty:List*", "iam:GenerateCredentialReport",
    "iam:GenerateServiceLastAccessedDetails", "iam:Get*", "iam:List*", "kms:DescribeKey",
    "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListAliases", "kms:ListKeys",
    "logs:DescribeLogGroups", "logs:DescribeMetricFilters", "s3:GetAccountPublicAccessBlock",
    "s3:GetBucketAcl", "s3:GetBucketLocation", "s3:GetBucketLogging",
    "s3:GetBucketObjectLockConfiguration", "s3:GetBucketOwnershipControls", "s3:GetBucketPolicy",
    "s3:GetBucketPublicAccessBlock", "s3:GetBucketVersioning", "s3:GetEncryptionConfiguration",
    "s3:GetLifecycleConfiguration", "s3:ListAllMyBuckets", "securityhub:Describe*",
    "securityhub:Get*", "securityhub:List*", "sns:GetTopicAttributes",
    "sns:ListSubscriptionsByTopic", "sns:ListTopics",
)

# The ceiling of service roles and of every role an administrator creates: what applications
# call at run time, never IAM, Organizations or account configuration.
WORKLOAD_SERVICES = (
    "athena:*", "cloudwatch:PutMetricData", "dynamodb:*", "ec2:Describe*", "events:PutEvents",
    "execute-api:Invoke", "firehose:*", "glue:Get*", "kinesis:*", "kms:Decrypt",
    "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*", "logs:*",
    "rds-data:*", "rds-db:connect", "s3:*", "secretsmanager:GetSecretValue", "sns:Publish",
    "sqs:*", "ssm:GetParameter*", "states:StartExecution", "xray:PutTelemetryRecords",
    "xray:PutTraceSegments",
)

BUCKET_LIST = ("s3:GetBucketLocation", "s3:ListBucket")
OBJECT_READ_WRITE = ("s3:GetObject", "s3:PutObject")

# The customer-managed equivalent of AmazonRDSEnhancedMonitoringRole.
RDS_MONITORING_GROUP = ("logs:CreateLogGroup", "logs:PutRetentionPolicy")
RDS_MONITORING_STREAMS = (
    "logs:CreateLogStream", "logs:DescribeLogStreams", "logs:GetLogEvents", "logs:PutLogEvents",
)
RDS_MONITORING_LOG_GROUP = "RDSOSMetrics"
LOG_WRITES = ("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents")
