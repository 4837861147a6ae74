"""Dependencies point one way: the import contracts in pyproject.toml ([tool.importlinter]) hold
on this tree, and they do fail when a forbidden import is added."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("config", "crisis", "assessment", "stakeholders", "response", "training", "reviews", "demo")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own tool, our own arguments)
        [str(LINT_IMPORTS), "--no-cache", "--config", str(root / "pyproject.toml")],
        cwd=root, env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, timeout=120,
    )


def _copy_tree(tmp_path: Path) -> Path:
    copy = tmp_path / "tree"
    copy.mkdir()
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    for package in PACKAGES:
        shutil.copytree(ROOT / package, copy / package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return copy


def test_the_import_contracts_hold():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    "module, line, contract",
    [
        ("crisis/views/cases.py", "from response import selectors as _later", "The core (crisis) imports no other app"),
        ("assessment/selectors.py", "import stakeholders.models as _later", "Stage 1 (assessment) imports no later"),
        ("response/selectors.py", "from assessment.models import Risk as _model", "Stage 3 (response) reads stage 1"),
        ("stakeholders/services/reports.py", "from response.services import action_create as _write", "Stage 2"),
        ("response/views/actions.py", "import demo.data as _demo", "No app imports the demo"),
        ("crisis/models/core.py", "from crisis import selectors as _cycle", "No import cycles"),
    ],
)
def test_a_forbidden_import_breaks_a_contract(tmp_path, module, line, contract):
    copy = _copy_tree(tmp_path)
    path = copy / module
    path.write_text(path.read_text() + f"\n{line}  # noqa\n")
    result = _lint(copy)
    assert result.returncode == 1, result.stdout
    broken = result.stdout.split("Broken contracts", 1)[-1]
    assert contract in broken
