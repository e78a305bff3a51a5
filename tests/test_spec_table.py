"""The field spec table the window's forms are built from says what the models say."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.core.models.spec_reader import specs_of
from app.core.models.spec_table import SPECS
from app.core.models.specs import field_specs, model_specs
from app.core.targets import Target, TargetSpec, register, unregister

ROOT = Path(__file__).resolve().parent.parent


def test_the_table_is_what_the_models_say() -> None:
    for target in (Target.KA, Target.NOMAD):
        assert SPECS[target.value] == specs_of(target.spec.order_model()), (
            f"{target}: the models changed; run `uv run python packaging/spec_table.py`")


def test_the_generated_file_is_up_to_date() -> None:
    done = subprocess.run([sys.executable, "packaging/spec_table.py", "--check"], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_target_registered_with_another_model_is_read_from_that_model() -> None:
    from app.core.models.nomad import NomadOrder

    spec = Target.KA.spec
    replaced = TargetSpec(**{**spec.__dict__, "id": "ka_like", "model": NomadOrder})
    target = register(replaced)
    try:
        assert model_specs(target) == specs_of(NomadOrder)
        assert model_specs(target) != SPECS["ka"]
    finally:
        unregister(target)


def test_field_specs_reads_no_pydantic() -> None:
    code = ("import sys\n"
            "from app.core.models import field_specs\n"
            "from app.core.targets import Target\n"
            "assert field_specs(Target.KA) and field_specs(Target.NOMAD)\n"
            "loaded = [m for m in ('pydantic', 'app.core.models.ka', 'app.core.models.nomad') "
            "if m in sys.modules]\n"
            "assert not loaded, loaded\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_delivery_needs_are_required_in_the_specs() -> None:
    for target in (Target.KA, Target.NOMAD):
        required = {s.path for s in field_specs(target) if s.required}
        assert set(target.spec.needed_for_delivery) <= required
