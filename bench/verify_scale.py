"""Benchmark: plan generated roots with N roles using real Terraform, then time `ztiam verify`.

Usage: .venv/bin/python bench/verify_scale.py [N ...]   (default 10 100 1000)

For each N it writes a root with N roles (each with a trust policy, a customer-managed policy,
an attachment and a boundary), runs an offline `terraform plan` and `show -json`, then runs
`ztiam verify` in a fresh process and prints the plan size, verify's wall time and its peak
resident memory. Figures are printed, never asserted.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ztiam import terraform

ACCOUNT = "111122223333"

ROOT = """\
terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0, < 6.0"
    }
  }
}

provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["%(account)s"]
}

locals {
  names = toset([for i in range(%(count)d) : format("bench-%%04d", i)])
  allow_conditions = {
    StringEquals = {
      "aws:RequestedRegion"         = ["us-east-1"]
      "aws:PrincipalTag/ztiam:tier" = "developer"
    }
    Bool = { "aws:SecureTransport" = "true" }
  }
  region_deny = {
    Sid       = "DenyUnapprovedRegions"
    Effect    = "Deny"
    NotAction = ["iam:*", "sts:*", "organizations:*", "support:*"]
    Resource  = "*"
    Condition = { StringNotEquals = { "aws:RequestedRegion" = ["us-east-1"] } }
  }
}

resource "aws_iam_policy" "boundary" {
  name = "bench-boundary"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Allow", Effect = "Allow", Action = "*", Resource = "*",
        Condition = local.allow_conditions },
      local.region_deny,
    ]
  })
}

resource "aws_iam_role" "this" {
  for_each             = local.names
  name                 = each.key
  max_session_duration = 14400
  permissions_boundary = "arn:aws:iam::%(account)s:policy/bench-boundary"
  tags                 = { "ztiam:tier" = "developer" }
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::%(account)s:root" }
      Action    = "sts:AssumeRole"
      Condition = { ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::%(account)s:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_Dev_*" } }
    }]
  })
}

resource "aws_iam_policy" "this" {
  for_each = local.names
  name     = each.key
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Read", Effect = "Allow", Action = ["s3:GetObject", "s3:ListBucket"],
        Resource = ["arn:aws:s3:::${each.key}", "arn:aws:s3:::${each.key}/*"],
        Condition = local.allow_conditions },
      local.region_deny,
    ]
  })
}

resource "aws_iam_role_policy_attachment" "this" {
  for_each   = local.names
  role       = each.key
  policy_arn = "arn:aws:iam::%(account)s:policy/${each.key}"
}
"""


def plan_root(count: int, workdir: Path) -> Path:
    """Write and plan a root with ``count`` roles; return the plan.json path."""
    (workdir / "main.tf").write_text(ROOT % {"account": ACCOUNT, "count": count})
    plugin_dir = terraform.find_plugin_dir()
    return terraform.plan(workdir, offline=True, plugin_dir=plugin_dir)


def measure_verify(plan: Path) -> tuple[float, float]:
    """Run verify in a fresh child process; return (verify seconds, the child's peak MiB)."""
    done = subprocess.run([sys.executable, __file__, "--measure", str(plan)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"verify failed: {done.stderr.strip()}")
    figures = json.loads(done.stdout)
    return figures["seconds"], figures["peak_mib"]


def _measure_in_this_process(plan: Path) -> None:
    from ztiam.blueprint import strict_context
    from ztiam.verify import verify

    start = time.perf_counter()
    report = verify(plan, strict_context() | {"account_id": ACCOUNT})
    seconds = time.perf_counter() - start
    if report.exit_code() == 2:
        raise SystemExit("a control errored")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mib": peak}))


def main(counts: list[int]) -> None:
    print(f"{'roles':>6} {'resources':>9} {'plan MB':>8} {'plan s':>7} "
          f"{'verify s':>9} {'peak MiB':>9}")
    for count in counts:
        with tempfile.TemporaryDirectory(prefix=f"ztiam-bench-{count}-") as tmp:
            start = time.perf_counter()
            plan = plan_root(count, Path(tmp))
            planned = time.perf_counter() - start
            seconds, peak = measure_verify(plan)
            size = plan.stat().st_size / 1e6
            resources = 1 + 3 * count
            print(f"{count:>6} {resources:>9} {size:>8.1f} {planned:>7.1f} "
                  f"{seconds:>9.2f} {peak:>9.0f}", flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        _measure_in_this_process(Path(sys.argv[2]))
    else:
        main([int(arg) for arg in sys.argv[1:]] or [10, 100, 1000])
