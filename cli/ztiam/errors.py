"""The one exception tree of ztiam; the CLI turns each into one line and exit code 2."""


class ZtiamError(Exception):
    """A problem the user can cause or fix: reported as one line, exit code 2."""


class BlueprintError(ZtiamError):
    """A blueprint that cannot be read or does not validate."""


class PlanError(ZtiamError):
    """A plan or state file that cannot be read or is not Terraform JSON."""


class TerraformError(ZtiamError):
    """Terraform is missing or one of its commands failed."""


class EngineError(ZtiamError):
    """The policy engine failed to load or evaluate the rule pack."""


class WaiverError(ZtiamError):
    """A waiver file that cannot be read, is malformed, or names an unknown control."""
