"""The CI workflows in .github/workflows: valid for GitHub, least privilege, and the commands they
run really work: their shell steps are run here, as the runner would, on the sample project.

`journeys init` writes the same files into new projects (they are packaged with journeys).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.test_assemble import differences

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = REPO / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))
DEAD_PROXY = "http://127.0.0.1:9"  # any attempt to reach the network fails at once


def load(name: str) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on".
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def schema_check(*files: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("check-jsonschema")
    if exe is None:
        message = "check-jsonschema is missing: pip install -e '.[test]'"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    env = {**os.environ, "HTTP_PROXY": DEAD_PROXY, "HTTPS_PROXY": DEAD_PROXY, "http_proxy": DEAD_PROXY, "https_proxy": DEAD_PROXY}
    return subprocess.run([exe, "--builtin-schema", "vendor.github-workflows", *map(str, files)], capture_output=True, text=True, env=env)


def test_the_workflows_are_there() -> None:
    assert [f.name for f in FILES] == ["build.yml", "check.yml", "pages.yml"]


def test_the_workflows_pass_githubs_workflow_schema_offline() -> None:
    done = schema_check(*FILES)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_schema_check_rejects_a_broken_workflow(tmp_path: Path) -> None:
    """The check is real: a job without runs-on, and a permission GitHub does not know, fail it."""
    broken = yaml.safe_load((WORKFLOWS / "pages.yml").read_text())
    del broken["jobs"]["deploy"]["runs-on"]
    (tmp_path / "a.yml").write_text(yaml.safe_dump(broken))
    text = (WORKFLOWS / "check.yml").read_text().replace("contents: read", "contents: reed", 1)
    (tmp_path / "b.yml").write_text(text)
    for name in ("a.yml", "b.yml"):
        done = schema_check(tmp_path / name)
        assert done.returncode == 1, name


def uses(workflow: dict) -> list[str]:
    return [s["uses"] for job in workflow["jobs"].values() for s in job.get("steps", []) if "uses" in s]


def test_actions_are_githubs_own_at_pinned_major_versions() -> None:
    actions = [u for f in FILES for u in uses(load(f.name))]
    assert actions and all(re.fullmatch(r"actions/[a-z-]+@v\d+", u) for u in actions), actions
    pages = set(uses(load("pages.yml"))) | set(uses(load("build.yml")))
    assert {"actions/configure-pages@v5", "actions/upload-pages-artifact@v5", "actions/deploy-pages@v5"} <= pages


def test_least_privilege_and_one_deployment_at_a_time() -> None:
    pages = load("pages.yml")
    assert pages["permissions"] == {}
    jobs = pages["jobs"]
    assert jobs["configure"]["permissions"] == {"pages": "read"}
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    assert pages["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert pages["on"]["push"] == {"branches": ["main"]}
    # site_url: configure-pages' base_url, passed on; journeys.yml's own wins (see `--site-url`).
    assert jobs["configure"]["outputs"]["base-url"] == "${{ steps.pages.outputs.base_url }}"
    assert jobs["build"]["with"]["site-url"] == "${{ needs.configure.outputs.base-url }}"

    check = load("check.yml")
    assert check["permissions"] == {"contents": "read"} and "pull_request" in check["on"]
    assert check["concurrency"]["cancel-in-progress"] is True
    assert "journeys check --format github --strict" in [s.get("run") for s in check["jobs"]["check"]["steps"]]
    assert check["jobs"]["build"]["uses"] == "./.github/workflows/build.yml"
    assert load("build.yml")["permissions"] == {"contents": "read"}


def test_every_python_setup_caches_pip_and_installs_from_requirements() -> None:
    for f in FILES:
        for job in load(f.name)["jobs"].values():
            steps = job.get("steps", [])
            setups = [s for s in steps if s.get("uses", "").startswith("actions/setup-python@")]
            for s in setups:
                assert s["with"]["cache"] == "pip" and s["with"]["cache-dependency-path"] == "requirements.txt"
            installs = [s["run"] for s in steps if "pip install" in s.get("run", "")]
            assert len(installs) == len(setups)
            assert all(i == "python -m pip install -r requirements.txt" for i in installs)
    assert (REPO / "requirements.txt").read_text().splitlines()[-1] == "."  # this repository installs itself


# --------------------------------------------------------------------------- the steps, run here


def steps_of(job: str) -> dict[str, dict]:
    return {s.get("name", s.get("uses", "")): s for s in load("build.yml")["jobs"][job]["steps"]}


def run_step(step: dict, cwd: Path, env: dict[str, str], bin_dir: Path, outputs: Path) -> dict[str, str]:
    """Run one `run:` step with bash as a GitHub runner does (bash -e -o pipefail), with its env:
    expressions replaced by the values given; returns what it wrote to GITHUB_OUTPUT."""
    script = step["run"]
    step_env = {}
    for key, value in step.get("env", {}).items():
        step_env[key] = re.sub(r"\$\{\{\s*([^}]+?)\s*\}\}", lambda m: env[m.group(1)], str(value))
    outputs.write_text("")
    full = {**os.environ, **step_env, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "GITHUB_OUTPUT": str(outputs), "RUNNER_TEMP": str(outputs.parent)}
    full["PYTHONPATH"] = str(REPO)
    done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=cwd, env=full, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return dict(line.split("=", 1) for line in outputs.read_text().splitlines() if "=" in line)


@pytest.fixture
def runner(tmp_path: Path, copy_project) -> tuple[Path, Path, Path]:
    if shutil.which("jq") is None or shutil.which("bash") is None:
        message = "the workflow steps need bash and jq (preinstalled on GitHub's runners): apt-get install jq"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "journeys"  # `journeys` as installed by pip, from this checkout
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m generator "$@"\n')
    shim.chmod(0o755)
    (tmp_path / "runner").mkdir()
    return copy_project("sample"), bin_dir, tmp_path / "runner" / "output"


def test_the_workflow_steps_build_on_one_machine_or_several_to_the_same_site(runner, monkeypatch: pytest.MonkeyPatch) -> None:
    project, bin_dir, outputs = runner
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    plan = steps_of("plan")
    url = "https://org.github.io/academy"  # the sample's journeys.yml sets its own: that one wins

    # Few roles: one job plans, then builds everything.
    env = {"inputs.chunk-size": "10", "inputs.site-url": url}
    out = run_step(plan["Plan the build jobs"], project, env, bin_dir, outputs)
    assert out["matrix"] == "false"
    run_step(plan["Build every role site"], project, env, bin_dir, outputs)
    single = project / "site"
    assert (single / "404.html").is_file()
    shutil.move(single, project.parent / "single")

    # More roles than chunk-size: the matrix, each part uploaded and downloaded, then assemble.
    env["inputs.chunk-size"] = "2"
    out = run_step(plan["Plan the build jobs"], project, env, bin_dir, outputs)
    assert out["matrix"] == "true"
    chunks = json.loads(out["chunks"])
    assert [c["roles"] for c in chunks] == ["sales-rep", "sales-manager customer-success", "finance sales-ops"]
    build_part = steps_of("parts")["Build this chunk's role sites"]
    for chunk in chunks:
        env_chunk = {**env, "matrix.chunk.roles": chunk["roles"], "matrix.chunk.part": str(chunk["part"])}
        run_step(build_part, project, env_chunk, bin_dir, outputs)
    # download-artifact (pattern, several artifacts): each into parts/<artifact name>/
    for chunk in chunks:
        (project / "parts" / f"part-{chunk['part']}").rename(project / "parts" / f"journeys-part-{chunk['part']}")
    run_step(steps_of("assemble")["Put the parts together with the portal and the 404 page"], project, env, bin_dir, outputs)

    assert differences(project / "site", project.parent / "single") == []


def test_journeys_init_writes_the_same_workflows(tmp_path: Path, run_cli) -> None:
    target = tmp_path / "new-project"
    result = run_cli("init", target)
    assert result.code == 0, result.err
    written = sorted((target / ".github" / "workflows").glob("*.yml"))
    assert [p.name for p in written] == [p.name for p in FILES]
    for ours, theirs in zip(FILES, written):
        assert theirs.read_bytes() == ours.read_bytes(), theirs.name


def test_the_wheel_carries_the_workflows() -> None:
    """init reads default_root()/.github/workflows: in place in a checkout, from the wheel otherwise."""
    pyproject = (REPO / "pyproject.toml").read_text()
    force_include = pyproject.split("[tool.hatch.build.targets.wheel.force-include]", 1)[1].split("\n[", 1)[0]
    assert '".github/workflows" = "generator/_default/.github/workflows"' in force_include
    from generator.theme import default_root

    assert sorted(p.name for p in (default_root() / ".github" / "workflows").glob("*.yml")) == [p.name for p in FILES]
