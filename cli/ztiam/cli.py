"""The ztiam command line: thin commands over the compiler, the plan runner and the verifier."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

try:  # recent Typer releases carry their own copy of click
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - Typer releases that use click itself
    from click import exceptions as click_errors

from ztiam import __version__
from ztiam.errors import ZtiamError
from ztiam.log import configure, logger

if TYPE_CHECKING:
    from ztiam.waivers import WaiverFile

app = typer.Typer(
    name="ztiam",
    help="Compile zero-trust AWS IAM blueprints to Terraform and verify plans against controls.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class ReportFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    markdown = "markdown"
    csv = "csv"
    html = "html"


class SimulateFormat(str, Enum):
    text = "text"
    json = "json"


class CatalogueFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


class EngineName(str, Enum):
    regorus = "regorus"
    opa = "opa"


OutDir = Annotated[
    Optional[Path],
    typer.Option("--out-dir", "-o", help="Root to write (default build/<environment>)."),
]
Offline = Annotated[
    bool, typer.Option("--offline", help="Plan with mock credentials and no AWS calls.")
]
PluginDir = Annotated[
    Optional[Path],
    typer.Option("--plugin-dir", help="Local provider mirror passed to terraform init."),
]
Format = Annotated[ReportFormat, typer.Option("--format", "-f", help="Report format.")]
Output = Annotated[
    Optional[Path],
    typer.Option("--output", "-o", help="Write the report here instead of stdout."),
]
CheckOutDir = Annotated[
    Optional[Path],
    typer.Option("--out-dir", help="Root to write (default build/<environment>)."),
]
AllowUnknown = Annotated[
    bool,
    typer.Option("--allow-unknown", help="Report unknown controls as warnings, not failures."),
]
Engine = Annotated[
    EngineName, typer.Option("--engine", help="Rego engine: embedded regorus or OPA.")
]
Waivers = Annotated[
    Optional[Path],
    typer.Option("--waivers", help="YAML file of approved, expiring waivers for findings."),
]
Evidence = Annotated[
    Optional[Path],
    typer.Option("--evidence", help="Also write every report format and a manifest here."),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ztiam {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print version.")
    ] = False,
) -> None:
    """Compile zero-trust AWS IAM blueprints to Terraform and verify plans against controls."""


@app.command("compile")
def compile_command(blueprint: Path, out_dir: OutDir = None) -> None:
    """Write a self-contained Terraform root for BLUEPRINT."""
    root = _compile(blueprint, out_dir)
    typer.echo(f"ztiam: wrote {root}", err=True)


@app.command("plan")
def plan_command(
    blueprint: Path, out_dir: OutDir = None, offline: Offline = False, plugin_dir: PluginDir = None
) -> None:
    """Compile BLUEPRINT, then terraform init, plan and show -json into DIR/plan.json."""
    plan_json = _plan(blueprint, out_dir, offline, plugin_dir)
    typer.echo(f"ztiam: wrote {plan_json}", err=True)


@app.command("verify")
def verify_command(
    plan: Annotated[Path, typer.Argument(help="terraform show -json output (plan or state).")],
    blueprint: Annotated[
        Optional[Path], typer.Option("--blueprint", "-b", help="Blueprint to verify against.")
    ] = None,
    fmt: Format = ReportFormat.text,
    output: Output = None,
    allow_unknown: AllowUnknown = False,
    engine: Engine = EngineName.regorus,
    waivers: Waivers = None,
    evidence: Evidence = None,
) -> None:
    """Evaluate every control against PLAN and report pass/fail per control."""
    waiver_file = _waivers(waivers, evidence)
    code = _verify(plan, blueprint, fmt, output, allow_unknown, engine, waiver_file, evidence)
    raise typer.Exit(code)


@app.command("check")
def check_command(
    blueprint: Path,
    out_dir: CheckOutDir = None,
    offline: Offline = False,
    plugin_dir: PluginDir = None,
    fmt: Format = ReportFormat.text,
    output: Output = None,
    allow_unknown: AllowUnknown = False,
    engine: Engine = EngineName.regorus,
    waivers: Waivers = None,
    evidence: Evidence = None,
) -> None:
    """Compile, plan and verify BLUEPRINT in one step."""
    waiver_file = _waivers(waivers, evidence)
    plan_json = _plan(blueprint, out_dir, offline, plugin_dir)
    raise typer.Exit(_verify(plan_json, blueprint, fmt, output, allow_unknown, engine,
                             waiver_file, evidence))


@app.command("controls")
def controls_command(
    fmt: Annotated[CatalogueFormat, typer.Option("--format", "-f")] = CatalogueFormat.text,
    framework: Annotated[
        Optional[str],
        typer.Option("--framework", help="One framework's matrix: pci, nist, soc2, nydfs, cis, "
                     "sox or ffiec."),
    ] = None,
) -> None:
    """Print the control catalogue and its mapping to frameworks."""
    from ztiam.catalogue_report import render_catalogue

    typer.echo(render_catalogue(fmt.value, framework), nl=False)


@app.command("schema")
def schema_command() -> None:
    """Print the blueprint JSON Schema."""
    from ztiam.blueprint import blueprint_schema

    typer.echo(json.dumps(blueprint_schema(), indent=2))


@app.command("model")
def model_command(
    plan: Path,
    blueprint: Annotated[Optional[Path], typer.Option("--blueprint", "-b")] = None,
) -> None:
    """Print the normalised resource model the rules read (for OPA and conftest users)."""
    from ztiam.plan import load_model

    model = load_model(plan, _context(blueprint))
    typer.echo(json.dumps(model, indent=2, sort_keys=True))


FileList = Annotated[list[Path], typer.Option(help="Policy file (repeatable).")]
OptionalFile = Annotated[Optional[Path], typer.Option(help="Policy file.")]


@app.command("simulate")
def simulate_command(
    scenario: Annotated[
        Optional[Path], typer.Argument(help="Scenario YAML with requests and expectations.")
    ] = None,
    principal: Annotated[
        Optional[str], typer.Option(help="Caller ARN, account or service.")
    ] = None,
    action: Annotated[Optional[str], typer.Option(help="Action, e.g. s3:GetObject.")] = None,
    resource: Annotated[Optional[str], typer.Option(help="Resource ARN.")] = None,
    context: Annotated[
        list[str], typer.Option(help="KEY=VALUE context (repeat; KEY=~ is absent).")
    ] = [],  # noqa: B006 - Typer reads the default, never mutates it
    identity: FileList = [],  # noqa: B006
    boundary: OptionalFile = None,
    session_policy: OptionalFile = None,
    scp: FileList = [],  # noqa: B006
    rcp: FileList = [],  # noqa: B006
    resource_policy: OptionalFile = None,
    resource_account: Annotated[Optional[str], typer.Option(help="Account owning it.")] = None,
    trust_policy: OptionalFile = None,
    fmt: Annotated[SimulateFormat, typer.Option("--format", "-f")] = SimulateFormat.text,
    output: Output = None,
) -> None:
    """Decide requests offline: a SCENARIO file, or one request given by flags."""
    from ztiam import simulate

    if scenario is not None:
        results = simulate.run_scenario(simulate.load_scenario(scenario))
    else:
        missing = [f"--{n}" for n, v in (("principal", principal), ("action", action),
                                        ("resource", resource)) if not v]
        if missing:
            raise ZtiamError(f"simulate: give a SCENARIO file or {', '.join(missing)}")
        results = [simulate.simulate_one(
            principal, action, resource, simulate.parse_context_args(context),
            identity=identity, boundary=boundary, session=session_policy, scps=scp, rcps=rcp,
            resource_policy=resource_policy, resource_account=resource_account,
            trust=trust_policy)]
    text = (json.dumps(results, indent=2, default=str) + "\n" if fmt is SimulateFormat.json
            else simulate.render_text(results))
    _emit(text, output)
    raise typer.Exit(simulate.exit_code(results))


def _compile(blueprint_path: Path, out_dir: Path | None) -> Path:
    from ztiam.blueprint import load_blueprint
    from ztiam.compiler import compile_blueprint

    blueprint = load_blueprint(blueprint_path)
    root = out_dir or Path("build") / blueprint.environment
    compile_blueprint(blueprint, blueprint_path, root)
    return root


def _plan(blueprint: Path, out_dir: Path | None, offline: bool, plugin_dir: Path | None) -> Path:
    from ztiam import terraform

    terraform.terraform_binary()  # fail before writing anything when Terraform is missing
    root = _compile(blueprint, out_dir)
    typer.echo(f"ztiam: compiled {root}; running terraform init and plan", err=True)
    return terraform.plan(root, offline=offline, plugin_dir=plugin_dir)


def _context(blueprint_path: Path | None) -> dict:
    from ztiam.blueprint import load_blueprint, strict_context

    if blueprint_path is None:
        return strict_context()
    context = load_blueprint(blueprint_path).verify_context()
    context["blueprint"] = blueprint_path.name
    return context


def _waivers(path: Path | None, evidence: Path | None) -> WaiverFile | None:
    """Check --evidence and read --waivers before anything slow runs; None without --waivers."""
    from ztiam.controls import load_catalogue
    from ztiam.evidence import check_target
    from ztiam.resources import rego_dir
    from ztiam.waivers import load_waivers

    if evidence is not None:
        check_target(evidence)
    if path is None:
        return None
    return load_waivers(path, [control.id for control in load_catalogue(rego_dir())])


def _verify(
    plan: Path,
    blueprint: Path | None,
    fmt: ReportFormat,
    output: Path | None,
    allow_unknown: bool,
    engine: EngineName,
    waivers: WaiverFile | None = None,
    evidence: Path | None = None,
) -> int:
    from ztiam.evidence import write_evidence
    from ztiam.reports import render
    from ztiam.verify import verify

    report = verify(plan, _context(blueprint), engine_name=engine.value,
                    allow_unknown=allow_unknown, waivers=waivers)
    if evidence is not None:
        write_evidence(report, evidence)
        typer.echo(f"ztiam: wrote evidence to {evidence}", err=True)
    _emit(render(report, fmt.value), output)
    return report.exit_code()


def _emit(text: str, output: Path | None) -> None:
    """Write to stdout, or atomically to ``output`` so a failure leaves nothing half written."""
    if output is None:
        sys.stdout.write(text)
        return
    try:
        handle, temporary = tempfile.mkstemp(dir=output.parent or Path("."), prefix=".ztiam-")
        with os.fdopen(handle, "w") as stream:
            stream.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, output)
    except OSError as error:
        raise ZtiamError(f"--output: cannot write {output}: {error.strerror}") from None


def main() -> None:
    """Entry point: one error handler turns every user-caused problem into one line, exit 2."""
    configure()
    try:
        code = app(standalone_mode=False)
    except click_errors.NoArgsIsHelpError as error:
        typer.echo(error.ctx.get_help() if error.ctx else "", err=True)
        code = 2
    except click_errors.ClickException as error:
        context = getattr(error, "ctx", None)
        where = f"{context.command_path}: " if context else ""
        typer.echo(f"ztiam: error: {where}{_one_line(error.format_message())}", err=True)
        code = 2
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("ztiam: aborted", err=True)
        code = 130
    except ZtiamError as error:
        typer.echo(f"ztiam: error: {error}", err=True)
        code = 2
    except Exception as error:  # noqa: BLE001 - the last line of defence: never pass, never trace
        logger.debug("internal error", exc_info=True)
        typer.echo(f"ztiam: internal error: {type(error).__name__}: {error} "
                   "(set ZTIAM_LOG_LEVEL=DEBUG for details)", err=True)
        code = 2
    sys.exit(code if isinstance(code, int) else 0)


def _one_line(text: str) -> str:
    return " ".join(text.split())
