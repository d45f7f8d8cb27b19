"""Reading files: encodings are detected from the bytes; bad input fails clearly."""
from __future__ import annotations

import codecs

import pytest

from tifa.errors import InputError
from tifa.read.files import iter_inputs, read_text

from ..conftest import seed

TEXT = seed("003").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "name, data, encoding",
    [
        ("utf8.txt", TEXT.encode("utf-8"), "utf-8"),
        ("bom.txt", codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        ("gbk.txt", TEXT.encode("gb18030"), "gb18030"),
        ("gbk_ext.md", TEXT.encode("gbk", errors="ignore"), "gb18030"),
        ("u16.txt", TEXT.encode("utf-16"), "utf-16"),
        ("u16le_nobom.txt", TEXT.encode("utf-16-le"), "utf-16-le"),
        ("u16be_nobom.txt", TEXT.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_encodings_are_detected(tmp_path, name, data, encoding):
    p = tmp_path / name
    p.write_bytes(data)
    got = read_text(p)
    assert got.encoding == encoding
    assert "在市X系统办公室主任暨业务培训会上的讲话" in got.text
    assert not got.text.startswith("\ufeff")


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n \t\n", "empty file"),
        ("binary.txt", bytes(range(256)) * 8, "binary file"),
        ("undecodable.txt", b"\x81\x30\xff\xfe\xff\x00" * 3 + b"\xc3\x28", None),
        ("latin.txt", "Ça coûte très cher, déjà vu".encode("latin-1"), "undecodable"),
        ("speech.docx", b"PK\x03\x04 not really", "corrupt .docx"),
        ("speech.rtf", b"{\\rtf1 hello}", "unsupported format .rtf"),
        ("noext", b"text", "unsupported format (no extension)"),
    ],
)
def test_bad_input_has_one_line_error_naming_the_file(tmp_path, name, data, message):
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(InputError) as exc:
        read_text(p)
    text = str(exc.value)
    assert str(p) in text and "\n" not in text
    if message:
        assert message in text


def test_missing_folder_and_size_limit(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a folder"):
        read_text(_mkdir(tmp_path / "dir.txt"))
    big = tmp_path / "big.txt"
    big.write_text(TEXT, encoding="utf-8")
    with pytest.raises(InputError, match="too large"):
        read_text(big, max_bytes=100)
    assert read_text(big, max_bytes=None).text.startswith("仅供学习")


def _mkdir(p):
    p.mkdir()
    return p


def test_folders_are_walked_recursively_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("二", encoding="utf-8")
    (tmp_path / "1.txt").write_text("一", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("x", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in iter_inputs([tmp_path])] == ["1.txt", "b/2.txt"]
