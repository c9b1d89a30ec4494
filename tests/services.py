"""Skip-or-fail for tests that need something outside Python.

On a developer's machine a missing service skips with the reason; under
``CI=true`` it fails, because a skip there would hide a broken set-up.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def need(available: bool, reason: str) -> None:
    if available:
        return
    if CI:
        pytest.fail(f"required under CI=true: {reason}")
    pytest.skip(reason)


def corpus(*parts: str) -> Path:
    path = CORPORA.joinpath(*parts)
    need(path.exists(), f"public test corpus not found at {path}")
    return path


def self_signed(directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost in ``directory``: (cert, key).

    The test SMTP and IMAP servers present it; clients trust it as their cafile.
    """
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)
    return cert_path, key_path
