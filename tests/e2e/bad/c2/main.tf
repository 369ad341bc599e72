# Constraint 2: trusting another account without sts:ExternalId fails.
resource "aws_iam_role" "fail_no_external_id" {
  name                 = "fail-no-external-id"
  max_session_duration = 3600
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "444455556666" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role" "pass_service" {
  name = "pass-service"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}
