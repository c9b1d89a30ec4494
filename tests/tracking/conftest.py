from __future__ import annotations

import pytest

from mailer.outbox import Delivery
from tests.tracking.support import sent_newsletter


@pytest.fixture
def sent(engine, settings) -> list[Delivery]:
    return sent_newsletter(engine, settings)
