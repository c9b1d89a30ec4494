"""A key pair made in the test, SendGrid-style signed requests, a newsletter to track."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import timedelta

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from mailer.config import Settings
from mailer.outbox import Delivery
from mailer.tracking.signature import SIGNATURE_HEADER, TIMESTAMP_HEADER
from subscribers.sqltypes import utcnow
from tests import factories


@dataclass
class Signer:
    private: ec.EllipticCurvePrivateKey

    @classmethod
    def new(cls) -> Signer:
        return cls(ec.generate_private_key(ec.SECP256R1()))

    @property
    def public_b64(self) -> str:
        der = self.private.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        return base64.b64encode(der).decode("ascii")

    @property
    def public_pem(self) -> str:
        return (
            self.private.public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            .decode("ascii")
        )

    def sign(self, body: bytes, stamp: str) -> str:
        der = self.private.sign(stamp.encode() + body, ec.ECDSA(hashes.SHA256()))
        return base64.b64encode(der).decode("ascii")

    def headers(self, body: bytes, stamp: int) -> dict[str, str]:
        return {
            SIGNATURE_HEADER: self.sign(body, str(stamp)),
            TIMESTAMP_HEADER: str(stamp),
            "Content-Type": "application/json",
        }


def sent_newsletter(engine: Engine, settings: Settings) -> list[Delivery]:
    """A newsletter sent (to the Maildir) to a small network: its deliveries."""
    with Session(engine) as s:
        factories.network(s, initiatives=1, contacts_per_org=2)
    now = utcnow()
    factories.newsletter(engine, now + timedelta(minutes=1))
    factories.send_once(engine, settings, now + timedelta(minutes=2))
    with Session(engine) as s:
        rows = list(s.exec(select(Delivery).order_by(col(Delivery.id))))
    assert rows and all(r.status == "sent" for r in rows)
    return rows
