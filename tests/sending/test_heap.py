"""While a pass sends, the collector leaves old objects alone and runs rarely; after
the last pass in the process everything is as it was."""

from __future__ import annotations

import gc
import threading

from mailer.sending import heap


def test_sending_freezes_and_restores_nested_and_from_threads():
    before = gc.get_threshold()
    with heap.sending():
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[0] >= heap.YOUNG
        inner_done = threading.Event()

        def other_pass() -> None:
            with heap.sending():
                pass
            inner_done.set()

        threading.Thread(target=other_pass).start()
        assert inner_done.wait(10)
        assert gc.get_threshold()[0] >= heap.YOUNG  # the other pass ending changed nothing
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_cycles_made_while_sending_are_still_collected():
    class Node:
        pass

    with heap.sending():
        a, b = Node(), Node()
        a.other, b.other = b, a  # type: ignore[attr-defined]
        del a, b
        assert gc.collect() >= 2
