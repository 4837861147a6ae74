"""A database made before stages 1 and 3 left the core migrates forward without losing anything.

The demo is seeded by the code as it was just before the split (`PRE_SPLIT`, checked out from git
into a temporary worktree) into a scratch database of the same engine as this run (a SQLite file,
or a new PostgreSQL database beside the test one). Then today's `migrate` runs over it, and every
row of every table the split touched — risks, their history and comments, actions, notes,
evidence, policies and checks, checkpoints, reports, audit events — must be exactly as it was, and
read back through the models that now live in the assessment and response apps.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import dj_database_url
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
PRE_SPLIT = "09435b9"  # main before the one-stage-one-app split

TABLES = {  # table -> the model that reads it today
    "crisis_risk": "assessment.Risk",
    "crisis_riskscorechange": "assessment.RiskScoreChange",
    "crisis_riskcomment": "assessment.RiskComment",
    "crisis_categorynorisk": "assessment.CategoryNoRisk",
    "crisis_assessmentsignoff": "assessment.AssessmentSignOff",
    "crisis_action": "response.Action",
    "crisis_actionevent": "response.ActionEvent",
    "crisis_actionnote": "response.ActionNote",
    "crisis_evidence": "response.Evidence",
    "crisis_policy": "response.Policy",
    "crisis_policycheck": "response.PolicyCheck",
    "crisis_checklistrequirement": "response.ChecklistRequirement",
    "crisis_improvementcheckpoint": "response.ImprovementCheckpoint",
    "crisis_reminderdigest": "response.ReminderDigest",
    "crisis_report": "crisis.Report",
    "crisis_auditevent": "crisis.AuditEvent",
    "crisis_case": "crisis.Case",
}
M2M_TABLES = ["crisis_action_risks"]


# Run in the old tree: build the schema of the day and seed the demo, in one process.
SEED = """
import io
import django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
call_command("seed_demo", stdout=io.StringIO())
"""

# Run in today's tree: every moved table's raw rows, today's migrate, the rows again, then the same
# rows read through today's models and where their content types now point. One JSON line out.
MIGRATE_AND_COMPARE = """
import hashlib, io, json, sys
import django
django.setup()
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

tables = json.loads(sys.argv[1])

def snapshot(columns):
    # The columns the table had before migrating: a column added later (with its default) is no change
    # to the rows that were there.
    out = {}
    with connection.cursor() as cursor:
        for table in tables:
            order = "action_id, risk_id" if table.endswith("_risks") else "id"
            names = ", ".join(connection.ops.quote_name(c) for c in columns[table]) if table in columns else "*"
            cursor.execute(f"SELECT {names} FROM {table} ORDER BY {order}")
            columns.setdefault(table, [c[0] for c in cursor.description])
            rows = cursor.fetchall()
            out[table] = [len(rows), hashlib.sha256(repr(rows).encode()).hexdigest()]
    return out

columns = {}
before = snapshot(columns)
log = io.StringIO()
call_command("migrate", interactive=False, stdout=log)
after = snapshot(columns)
counts = {label: apps.get_model(label).objects.count() for label in tables.values() if label}
stale = list(ContentType.objects.filter(app_label="crisis", model__in=["risk", "action", "policy"])
             .values_list("model", flat=True))
moved = ContentType.objects.filter(app_label__in=["assessment", "response"]).count()
print(json.dumps({"before": before, "after": after, "log": log.getvalue(), "counts": counts,
                  "stale": stale, "moved": moved}))
"""


def _python(code: str, *args: str, cwd: Path, url: str) -> str:
    """Run `code` with Django set up on `url`, in the tree at `cwd`; return what it printed."""
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings", "PYTHONPATH": str(cwd)}
    env.pop("CELERY_BROKER_URL", None)  # tasks in-process: the scratch database is not the test one
    env.pop("REDIS_URL", None)
    result = subprocess.run(  # noqa: S603 (our own code)
        [sys.executable, "-c", code, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, f"failed in {cwd}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture
def old_tree(tmp_path):
    """The code as it was before the split, in a temporary git worktree."""
    def known() -> bool:
        return subprocess.run(["git", "cat-file", "-e", f"{PRE_SPLIT}^{{commit}}"],  # noqa: S603, S607
                              cwd=ROOT, capture_output=True).returncode == 0

    if not known():  # a shallow clone: ask its origin for the history once
        subprocess.run(["git", "fetch", "--quiet", "--unshallow"], cwd=ROOT, capture_output=True)  # noqa: S603, S607
    if not known():
        pytest.skip(f"Commit {PRE_SPLIT} is not in this clone and could not be fetched: clone the full history "
                    "to run the migration check.")
    tree = tmp_path / "pre-split"
    subprocess.run(["git", "worktree", "add", "--detach", str(tree), PRE_SPLIT],  # noqa: S603, S607
                   cwd=ROOT, check=True, capture_output=True)
    yield tree
    subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, capture_output=True)  # noqa: S603, S607


@pytest.fixture
def scratch_url(tmp_path):
    """A database of the same engine as this run, empty, dropped afterwards."""
    engine = settings.DATABASES["default"]["ENGINE"]
    if "sqlite" in engine:
        yield f"sqlite:///{tmp_path / 'pre-split.sqlite3'}"
        return
    import psycopg2

    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    name = f"split_check_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(dbname="postgres", user=config["USER"], password=config["PASSWORD"],
                             host=config["HOST"], port=config["PORT"] or 5432)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        user = config["USER"] + (f":{config['PASSWORD']}" if config["PASSWORD"] else "")
        yield f"postgres://{user}@{config['HOST']}:{config['PORT'] or 5432}/{name}"
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_a_database_seeded_before_the_split_migrates_with_every_row_intact(old_tree, scratch_url):
    _python(SEED, cwd=old_tree, url=scratch_url)
    tables = {**TABLES, **dict.fromkeys(M2M_TABLES, "")}
    read = json.loads(_python(MIGRATE_AND_COMPARE, json.dumps(tables), cwd=ROOT, url=scratch_url).splitlines()[-1])

    before, after = read["before"], read["after"]
    empty_in_the_demo = {"crisis_reminderdigest", "crisis_categorynorisk"}
    assert all(count > 0 for table, (count, _) in before.items() if table not in empty_in_the_demo), before
    assert "Applying assessment.0001_initial" in read["log"]
    assert "Applying crisis.0008_stage_models_moved" in read["log"]
    assert after == before  # the same rows, byte for byte: nothing moved, nothing lost
    # Read back through today's models, and the content types followed the models.
    for table, label in TABLES.items():
        assert read["counts"][label] == before[table][0], (label, read["counts"][label], before[table][0])
    assert read["stale"] == [] and read["moved"] == len(TABLES) - 3  # content types moved, none made anew
