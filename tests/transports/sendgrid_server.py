"""A local stand-in for SendGrid's ``POST /v3/mail/send`` on 127.0.0.1.

It checks every body against SendGrid's published request schema and the
limits the schema cannot express, answers like SendGrid (202 with an
``X-Message-Id``, or ``{"errors": [...]}``), records what it accepted, and can
be told to misbehave: any status with any headers, a slow answer, or a
dropped connection. ``rendered()`` applies the substitutions the way SendGrid
would, so tests can read each recipient's message as it would be delivered,
with the From, Reply-To and Message-ID it would carry (``mail_headers``). It
counts requests in flight (``max_in_flight``), and a test can hold every
request at a ``threading.Barrier`` (``barrier``) to prove requests overlap
without looking at a clock.

In-process: ``FakeSendGrid().start()`` (a thread). As a separate process, for
benchmarks: ``python -m tests.transports.sendgrid_server --api-key KEY
[--latency SECONDS]`` prints the port, counts instead of recording, answers
``GET /_stats``, and can wait before every answer as a distant API would.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
import threading
import uuid
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jsonschema

SCHEMA = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "corpora"
    / "sendgrid-oai"
    / "mail_send_request.schema.json"
)
MAX_RECIPIENTS = 1000
MAX_SUBSTITUTION_BYTES = 10_000
MAX_CUSTOM_ARGS_BYTES = 10_000
MAX_BODY_BYTES = 30 * 1024 * 1024
RESERVED_HEADERS = {
    "x-sg-id",
    "x-sg-eid",
    "received",
    "dkim-signature",
    "content-type",
    "content-transfer-encoding",
    "to",
    "from",
    "subject",
    "reply-to",
    "cc",
    "bcc",
}


@dataclass
class Reply:
    """What the server does with the next request (after validating it)."""

    status: int = 202
    headers: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # SendGrid-style error messages
    delay: float = 0.0  # seconds before answering (to trip the client's timeout)
    drop: bool = False  # close the connection without any answer


def load_validator(path: Path = SCHEMA) -> jsonschema.protocols.Validator:
    """SendGrid's schema, with one deliberate correction.

    The published schema types top-level ``custom_args`` as a string, yet the
    API (and SendGrid's own helper) send an object of strings, as in
    personalizations. We check the shape the API really takes.
    """
    schema = json.loads(path.read_text())
    schema = copy.deepcopy(schema)
    schema["properties"]["custom_args"] = {
        "type": "object",
        "additionalProperties": {"type": "string"},
    }
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def problems(body: dict[str, Any], validator: jsonschema.protocols.Validator) -> list[str]:
    """Everything SendGrid would refuse in ``body``; empty when it would take it."""
    found = [
        f"{e.message} (at /{'/'.join(map(str, e.absolute_path))})"
        for e in validator.iter_errors(body)
    ]
    if found or not isinstance(body.get("personalizations"), list):
        return found
    found += _recipient_limits(body["personalizations"])
    for i, item in enumerate(body["personalizations"]):
        found += _string_map(
            item.get("substitutions", {}),
            f"personalizations/{i}/substitutions",
            MAX_SUBSTITUTION_BYTES,
        )
        found += _string_map(
            item.get("custom_args", {}), f"personalizations/{i}/custom_args", MAX_CUSTOM_ARGS_BYTES
        )
        found += _header_rules(item.get("headers", {}), f"personalizations/{i}/headers")
    found += _header_rules(body.get("headers", {}), "headers")
    if "reply_to" in body and "reply_to_list" in body:
        found.append("reply_to and reply_to_list are mutually exclusive (at /reply_to_list)")
    types = [c.get("type") for c in body.get("content", [])]
    if "text/plain" in types and types[0] != "text/plain":
        found.append("text/plain must be the first content type (at /content)")
    return found


def _recipient_limits(personalizations: list[dict[str, Any]]) -> list[str]:
    seen: set[str] = set()
    total = 0
    out = []
    for item in personalizations:
        for kind in ("to", "cc", "bcc"):
            for address in item.get(kind, []):
                total += 1
                email = address.get("email", "").lower()
                if email in seen:
                    out.append(f"each email address may appear only once per request: {email}")
                seen.add(email)
    if total > MAX_RECIPIENTS:
        out.append(f"at most {MAX_RECIPIENTS} recipients per request, got {total}")
    return out


def _string_map(values: Any, where: str, limit: int) -> list[str]:
    if not isinstance(values, dict):
        return [f"{where} must be an object"]
    if not all(isinstance(v, str) for v in values.values()):
        return [f"{where}: every value must be a string"]
    size = sum(len(k.encode()) + len(v.encode()) for k, v in values.items())
    return [f"{where}: {size} bytes, at most {limit}"] if size > limit else []


def _header_rules(headers: Any, where: str) -> list[str]:
    out = _string_map(headers, where, 1 << 30)
    if out:
        return out
    for name, value in headers.items():
        if name.lower() in RESERVED_HEADERS:
            out.append(f"{where}: header {name} is reserved")
        if not value.isascii() or "\n" in value or "\r" in value:
            out.append(f"{where}: header {name} must be encoded ASCII on one line")
    return out


def render(body: dict[str, Any]) -> list[dict[str, Any]]:
    """Each personalization as SendGrid would deliver it: substitutions applied,
    and the addresses it would carry in ``mail_headers`` (From, Reply-To, Message-ID)."""
    contents = {c["type"].split(";")[0]: c["value"] for c in body["content"]}
    out = []
    for item in body["personalizations"]:
        subs = item.get("substitutions", {})
        fill = _filler(subs)
        sender = item.get("from", body["from"])
        reply_to = body.get("reply_to") or (body.get("reply_to_list") or [None])[0]
        headers = {**body.get("headers", {}), **item.get("headers", {})}
        out.append(
            {
                "to": item["to"][0]["email"],
                "from": sender,
                "reply_to": reply_to,
                "subject": fill(item.get("subject", body["subject"])),
                "text": fill(contents.get("text/plain", "")),
                "html": fill(contents.get("text/html", "")),
                "headers": headers,
                "mail_headers": {
                    "From": _mailbox(sender),
                    "Reply-To": _mailbox(reply_to) if reply_to else "",
                    "Message-ID": headers.get("Message-ID", ""),
                },
                "custom_args": {**body.get("custom_args", {}), **item.get("custom_args", {})},
                "categories": body.get("categories", []),
            }
        )
    return out


def _mailbox(address: dict[str, str]) -> str:
    """``Name <email>`` (or the bare address), as it would appear in the header."""
    return f"{address['name']} <{address['email']}>" if address.get("name") else address["email"]


def _filler(subs: dict[str, str]) -> Any:
    if not subs:
        return lambda text: text
    pattern = re.compile("|".join(re.escape(k) for k in sorted(subs, key=len, reverse=True)))
    return lambda text: pattern.sub(lambda m: subs[m.group(0)], text)


class FakeSendGrid:
    """The server and what it saw; replies come from a queue, then default to 202."""

    def __init__(self, api_key: str = "SG.test-key", *, record: bool = True) -> None:
        self.api_key = api_key
        self.scopes = ["mail.send"]  # what GET /v3/scopes answers for the right key
        self.record = record
        self.validator = load_validator()
        self.accepted: list[dict[str, Any]] = []  # bodies that passed validation
        self.message_ids: list[str] = []  # X-Message-Id given for each accepted body
        self.invalid: list[list[str]] = []  # problems of each refused body
        self.requests = 0
        self.personalizations = 0
        self.in_flight = 0
        self.max_in_flight = 0  # most requests the server held at one moment
        # When set, every POST waits here before it is answered: with parties=N the
        # requests only get through if N of them are in flight at once.
        self.barrier: threading.Barrier | None = None
        self.latency = 0.0  # seconds before every answer (benchmarks: a distant API)
        self._replies: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None

    def reply(self, *replies: Reply) -> None:
        """Queue what the next requests get, in order."""
        with self._lock:
            self._replies.extend(replies)

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self, port: int = 0) -> FakeSendGrid:
        handler = type("Handler", (_Handler,), {"fake": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self._server.daemon_threads = True
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def rendered(self) -> list[dict[str, Any]]:
        """Every accepted personalization, as delivered, with the request's message id."""
        out = []
        for body, message_id in zip(self.accepted, self.message_ids, strict=True):
            for item in render(body):
                out.append({**item, "x_message_id": message_id})
        return out

    def _decide(self, auth: str, raw: bytes) -> tuple[Reply, dict[str, Any] | None]:
        """Validation first (as SendGrid does), then the scripted reply."""
        with self._lock:
            self.requests += 1
        if auth != f"Bearer {self.api_key}":
            return Reply(401, errors=["The provided authorization grant is invalid"]), None
        if len(raw) > MAX_BODY_BYTES:
            return Reply(413, errors=["request body too large"]), None
        try:
            body = json.loads(raw)
        except ValueError as err:
            return Reply(400, errors=[f"Bad Request: {err}"]), None
        found = problems(body, self.validator)
        if found:
            with self._lock:
                self.invalid.append(found)
            return Reply(400, errors=found), None
        with self._lock:
            scripted = self._replies.popleft() if self._replies else Reply()
        return scripted, body

    def _enter(self) -> None:
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def _leave(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def _hold(self) -> bool:
        """Wait at the barrier (if any); False when it broke (too few requests together)."""
        if self.barrier is None:
            return True
        try:
            self.barrier.wait()
        except threading.BrokenBarrierError:
            return False
        return True

    def _accept(self, body: dict[str, Any]) -> str:
        message_id = uuid.uuid4().hex[:22]
        with self._lock:
            self.personalizations += len(body["personalizations"])
            if self.record:
                self.accepted.append(body)
                self.message_ids.append(message_id)
        return message_id


class _Handler(BaseHTTPRequestHandler):
    fake: FakeSendGrid

    def log_message(self, format: str, *args: Any) -> None:  # quiet in tests
        pass

    def do_GET(self) -> None:
        if self.path == "/v3/scopes":  # `mailer check` tries the key here, sending nothing
            if self.headers.get("Authorization", "") != f"Bearer {self.fake.api_key}":
                errors = [{"field": None, "message": "authorization required"}]
                self._send(401, {"Content-Type": "application/json"}, json.dumps(errors).encode())
                return
            body = json.dumps({"scopes": self.fake.scopes}).encode()
            self._send(200, {"Content-Type": "application/json"}, body)
            return
        if self.path != "/_stats":
            self._send(404, {}, b"")
            return
        stats = {
            "requests": self.fake.requests,
            "personalizations": self.fake.personalizations,
            "invalid": self.fake.invalid,
            "max_in_flight": self.fake.max_in_flight,
        }
        self._send(200, {"Content-Type": "application/json"}, json.dumps(stats).encode())

    def do_POST(self) -> None:
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path != "/v3/mail/send":
            self._send(404, {}, b"")
            return
        self.fake._enter()
        try:
            answer = self._answer(raw)
        finally:
            self.fake._leave()  # before answering: the client may send its next one at once
        if answer is None:
            self.close_connection = True
            return
        self._send(*answer)

    def _answer(self, raw: bytes) -> tuple[int, dict[str, str], bytes] | None:
        """Status, headers and body to send; None to drop the connection."""
        if not self.fake._hold():
            return 503, {}, b""  # the test's barrier broke: requests did not overlap
        if self.headers.get_content_type() != "application/json":  # parameters allowed
            return 415, {}, b""
        if self.fake.latency and self.fake._stopping.wait(self.fake.latency):
            return None
        reply, body = self.fake._decide(self.headers.get("Authorization", ""), raw)
        if reply.delay and self.fake._stopping.wait(reply.delay):
            return None
        if reply.drop:
            return None
        headers = dict(reply.headers)
        if reply.status == 202 and body is not None:
            headers["X-Message-Id"] = self.fake._accept(body)
            return 202, headers, b""
        errors = reply.errors or [f"status {reply.status}"]
        payload = {"errors": [{"message": m, "field": None, "help": None} for m in errors]}
        headers["Content-Type"] = "application/json"
        return reply.status, headers, json.dumps(payload).encode()

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--api-key", default="SG.test-key")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds before each answer")
    args = parser.parse_args()
    fake = FakeSendGrid(args.api_key, record=False)
    fake.latency = args.latency
    fake.start(args.port)
    print(fake.url.rsplit(":", 1)[1], flush=True)
    try:
        sys.stdin.read()  # runs until the parent closes our stdin
    finally:
        fake.stop()


if __name__ == "__main__":
    main()
