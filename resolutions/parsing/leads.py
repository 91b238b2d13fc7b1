"""Lead phrases of resolution paragraphs ("Recalling also", "Encourages", "又回顾", "鼓励")."""

from __future__ import annotations

import re
from collections.abc import Iterator


def _words(text: str) -> list[str]:
    return text.split()


_ZH_VERBS = _words(
    "回顾 重申 申明 注意到 表示注意到 满意地注意到 赞赏地注意到 关切地注意到 "
    "严重关切地注意到 感兴趣地注意到 欣慰地注意到 遗憾地注意到 欢迎 赞赏地欢迎 "
    "满意地欢迎 确认 承认 鼓励 大力鼓励 邀请 决定 请 吁请 促请 敦促 "
    "强烈敦促 呼吁 强调 着重指出 指出 铭记 考虑到 审议了 审议 深信 坚信 "
    "相信 认为 欣见 赞赏 表示赞赏 感谢 表示感谢 深表感谢 深为关切 严重关切 "
    "关切 表示关切 深感关切 认识到 意识到 深切关注 关注 欣悉 核可 赞同 支持 "
    "谴责 强烈谴责 要求 建议 授权 宣布 通过 赞扬 称赞 念及 遵循 考虑 同意 "
    "表示支持 表示遗憾 痛惜 震惊 忆及 深知 认可 期待 期望 希望 决心 敦请 "
    "责成 恳请 请求 再次呼吁 再次吁请 再次请 再次邀请 再次申明 再次重申 "
)
_ZH_PREFIXES = ["", "又", "还", "并", "再次", "进一步", "另外", "也"]
_ZH_LEADS = sorted(
    {p + v for v in _ZH_VERBS for p in _ZH_PREFIXES}, key=len, reverse=True
)  # longest match first

_EN_MULTI = [
    "Taking note",
    "Taking into account",
    "Taking into consideration",
    "Bearing in mind",
    "Having considered",
    "Having examined",
    "Having reviewed",
    "Having heard",
    "Having received",
    "Deeply concerned",
    "Gravely concerned",
    "Seriously concerned",
    "Deeply alarmed",
    "Gravely alarmed",
    "Deeply disturbed",
    "Deeply convinced",
    "Firmly convinced",
    "Fully aware",
    "Expressing concern",
    "Expressing deep concern",
    "Expressing grave concern",
    "Expressing its appreciation",
    "Expressing appreciation",
    "Expressing its gratitude",
    "Noting with appreciation",
    "Noting with satisfaction",
    "Noting with concern",
    "Noting with deep concern",
    "Noting with interest",
    "Noting with regret",
    "Noting with deep regret",
    "Welcoming with appreciation",
    "Recognizing with appreciation",
    "Takes note",
    "Take note",
    "Calls upon",
    "Call upon",
    "Calls on",
    "Calls for",
    "Expresses its appreciation",
    "Expresses its gratitude",
    "Expresses concern",
    "Expresses deep concern",
    "Expresses its deep concern",
    "Expresses its concern",
    "Once again",
    "Further reaffirms",
]
_EN_ADVERBS = {"also", "further", "again", "moreover", "furthermore", "once", "strongly"}


def zh_lead(text: str) -> str:
    """The bold lead (``**鼓励**``) or, without bold, the longest known lead phrase."""
    m = re.match(r"^\*\*(.+?)\*\*", text)
    if m:
        return m.group(1).strip()
    for lead in _ZH_LEADS:
        if text.startswith(lead):
            return lead
    return ""


def en_lead(text: str) -> str:
    """``Recalling also its resolution …`` → ``Recalling also``; ``Also encourages`` …"""
    text = text.replace("**", "").replace("*", "")
    words = text.split()
    if not words:
        return ""
    lead: list[str] = []
    i = 0
    # leading adverbs: "Also encourages", "Further encourages", "Once again urges"
    while i < len(words) - 1 and words[i].lower().strip(",") in _EN_ADVERBS:
        lead.append(words[i].strip(","))
        i += 1
    rest = " ".join(words[i:])
    for phrase in _EN_MULTI:
        if rest.startswith(phrase) and (
            len(rest) == len(phrase) or not rest[len(phrase)].isalpha()
        ):
            lead.extend(phrase.split())
            i += len(phrase.split())
            break
    else:
        lead.append(words[i].strip(",;:"))
        i += 1
    # trailing adverbs: "Recalling also", "Taking note further"
    while i < len(words) and words[i].lower().strip(",") in {"also", "further", "again"}:
        lead.append(words[i].strip(","))
        i += 1
    return " ".join(lead)


_PARTICIPLE = re.compile(r"^[A-Z][a-z]{2,}(?:ing|ed)\b")
_LEAD_ADJECTIVES = {
    "Mindful",
    "Aware",
    "Conscious",
    "Cognizant",
    "Desirous",
    "Deeply",
    "Gravely",
    "Seriously",
    "Strongly",
    "Fully",
    "Firmly",
    "Keen",
    "Bearing",
    "Taking",
    "Having",
    "Further",
    "Also",
    "Reaffirming",
    "Pursuant",
    "Profoundly",
    "Acutely",
    "Sincerely",
}
_NOT_LEADS = {"United", "Beijing", "Kunming", "Limited", "Wyoming", "Red", "Darjeeling"}


_FIRST_WORD = re.compile(r"\s*([A-Za-z]+)")
_TOKEN = re.compile(r"\S+")


def looks_like_en_lead(line: str, pos: int = 0) -> bool:
    """Could this line (from ``pos`` on) open a preambular paragraph ("Recalling",
    "Mindful", "Deeply …")?  Reads only its first word."""
    first = _FIRST_WORD.match(line, pos)
    if not first:
        return False
    word = first.group(1)
    if word in _NOT_LEADS:
        return False
    return word in _LEAD_ADJECTIVES or bool(_PARTICIPLE.match(word))


def _words_from(text: str, pos: int) -> Iterator[str]:
    """``text[pos:].replace("**", "").split()``, word by word, reading no further than asked."""
    for m in _TOKEN.finditer(text, pos):
        word = m.group(0).replace("**", "")
        if word:
            yield word


def is_en_operative_verb(text: str, pos: int = 0) -> bool:
    """``Adopts …``, ``Decides …``, ``Also decides`` — a third-person verb, not a participle.

    Looks at ``text`` from ``pos`` on, and only at its first words.
    """
    words = _words_from(text, pos)
    word = next(words, None)
    adverbs = 0
    while word is not None and word.lower() in _EN_ADVERBS:
        word = next(words, None)
        adverbs += 1
    if word is None:
        return False
    word = word.strip(",;:")
    if adverbs:
        word = word[:1].upper() + word[1:]  # "Also decides"
    if word in _LEAD_ADJECTIVES or re.search(r"(?:ous|ss|is|us)$", word):
        return False  # "Conscious", "Desirous", "Thus"
    return bool(re.match(r"^[A-Z][a-z]+s$", word)) and not _PARTICIPLE.match(word)
