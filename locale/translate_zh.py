"""Fill locale/zh_Hans/LC_MESSAGES/django.po with the Chinese labels of the interface.

Run after ``manage.py makemessages -l zh_Hans …``, then ``manage.py compilemessages``:
``python locale/translate_zh.py``.  The table below is the authority for the labels it holds.
"""

from __future__ import annotations

import re
from pathlib import Path

PO = Path(__file__).resolve().parent / "zh_Hans" / "LC_MESSAGES" / "django.po"

ZH = {
    "Without a vote": "未经表决",
    "Recorded vote": "记录表决",
    "Other": "其他",
    "%(symbol)s on undocs.org (not in this archive)": "undocs.org 上的 %(symbol)s（本档案未收录）",
    "Your query has more than %(n)s search terms: only the first %(n)s were searched.": (
        "查询的检索词超过 %(n)s 个：只检索了前 %(n)s 个。"
    ),
    "Results are incomplete: the query was too expensive to search in full, so only some of "
    "the matching clauses are shown. A longer word or phrase searches faster.": (
        "结果不完整：此查询过于耗时，未能完整检索，只显示了部分匹配的段落。较长的词或短语检索更快。"
    ),
    "Results are incomplete: other long searches are running, so this one was cut short and "
    "only some of the matching clauses are shown. Try again in a moment; a longer word or "
    "phrase searches faster.": (
        "结果不完整：其他耗时的检索正在进行，此次检索被提前中止，只显示了部分匹配的段落。"
        "请稍后再试；较长的词或短语检索更快。"
    ),
    "Bad request": "请求有误",
    "The address asks for something this page cannot show.": "此地址所请求的内容，本页无法显示。",
    "The Chinese and English texts of this resolution differ": "本决议的中文本与英文本有出入",
    "Preambular paragraphs: %(zh)s in Chinese, %(en)s in English": (
        "序言部分段落：中文本 %(zh)s 段，英文本 %(en)s 段"
    ),
    "Operative paragraphs: %(zh)s in Chinese, %(en)s in English": (
        "执行部分段落：中文本 %(zh)s 段，英文本 %(en)s 段"
    ),
    "Cited only in the Chinese text:": "仅中文本引用：",
    "Cited only in the English text:": "仅英文本引用：",
    "Adoption date: %(zh)s in the Chinese text, %(en)s in the English text": (
        "通过日期：中文本为 %(zh)s，英文本为 %(en)s"
    ),
    "Plenary meeting: %(zh)s in the Chinese text, %(en)s in the English text": (
        "全体会议：中文本为第 %(zh)s 次，英文本为第 %(en)s 次"
    ),
    "%(name)s must be a whole number from %(lo)s to %(hi)s": (
        "%(name)s 必须是 %(lo)s 到 %(hi)s 之间的整数"
    ),
    "%(name)s must be one of: %(allowed)s": "%(name)s 必须是以下之一：%(allowed)s",
    "%(name)s is longer than %(n)s characters": "%(name)s 超过 %(n)s 个字符",
    "%(name)s contains a NUL character": "%(name)s 含有 NUL 字符",
    "%(name)s %(asked)s is past the last page (%(last)s)": (
        "%(name)s %(asked)s 超出了最后一页（%(last)s）"
    ),
    "%(name)s must be an anchor such as op3, op3-a, fn-2 or annex-1": (
        "%(name)s 必须是 op3、op3-a、fn-2 或 annex-1 这样的锚点"
    ),
    "clause %(anchor)s has no part %(part)s in this text": (
        "此文本中段落 %(anchor)s 没有第 %(part)s 部分"
    ),
    "Resolution %(symbol)s was adopted in parts; the archive holds %(n)s of them:": (
        "第 %(symbol)s 号决议分部分通过；本档案收有其中 %(n)s 个部分："
    ),
    "Language": "语言",
    "Clause kind": "段落类型",
    "Lead phrase": "引导词",
    "Preambular": "序言部分",
    "Operative": "执行部分",
    "Your query was cut to %(n)s characters.": "查询已截短为 %(n)s 个字符。",
    "Nothing to search for in that query: type words or a symbol.": (
        "此查询中没有可检索的内容：请输入词语或文号。"
    ),
    "No clause matches.": "没有匹配的段落。",
    "The search index has not been built yet (manage.py rebuild_index).": (
        "检索索引尚未建立（manage.py rebuild_index）。"
    ),
    "%(symbol)s is not in the archive; these clauses cite it.": (
        "本档案未收录 %(symbol)s；以下段落引用了它。"
    ),
    "Clauses citing %(symbol)s.": "引用 %(symbol)s 的段落。",
    "Page not found": "未找到页面",
    "There is no page at this address.": "此地址没有页面。",
    "Home": "首页",
    "Browse the resolutions": "浏览决议",
    "Server error": "服务器错误",
    "Something went wrong": "出错了",
    "The page could not be shown. Please try again later.": "无法显示此页面，请稍后再试。",
    "Skip to content": "跳到正文",
    "UN General Assembly resolutions": "联合国大会决议",
    "Site": "网站",
    "Browse": "浏览",
    "Sessions": "届会",
    "Search clauses · 搜索条款": "搜索条款 · Search clauses",
    "Search": "搜索",
    "Interface language": "界面语言",
    "Texts of the United Nations General Assembly; official versions at": (
        "联合国大会文件；正式文本见"
    ),
    "Citations (CSV)": "引用关系（CSV）",
    "Link to this paragraph": "本段链接",
    "Note": "脚注",
    "Link to this sub-paragraph": "本分段链接",
    "Notes": "脚注",
    "Back to the text": "返回正文",
    "Draft": "草案",
    "Chinese text": "中文文本",
    "English text": "英文文本",
    "cited by %(n)s": "被 %(n)s 项决议引用",
    "No resolution matches.": "没有符合条件的决议。",
    "Pages": "分页",
    "Previous": "上一页",
    "Page %(n)s of %(total)s": "第 %(n)s 页，共 %(total)s 页",
    "Next": "下一页",
    "Session": "届会",
    "All": "全部",
    "Year": "年份",
    "Text in": "文本语言",
    "Any language": "任何语言",
    "Committee": "委员会",
    "Subject": "主题",
    "Adoption": "通过方式",
    "Sort by": "排序",
    "Date (newest first)": "日期（最新在前）",
    "Symbol": "文号",
    "Apply": "筛选",
    "Reset": "重置",
    "%(n)s resolution": "%(n)s 项决议",
    "Resolutions of the United Nations General Assembly, in Chinese and English": (
        "联合国大会决议（中文和英文）"
    ),
    "Read each resolution clause by clause in either language or side by side, follow every "
    "resolution it cites, and see everything that cites it.": (
        "逐段阅读每项决议的中文或英文文本，或中英对照阅读；追溯其引用的每项决议，并查看所有引用它的决议。"
    ),
    "Resolutions": "决议",
    "Chinese texts": "中文文本",
    "English texts": "英文文本",
    "Clauses": "段落",
    "Citations linked": "已链接的引用",
    "Drafts": "草案",
    "Most recent": "最新决议",
    "All resolutions": "全部决议",
    "Most cited": "被引用最多",
    "Session %(n)s": "第 %(n)s 届会议",
    "Special session %(n)s": "第 %(n)s 届特别会议",
    "Emergency special session %(n)s": "第 %(n)s 届紧急特别会议",
    "special": "特别会议",
    "emergency special": "紧急特别会议",
    "The archive does not hold resolution %(symbol)s.": "本档案未收录第 %(symbol)s 号决议。",
    "The official document:": "正式文件：",
    "English": "英文",
    "Chinese": "中文",
    "Draft resolution": "决议草案",
    "Text": "文本",
    "Text:": "文本：",
    "Side by side": "中英对照",
    "Official PDF:": "正式 PDF：",
    "About this resolution": "关于本决议",
    "Adopted": "通过日期",
    "Meeting": "会议",
    "%(nth)s plenary meeting": "第%(nth)s次全体会议",
    "Agenda item": "议程项目",
    "%(y)s in favour, %(n)s against, %(a)s abstaining": "%(y)s 票赞成、%(n)s 票反对、%(a)s 票弃权",
    "How each member state voted": "各会员国的投票",
    "In favour": "赞成",
    "Against": "反对",
    "Abstaining": "弃权",
    "Subjects": "主题",
    "Sponsors": "提案国",
    "Preamble": "序言部分",
    "Operative paragraphs": "执行部分",
    "The Chinese text has %(zh)s paragraphs here and the English text %(en)s: they are shown "
    "unpaired.": "此部分中文文本有 %(zh)s 段，英文文本有 %(en)s 段：段数不同，分别列出，不作对照。",
    "Annex": "附件",
    "The archive holds this resolution's record but not its text.": (
        "本档案有此决议的记录，但没有其文本。"
    ),
    "Read it on undocs.org": "在 undocs.org 阅读",
    "Cited by": "被引用",
    "in %(s)s, preamble ¶%(n)s": "见第 %(s)s 号决议序言部分第 %(n)s 段",
    "in %(s)s, paragraph %(n)s": "见第 %(s)s 号决议第 %(n)s 段",
    "in %(s)s, note %(n)s": "见第 %(s)s 号决议脚注 %(n)s",
    "in %(s)s": "见第 %(s)s 号决议",
    "No resolution in the archive cites this one.": "本档案中没有引用此决议的决议。",
    "%(n)s resolution or draft in the archive.": "本档案收录 %(n)s 项决议或草案。",
    "Filter and sort": "筛选和排序",
    "The archive is empty.": "档案为空。",
    "This text is too long to show in full here: these are its first %(shown)s of %(total)s "
    "characters.": (
        "此段内容过长，无法在此完整显示：以下是其前 %(shown)s 个字符（共 %(total)s 个）。"
    ),
    "Continue reading (part 2 of %(parts)s)": "继续阅读（第 2 部分，共 %(parts)s 部分）",
    "Whole text (JSON)": "全文（JSON）",
    "Part %(n)s of %(parts)s": "第 %(n)s 部分，共 %(parts)s 部分",
    "Preamble ¶%(n)s": "序言部分第 %(n)s 段",
    "Paragraph %(n)s": "第 %(n)s 段",
    "Sub-paragraph (%(label)s)": "第 (%(label)s) 分段",
    "Note %(n)s": "脚注 %(n)s",
    "Characters %(first)s to %(last)s of %(total)s: this text is too long to show on one "
    "page.": "第 %(first)s 至 %(last)s 个字符（共 %(total)s 个）：此段内容过长，无法在一页中显示。",
    "Parts": "分部分",
    "Previous part": "上一部分",
    "Next part": "下一部分",
    "Back to the resolution": "返回决议",
}

_ENTRY = re.compile(
    r'(?P<head>msgid (?P<id>(?:"(?:[^"\\]|\\.)*"\n)+)'
    r'(?:msgid_plural (?:"(?:[^"\\]|\\.)*"\n)+)?)'
    r'(?P<str>(?:msgstr(?:\[\d\])? (?:"(?:[^"\\]|\\.)*"\n)+)+)'
)


def _join(quoted: str) -> str:
    return (
        "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', quoted))
        .encode()
        .decode("unicode_escape")
        .encode("latin-1")
        .decode("utf-8")
    )


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def fill(po: str) -> str:
    def replace(m: re.Match) -> str:
        msgid = _join(m.group("id"))
        if msgid not in ZH:
            return m.group(0)
        plural = "msgstr[0]" in m.group("str")
        key = "msgstr[0]" if plural else "msgstr"
        return f"{m.group('head')}{key} {_quote(ZH[msgid])}\n"

    # makemessages guesses ("fuzzy") from similar labels; this table is the authority.
    # (the previous msgid, "#| msgid …", may run over several "#|" lines)
    po = re.sub(r"#, fuzzy, python-format\n(?:#\| .*\n)+", "#, python-format\n", po)
    po = re.sub(r"#, fuzzy\n(?:#\| .*\n)+", "", po)
    po = re.sub(r"(?m)^#\| .*\n", "", po)
    po = _ENTRY.sub(replace, po)
    return po.replace('#, fuzzy\nmsgid ""', 'msgid ""', 1).replace(
        '"Language: \\n"', '"Language: zh_Hans\\n"'
    )


if __name__ == "__main__":
    PO.write_text(fill(PO.read_text(encoding="utf-8")), encoding="utf-8")
    missing = [k for k in ZH if k not in PO.read_text(encoding="utf-8")]
    print(f"filled {PO}; {len(missing)} labels not found in it")
