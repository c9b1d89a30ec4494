"""`mailer inbound` through the real command: import, list, review, show, poll's refusal."""

from __future__ import annotations

import json
import mailbox

from mailer.tokens import reply_address
from tests.inbound.builders import invited, mail

EN = {"MAILER_LANGUAGE": "en"}


def _json(result):
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _replies(tmp_path, settings, net):
    folder = tmp_path / "antwoorden"
    folder.mkdir()
    (folder / "1.eml").write_bytes(mail(to=reply_address(settings, net.delivery), number=1))
    (folder / "2.eml").write_bytes(
        mail(
            sender="Afwezig <anna@buurtbus.example>",
            subject="Automatisch antwoord: Uitnodiging",
            body="Ik ben afwezig tot 3 juni.",
            headers={"Auto-Submitted": "auto-replied"},
            number=2,
        )
    )
    box = mailbox.mbox(tmp_path / "box.mbox")
    box.add(mail(sender="wie@gmail.com", body="Waar kan ik parkeren?", number=3))
    box.close()
    return [folder, tmp_path / "box.mbox"]


def test_import_stores_reads_and_reports_as_json(mailer, engine, settings, tmp_path):
    net = invited(engine, settings)
    paths = [str(p) for p in _replies(tmp_path, settings, net)]
    first = _json(mailer("inbound", "import", *paths, "--json"))
    assert {k: first[k] for k in ("read", "stored", "duplicates", "errors")} == {
        "read": 3,
        "stored": 3,
        "duplicates": 0,
        "errors": 0,
    }
    assert first["kinds"]["reply"] == 1 and first["kinds"]["auto_reply"] == 1
    assert first["kinds"]["unmatched"] == 1
    assert set(first["kinds"]) == {
        "reply", "auto_reply", "bounce", "calendar_reply", "unsubscribe", "unmatched", "other"
    }  # fmt: skip
    assert (first["applied"], first["review"]) == (1, 1)  # the reply is an RSVP now
    assert first["answers"] == {"sent": 1, "failed": 0, "waiting": 0}  # and is confirmed

    again = _json(mailer("inbound", "import", *paths, "--json"))
    assert (again["read"], again["stored"], again["duplicates"]) == (3, 0, 3)
    assert sum(again["kinds"].values()) == 0  # nothing read or applied twice


def test_list_review_and_show(mailer, engine, settings, tmp_path):
    net = invited(engine, settings)
    _json(mailer("inbound", "import", *map(str, _replies(tmp_path, settings, net)), "--json"))
    listed = _json(mailer("inbound", "list", "--json"))["messages"]
    assert len(listed) == 3 and listed[0]["id"] > listed[-1]["id"]  # newest first
    queue = _json(mailer("inbound", "review", "--json", **EN))["messages"]
    assert [(m["status"], m["kind"]) for m in queue] == [("review", "unmatched")]
    unmatched = queue[0]
    assert unmatched["note"] == (
        "nothing in it names one of our mails, and the sender is not a contact"
    )

    reply = next(m for m in listed if m["kind"] == "reply")
    shown = _json(mailer("inbound", "show", str(reply["id"]), "--json", "--raw"))
    assert shown["match"]["rule"] == "reply_address"
    assert shown["match"]["organisation"]["name"] == "Buurtbus Testdorp"
    assert shown["match"]["event"]["title"] == "Netwerkmiddag vervoer"
    assert shown["decision"] == "attending" and shown["text"].startswith("Wij komen")
    assert shown["evidence"] and "Message-ID: <reply-1@client.example>" in shown["raw"]
    assert [(a["template"], a["state"]) for a in shown["answers"]] == [("confirmation", "sent")]

    human = mailer("inbound", "show", str(reply["id"]), **EN)
    assert human.returncode == 0
    assert "matched by: reply_address" in human.stdout and "Buurtbus Testdorp" in human.stdout
    assert "answers:" in human.stdout and "confirmation to " in human.stdout
    table = mailer("inbound", "review", **EN)
    assert table.returncode == 0 and "wie@gmail.com" in table.stdout


def test_errors_are_one_sentence(mailer, tmp_path):
    missing = mailer("inbound", "show", "999", **EN)
    assert missing.returncode == 1
    assert missing.stderr.strip() == "Error: There is no inbound message 999"
    nothing = mailer("inbound", "import", str(tmp_path / "nope.eml"), **EN)
    assert nothing.returncode == 1 and "does not exist" in nothing.stderr
    assert "Traceback" not in nothing.stderr
    no_box = mailer("inbound", "poll", "--json", **EN)
    assert no_box.returncode == 2 and "MAILER_IMAP_URL is not set" in no_box.stderr
    bad_url = mailer("inbound", "poll", MAILER_IMAP_URL="imap://u:p@mail.example/INBOX", **EN)
    assert bad_url.returncode == 2 and "unencrypted" in bad_url.stderr
    assert "p@mail" not in bad_url.stderr


def test_an_empty_file_is_an_error_and_the_rest_is_imported(mailer, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.eml").write_bytes(b"")
    (folder / "b.eml").write_bytes(mail())
    result = mailer("inbound", "import", str(folder), "--json", **EN)
    assert result.returncode == 1
    out = json.loads(result.stdout)
    assert (out["read"], out["stored"], out["errors"]) == (2, 1, 1)
    assert "empty message" in out["problems"][0]
