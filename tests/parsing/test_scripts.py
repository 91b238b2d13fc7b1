"""One definition of which characters are Chinese (resolutions/parsing/scripts.py)."""

from __future__ import annotations

import pytest

from resolutions.parsing.scripts import CJK_CHAR, CJK_RUN


@pytest.mark.parametrize(
    "char",
    ["决", "㐀", "䶿", "鿿", "豈", "\U00020000", "\U0002a6d6", "\U00030000", "\U000323af"],
)
def test_ideographs_of_every_block_are_chinese(char):
    assert CJK_CHAR.fullmatch(char)


@pytest.mark.parametrize("char", ["，", "。", "a", "1", "９", "\u3000", "ㄅ", "가", "あ"])
def test_punctuation_digits_and_other_scripts_are_not(char):
    assert not CJK_CHAR.fullmatch(char)


def test_a_run_spans_extension_characters():
    assert CJK_RUN.findall("大会\U00020000决议 and 第57/32号") == ["大会\U00020000决议", "第", "号"]
