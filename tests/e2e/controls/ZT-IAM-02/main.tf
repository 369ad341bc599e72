# Constraint 2: another account may assume a role only when it is allow-listed and the trust
# requires sts:ExternalId.
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

resource "aws_iam_role" "fail_not_allow_listed" {
  name                 = "fail-not-allow-listed"
  max_session_duration = 3600
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::777788889999:root" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "sts:ExternalId" = "Example-1234" } }
    }]
  })
}

resource "aws_iam_role" "fail_external_id_if_exists" {
  name                 = "fail-external-id-if-exists"
  max_session_duration = 3600
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "444455556666" }
      Action    = "sts:AssumeRole"
      Condition = { StringEqualsIfExists = { "sts:ExternalId" = "Example-1234" } }
    }]
  })
}

resource "aws_iam_role" "pass_allow_listed_with_external_id" {
  name                 = "pass-allow-listed-with-external-id"
  max_session_duration = 3600
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "sts:ExternalId" = "Example-1234" } }
    }]
  })
}

resource "aws_iam_role" "service" {
  name = "service"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}
