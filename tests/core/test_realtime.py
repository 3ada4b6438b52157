"""A live push never fails the caller: a down channel layer loses only the push."""

from alongside.core.realtime import broadcast


def test_a_down_layer_answers_false_and_raises_nothing(monkeypatch):
    def down():
        raise ConnectionError("channel layer down")

    monkeypatch.setattr("alongside.core.realtime.get_channel_layer", down)
    assert broadcast("coordinators", {"type": "escalation.changed"}) is False


def test_a_working_layer_delivers(settings):
    assert broadcast("coordinators", {"type": "escalation.changed"}) is True
