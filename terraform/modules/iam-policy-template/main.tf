locals {
  global_services = jsondecode(file("${path.module}/global-services.json"))

  # IAM, STS and other global services resolve to us-east-1, so Allows always accept it.
  allow_regions = sort(distinct(concat(var.allowed_regions, ["us-east-1"])))

  standard_conditions = {
    StringEquals = {
      "aws:RequestedRegion"         = local.allow_regions
      "aws:PrincipalTag/ztiam:tier" = [var.tier]
    }
    Bool = {
      "aws:SecureTransport" = ["true"]
    }
  }

  conditions = [
    for s in var.statements : s.effect == "Deny" ? s.conditions : {
      for op in distinct(concat(keys(s.conditions), keys(local.standard_conditions))) :
      op => merge(lookup(s.conditions, op, {}), lookup(local.standard_conditions, op, {}))
    }
  ]

  statements = [
    for i, s in var.statements : merge(
      { Sid = s.sid, Effect = s.effect },
      {
        for k, v in {
          Action      = s.actions
          NotAction   = s.not_actions
          Resource    = s.resources
          NotResource = s.not_resources
        } : k => v if v != null
      },
      { for k, v in { Condition = local.conditions[i] } : k => v if length(v) > 0 },
    )
  ]

  region_deny = {
    Sid       = "DenyUnapprovedRegions"
    Effect    = "Deny"
    NotAction = local.global_services.actions
    Resource  = ["*"]
    Condition = {
      StringNotEquals = {
        "aws:RequestedRegion" = var.allowed_regions
      }
    }
  }

  document = jsonencode({
    Version   = "2012-10-17"
    Statement = concat(local.statements, [local.region_deny])
  })

  # IAM counts every character except whitespace against the 6,144 managed-policy quota.
  size = length(replace(local.document, "/\\s/", ""))
  arn  = "arn:aws:iam::${var.account_id}:policy${var.path}${var.name}"
}

resource "aws_iam_policy" "this" {
  name        = var.name
  path        = var.path
  description = var.description
  policy      = local.document
  tags        = var.tags

  lifecycle {
    precondition {
      condition     = local.size <= 6144
      error_message = "policy ${var.name} has ${local.size} non-whitespace characters; a managed policy may have at most 6144."
    }
  }
}
