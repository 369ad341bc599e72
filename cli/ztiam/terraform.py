"""Run terraform init, plan and show for a compiled root, online or offline."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ztiam.errors import TerraformError
from ztiam.log import logger

OVERRIDE_NAME = "ztiam_offline_override.tf"
PLAN_BINARY = "plan.tfplan"
PLAN_JSON = "plan.json"

# Mock credentials and the provider's skip flags: enough for `terraform plan` with no network.
# This text goes into a separate *_override.tf file for the duration of an offline plan and is
# removed afterwards; it never enters the deployable providers.tf.
OFFLINE_OVERRIDE = """\
# Written by `ztiam plan --offline` for the duration of the plan, then removed.
provider "aws" {
  access_key                  = "offline-plan"
  secret_key                  = "offline-plan"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  allowed_account_ids         = null
}
"""

# Where a filesystem mirror of hashicorp/aws is commonly found, after ZTIAM_PLUGIN_DIR.
_MIRROR_CANDIDATES = (
    "/opt/tf-plugins",
    "~/.terraform.d/plugins",
    "~/.local/share/terraform/plugins",
    "/usr/local/share/terraform/plugins",
    "/usr/share/terraform/plugins",
)


def find_plugin_dir() -> Path | None:
    """Return a local provider mirror holding hashicorp/aws, or None when there is none."""
    configured = os.environ.get("ZTIAM_PLUGIN_DIR")
    candidates = [configured] if configured else []
    for raw in [*candidates, *_MIRROR_CANDIDATES]:
        path = Path(raw).expanduser()
        if (path / "registry.terraform.io" / "hashicorp" / "aws").is_dir():
            return path
    return None


def terraform_binary() -> str:
    """Return the terraform executable, or fail with one line when it is not installed."""
    found = shutil.which(os.environ.get("ZTIAM_TERRAFORM", "terraform"))
    if not found:
        raise TerraformError("terraform: not found on PATH (install Terraform >= 1.5)")
    return found


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(TF_IN_AUTOMATION="1", TF_INPUT="0", CHECKPOINT_DISABLE="1")
    configured = env.get("TF_CLI_CONFIG_FILE")
    if configured and not Path(configured).is_file():
        # Terraform warns on every command about a missing CLI configuration file.
        empty = Path(tempfile.gettempdir()) / "ztiam-empty.tfrc"
        empty.write_text("")
        env["TF_CLI_CONFIG_FILE"] = str(empty)
    return env


def run(args: list[str], workdir: Path, *, capture: bool = True) -> str:
    """Run one terraform command in ``workdir``; a failure raises TerraformError."""
    command = [terraform_binary(), *args]
    logger.info("running %s in %s", " ".join(args), workdir)
    result = subprocess.run(
        command, cwd=workdir, env=_environment(), capture_output=True, text=True
    )
    if result.returncode != 0:
        raise TerraformError(f"terraform {args[0]} failed in {workdir}: {_summary(result.stderr)}")
    return result.stdout if capture else ""


def _summary(stderr: str) -> str:
    """Condense Terraform's boxed error output into one line."""
    lines = [line.strip(" │╷╵\t") for line in stderr.splitlines()]
    text = " ".join(line for line in lines if line)
    return text[:2000] or "no error output"


def init(workdir: Path, plugin_dir: Path | None) -> None:
    """Run terraform init, from the local mirror when one is given."""
    args = ["init", "-input=false", "-no-color"]
    if plugin_dir is not None:
        if not plugin_dir.is_dir():
            raise TerraformError(f"--plugin-dir: {plugin_dir} is not a directory")
        args.append(f"-plugin-dir={plugin_dir}")
    run(args, workdir)


def plan(workdir: Path, *, offline: bool, plugin_dir: Path | None) -> Path:
    """Init, plan and show -json in ``workdir``; return the path of the written plan.json."""
    if offline and plugin_dir is None:
        plugin_dir = find_plugin_dir()
    override = workdir / OVERRIDE_NAME
    if offline:
        override.write_text(OFFLINE_OVERRIDE)
    try:
        init(workdir, plugin_dir)
        refresh = ["-refresh=false"] if offline else []
        run(["plan", "-input=false", "-no-color", "-lock=false", *refresh,
             f"-out={PLAN_BINARY}"], workdir)
        shown = run(["show", "-json", "-no-color", PLAN_BINARY], workdir)
    finally:
        override.unlink(missing_ok=True)
    target = workdir / PLAN_JSON
    target.write_text(shown)
    return target
