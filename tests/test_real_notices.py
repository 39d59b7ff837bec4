"""The ratchet on real notices: every notice of ../shared/real-notices (read where it lies, never
copied) scored by that folder's own score.py keeps at least the target F1 and item F1 of its floor in
tests/real_notice_floors.toml. A notice fixed once stays fixed; floors only go up."""

from __future__ import annotations

import importlib.util

import pytest

from .conftest import ROOT

_SPEC = importlib.util.spec_from_file_location("real_notices", ROOT / "scripts" / "real_notices.py")
real_notices = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(real_notices)

FOLDER = real_notices.notices_folder()
FLOORS = real_notices.read_floors()

pytestmark = pytest.mark.skipif(not (FOLDER / "score.py").is_file(), reason=f"no real notices at {FOLDER}")


@pytest.fixture(scope="module")
def scores():
    figures, refusals = real_notices.run(FOLDER)
    return figures["docs"], refusals


def test_every_notice_has_a_floor():
    assert {path.stem for path in (FOLDER / "gold").glob("*.json")} <= set(FLOORS)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_notice_keeps_its_floor(scores, name):
    documents, refusals = scores
    figures = documents[name]
    for measure in real_notices.RATCHETED:
        assert (figures[measure] or 0) >= FLOORS[name][measure] - 1e-9, \
            f"{name}: {measure} {figures[measure]} fell below its floor {FLOORS[name][measure]}" \
            + (f" ({refusals[name]})" if name in refusals else "")


def test_floors_only_rise(tmp_path):
    floors = tmp_path / "floors.toml"
    floors.write_text('h01 = { target_f1 = 0.800, item_f1 = 0.500 }\n', encoding="utf-8")
    raised = real_notices.raise_floors({"docs": {"h01": {"target_f1": 0.6, "item_f1": 0.75}}}, floors)
    assert raised == 1
    assert real_notices.read_floors(floors) == {"h01": {"target_f1": 0.8, "item_f1": 0.75}}
