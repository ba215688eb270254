"""Render specs/<provider>.yaml into generated/<provider>/, deterministically.

Each provider is generated into a temporary folder which then replaces
generated/<provider>/ whole (openapi-python-client's --overwrite keeps stale
files). The sandbox's pydantic models are generated from the same specs into
generated/sandbox_models/. Every output folder carries GENERATED.json with
the sha256 of its inputs and the tool versions, so drift can be detected.

The curated asset registry specs/assets.yaml is copied, as JSON, to
overlays/balancekit/assets.json (the copy the balancekit wheel ships) on every
run; --check-hashes also fails when that copy is stale.

Each client's version is its spec's `info.version`; its CHANGELOG.md is
written from the change reports between the spec's versions in git history
(scripts/spec_history.py), and the change report against HEAD is printed.

Usage: python scripts/generate.py [provider ...]     (default: all)
       python scripts/generate.py --check-hashes     (verify GENERATED.json only)
       python scripts/generate.py --pins             (only pin balancekit's siblings to the specs' versions)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version
from pathlib import Path

import spec_changes
import spec_history
import yaml

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"
TEMPLATES = SPECS / "templates"  # openapi-python-client template overrides (faster from_dict)
GENERATED = ROOT / "generated"
SANDBOX_MODELS = GENERATED / "sandbox_models"
SANDBOX_PACKAGE = "balancekit_sandbox_models"
# every provider with a codegen config (specs/<provider>.codegen.yaml), by name; balancekit need not be installed
PROVIDERS = tuple(sorted(path.name.removesuffix(".codegen.yaml") for path in SPECS.glob("*.codegen.yaml")))
TOOLS = ("openapi-python-client", "ruff", "datamodel-code-generator")
ASSETS_SOURCE = SPECS / "assets.yaml"
ASSETS_PACKAGED = ROOT / "overlays" / "balancekit" / "assets.json"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def templates_sha256() -> str:
    """One hash over every template override, names included."""
    digest = hashlib.sha256()
    for path in sorted(TEMPLATES.rglob("*.jinja")):
        digest.update(path.relative_to(TEMPLATES).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def package_name(provider: str) -> str:
    return "balancekit_" + provider.replace("-", "_")


def tool_versions() -> dict[str, str]:
    return {tool: version(tool) for tool in TOOLS}


def client_manifest(provider: str) -> dict[str, object]:
    spec, config = SPECS / f"{provider}.yaml", SPECS / f"{provider}.codegen.yaml"
    return {
        "provider": provider,
        "package": package_name(provider),
        "spec": f"specs/{provider}.yaml",
        "spec_sha256": sha256(spec),
        "config": f"specs/{provider}.codegen.yaml",
        "config_sha256": sha256(config),
        "templates": "specs/templates",
        "templates_sha256": templates_sha256(),
        "tools": {k: v for k, v in tool_versions().items() if k != "datamodel-code-generator"},
    }


def sandbox_manifest() -> dict[str, object]:
    return {
        "package": SANDBOX_PACKAGE,
        "specs": {p: sha256(SPECS / f"{p}.yaml") for p in PROVIDERS},
        "tools": {"datamodel-code-generator": version("datamodel-code-generator")},
    }


def write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def tool_env() -> dict[str, str]:
    """PATH with this interpreter's scripts first, so post_hooks use the pinned ruff."""
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["RUFF_NO_CACHE"] = "true"
    return env


def swap_in(staged: Path, target: Path) -> None:
    """Replace target with staged whole: no stale file survives."""
    if target.exists():
        shutil.rmtree(target)
    shutil.move(str(staged), str(target))


def generate_client(provider: str, workdir: Path) -> None:
    spec, config = SPECS / f"{provider}.yaml", SPECS / f"{provider}.codegen.yaml"
    out = workdir / provider
    cmd = [
        str(Path(sys.executable).parent / "openapi-python-client"),
        "generate",
        "--path",
        str(spec),
        "--config",
        str(config),
        "--meta",
        "uv",
        "--custom-template-path",
        str(TEMPLATES),
        "--output-path",
        str(out),
        "--fail-on-warning",
    ]
    result = subprocess.run(cmd, check=False, cwd=workdir, env=tool_env(), capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"generation of {provider} failed:\n{result.stdout}\n{result.stderr}")
    shutil.rmtree(out / ".ruff_cache", ignore_errors=True)
    # The package carries its own spec (as JSON) so overlays can name the
    # field path of a body that does not decode.
    document = yaml.safe_load(spec.read_text(encoding="utf-8"))
    write_json(out / package_name(provider) / "openapi.json", document)
    write_json(out / "GENERATED.json", client_manifest(provider))
    write_changelog(provider, out)
    shutil.copyfile(ROOT / "LICENSE", out / "LICENSE")  # the wheel and sdist carry the license (license-files)
    swap_in(out, GENERATED / provider)


def write_changelog(provider: str, out: Path) -> None:
    """CHANGELOG.md from the spec's history; kept as it was when the history is incomplete (shallow clone)."""
    text = spec_history.changelog(ROOT, provider)
    if text is None:
        old = GENERATED / provider / "CHANGELOG.md"
        if old.exists():
            shutil.copyfile(old, out / "CHANGELOG.md")
        print(f"{provider}: git history incomplete, CHANGELOG.md kept as it was")
        return
    (out / "CHANGELOG.md").write_text(text, encoding="utf-8")


def pin_siblings() -> bool:
    """Pin balancekit's generated siblings to their specs' versions in pyproject.toml; True if it changed."""
    path = ROOT / "pyproject.toml"
    text = original = path.read_text(encoding="utf-8")
    for provider in PROVIDERS:
        version = spec_history.load((SPECS / f"{provider}.yaml").read_text(encoding="utf-8"))["info"]["version"]
        text = re.sub(rf'"balancekit-{provider}(==[^"]*)?"', f'"balancekit-{provider}=={version}"', text)
    if text != original:
        path.write_text(text, encoding="utf-8")
        print("pyproject.toml: siblings pinned to the specs' versions (run `uv lock`)")
    return text != original


def sandbox_model(provider: str, pkg: Path) -> None:
    module = pkg / f"{package_name(provider).removeprefix('balancekit_')}.py"
    cmd = [
        str(Path(sys.executable).parent / "datamodel-codegen"),
        "--input",
        str(SPECS / f"{provider}.yaml"),
        "--input-file-type",
        "openapi",
        "--output",
        str(module),
        "--output-model-type",
        "pydantic_v2.BaseModel",
        "--target-python-version",
        "3.11",
        "--use-standard-collections",
        "--use-union-operator",
        "--field-constraints",
        "--use-annotated",
        "--disable-timestamp",
        "--enum-field-as-literal",
        "all",
        "--use-title-as-name",
        "--formatters",
        "ruff-format",
    ]
    result = subprocess.run(cmd, check=False, env=tool_env(), capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"sandbox models of {provider} failed:\n{result.stdout}\n{result.stderr}")


def stage_sandbox_models(workdir: Path) -> Path:
    out = workdir / "sandbox_models"
    pkg = out / SANDBOX_PACKAGE
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text('"""Pydantic models of the curated specs, for the sandbox."""\n', encoding="utf-8")
    (pkg / "py.typed").write_text("", encoding="utf-8")
    (out / "pyproject.toml").write_text(SANDBOX_PYPROJECT, encoding="utf-8")
    (out / "README.md").write_text(SANDBOX_README, encoding="utf-8")
    shutil.copyfile(ROOT / "LICENSE", out / "LICENSE")
    write_json(out / "GENERATED.json", sandbox_manifest())
    return out


SANDBOX_README = """# balancekit-sandbox-models

Pydantic v2 models of balancekit's curated provider specs, generated by
datamodel-code-generator (`nox -s generate`). balancekit's sandbox builds every
response through them. Do not edit: change `specs/` and regenerate.
"""

SANDBOX_PYPROJECT = f"""[project]
name = "balancekit-sandbox-models"
version = "0.1.0"
description = "Pydantic v2 models of balancekit's curated provider specs (generated)."
readme = "README.md"
license = "Apache-2.0"
license-files = ["LICENSE"]
requires-python = ">=3.11"
dependencies = ["pydantic>=2.6,<3"]

[tool.uv.build-backend]
module-name = "{SANDBOX_PACKAGE}"
module-root = ""

[build-system]
requires = ["uv_build>=0.13.0,<0.14.0"]
build-backend = "uv_build"
"""


def stale_hashes() -> list[str]:
    """Names of GENERATED.json files whose hashes no longer match their inputs."""
    stale = []
    for provider in PROVIDERS:
        path = GENERATED / provider / "GENERATED.json"
        if not path.exists() or json.loads(path.read_text()) != client_manifest(provider):
            stale.append(str(path.relative_to(ROOT)))
    path = SANDBOX_MODELS / "GENERATED.json"
    if not path.exists() or json.loads(path.read_text()) != sandbox_manifest():
        stale.append(str(path.relative_to(ROOT)))
    return stale


def render_assets() -> str:
    """specs/assets.yaml as the JSON balancekit loads at run time (same content, stable key order)."""
    return json.dumps(yaml.safe_load(ASSETS_SOURCE.read_text(encoding="utf-8")), indent=1, ensure_ascii=False) + "\n"


def write_assets() -> None:
    rendered = render_assets()
    if not ASSETS_PACKAGED.exists() or ASSETS_PACKAGED.read_text(encoding="utf-8") != rendered:
        ASSETS_PACKAGED.write_text(rendered, encoding="utf-8")


def stale_assets() -> list[str]:
    """The packaged registry, if it differs from specs/assets.yaml."""
    current = ASSETS_PACKAGED.read_text(encoding="utf-8") if ASSETS_PACKAGED.exists() else None
    return [] if current == render_assets() else [str(ASSETS_PACKAGED.relative_to(ROOT))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("providers", nargs="*", metavar="provider", help=f"any of {', '.join(PROVIDERS)}")
    parser.add_argument("--check-hashes", action="store_true", help="only verify GENERATED.json hashes")
    parser.add_argument("--pins", action="store_true", help="only pin balancekit's siblings to the specs' versions")
    args = parser.parse_args(argv)
    if args.pins:
        pin_siblings()
        return 0
    if args.check_hashes:
        stale = stale_hashes() + stale_assets()
        for path in stale:
            print(f"stale: {path}")
        return 1 if stale else 0
    unknown = sorted(set(args.providers) - set(PROVIDERS))
    if unknown:
        parser.error(f"unknown provider(s): {', '.join(unknown)}; choose from {', '.join(PROVIDERS)}")
    providers = args.providers or list(PROVIDERS)
    started = time.perf_counter()
    write_assets()
    GENERATED.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="balancekit-gen-") as tmp:
        workdir = Path(tmp)
        sandbox = stage_sandbox_models(workdir)
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            jobs = [pool.submit(generate_client, p, workdir) for p in providers]
            jobs += [pool.submit(sandbox_model, p, sandbox / SANDBOX_PACKAGE) for p in PROVIDERS]
            for job in jobs:
                job.result()
        swap_in(sandbox, SANDBOX_MODELS)
    pin_siblings()
    print(f"generated {', '.join(providers)} and sandbox models in {time.perf_counter() - started:.2f} s")
    print("changes against HEAD (python scripts/spec_changes.py report):")
    spec_changes.emit([spec_changes.report_at(p, "HEAD") for p in providers], "text")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
