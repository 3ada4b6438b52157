"""Regression guard: the engine must keep meeting every target on the development set."""

from pathlib import Path

from alongside.screening import evaluate

DEV = Path(__file__).parent / "data" / "dev.jsonl"


def test_dev_set_is_large_and_well_formed():
    import json

    items = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()]
    assert len(items) >= 320
    assert len({item["id"] for item in items}) == len(items)
    assert all(item["flags"] == [] for item in items if item["role"] == "peer")


def test_dev_set_meets_every_target(capsys):
    scores = evaluate.score_file(DEV)
    results = evaluate.metrics(scores)
    assert results["coach micro-F1"] >= 0.90
    assert results["urgent recall"] >= 0.95
    assert results["any-alert recall"] >= 0.97
    assert results["false alarms on none"] <= 0.05
    assert results["flags on peer messages"] == 0
    assert evaluate.main([str(DEV)]) == 0
    assert "all targets met" in capsys.readouterr().out
