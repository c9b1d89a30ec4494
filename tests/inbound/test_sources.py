"""Files, folders, Maildirs and mboxes yield their messages one at a time, errors as items."""

from __future__ import annotations

import mailbox

import pytest

from mailer.errors import NotFound
from mailer.inbound import sources
from tests.inbound.builders import mail


def test_one_eml_file(tmp_path):
    path = tmp_path / "a.eml"
    path.write_bytes(mail())
    items = list(sources.messages([path]))
    assert [(i.origin, i.raw) for i in items] == [(str(path), mail())]


def test_a_folder_of_files_in_name_order_without_hidden_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.eml").write_bytes(mail(number=2))
    (tmp_path / "a.eml").write_bytes(mail(number=1))
    (tmp_path / "sub" / "c.eml").write_bytes(mail(number=3))
    (tmp_path / ".DS_Store").write_bytes(b"junk")
    raws = [i.raw for i in sources.messages([tmp_path])]
    assert raws == [mail(number=1), mail(number=2), mail(number=3)]


def test_a_maildir_new_and_cur(tmp_path):
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    box.add(mail(number=1))
    key = box.add(mail(number=2))
    msg = box.get_message(key)
    msg.set_subdir("cur")
    box[key] = msg
    raws = sorted(i.raw for i in sources.messages([tmp_path / "Maildir"]))
    assert len(raws) == 2
    assert all(b"Message-ID: <reply-" in r for r in raws)


def test_an_mbox_message_by_message_with_its_origin(tmp_path):
    path = tmp_path / "replies.mbox"
    box = mailbox.mbox(path)
    for n in range(3):
        box.add(mail(number=n))
    box.close()
    items = list(sources.messages([path]))
    assert [i.origin for i in items] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    assert [b"<reply-%d@" % n in i.raw for n, i in enumerate(items)] == [True] * 3


def test_an_unreadable_file_is_an_item_with_an_error_and_the_rest_still_comes(tmp_path):
    (tmp_path / "a.eml").symlink_to(tmp_path / "vanished.eml")  # listed, then gone
    (tmp_path / "b.eml").write_bytes(mail(number=1))
    items = list(sources.messages([tmp_path]))
    assert [(i.raw is None, bool(i.error)) for i in items] == [(True, True), (False, False)]
    assert items[0].origin == str(tmp_path / "a.eml")
    assert items[1].raw == mail(number=1)


def test_a_missing_path_is_refused_before_anything_is_read(tmp_path, english):
    with pytest.raises(NotFound, match="does not exist"):
        sources.check([tmp_path / "nope"])
