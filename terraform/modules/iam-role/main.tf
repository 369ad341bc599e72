locals {
  arn        = "arn:aws:iam::${var.account_id}:role${var.path}${var.name}"
  tags       = merge(var.tags, { "ztiam:tier" = var.tier })
  trust_size = length(replace(var.assume_role_policy, "/\\s/", ""))

  # IAM counts every character except whitespace against the 10,240 inline quota of a role.
  inline_size = sum(concat([0], [for doc in values(var.inline_policies) : length(replace(doc, "/\\s/", ""))]))

  attached_accounts = [for arn in var.managed_policy_arns : split(":", arn)[4]]
}

resource "aws_iam_role" "this" {
  name                 = var.name
  path                 = var.path
  description          = var.description
  assume_role_policy   = var.assume_role_policy
  max_session_duration = var.max_session_duration
  permissions_boundary = var.permissions_boundary_arn
  tags                 = local.tags

  lifecycle {
    precondition {
      condition     = split(":", var.permissions_boundary_arn)[4] == var.account_id
      error_message = "the permissions boundary of role ${var.name} must be a policy of account ${var.account_id}."
    }

    precondition {
      condition     = alltrue([for account in local.attached_accounts : account == var.account_id])
      error_message = "every policy attached to role ${var.name} must be a policy of account ${var.account_id}."
    }

    precondition {
      condition     = local.trust_size <= var.trust_policy_size_limit
      error_message = "the trust policy of role ${var.name} has ${local.trust_size} non-whitespace characters; the quota is ${var.trust_policy_size_limit}."
    }

    precondition {
      condition     = local.inline_size <= 10240
      error_message = "the inline policies of role ${var.name} have ${local.inline_size} non-whitespace characters together; IAM allows 10240."
    }
  }
}

resource "aws_iam_role_policy" "this" {
  for_each = var.inline_policies

  name   = each.key
  role   = aws_iam_role.this.id
  policy = each.value
}

resource "aws_iam_role_policy_attachment" "this" {
  for_each = toset(var.managed_policy_arns)

  role       = aws_iam_role.this.name
  policy_arn = each.value
}

resource "aws_iam_instance_profile" "this" {
  count = var.create_instance_profile ? 1 : 0

  name = var.name
  path = var.path
  role = aws_iam_role.this.name
  tags = local.tags
}
