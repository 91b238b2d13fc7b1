"""Both interface languages are complete: every string a page shows has its Chinese.

``makemessages`` is run on a copy of the project's code and templates, so that the test sees
exactly the strings Django would extract today; each must be in the committed catalogue
(``locale/zh_Hans/LC_MESSAGES/django.po``) with a Chinese translation, and the compiled
``django.mo`` must be as new as the catalogue.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

from tests.conftest import ROOT

PO = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
ENTRY = re.compile(
    r'^msgid ((?:".*"\n)+)(?:msgid_plural (?:".*"\n)+)?msgstr(?:\[0\])? ((?:".*"\n)+)', re.M
)


def _catalogue(po: str) -> dict[str, str]:
    def join(block: str) -> str:
        return "".join(re.findall(r'"(.*)"', block))

    return {join(m.group(1)): join(m.group(2)) for m in ENTRY.finditer(po) if join(m.group(1))}


def test_every_interface_string_has_its_chinese(tmp_path):
    for name in ("manage.py",):
        shutil.copy(ROOT / name, tmp_path / name)
    for folder in ("unres_site", "resolutions", "search", "templates"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    (tmp_path / "locale").mkdir()
    done = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--no-obsolete"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    extracted = _catalogue((tmp_path / "locale/zh_Hans/LC_MESSAGES/django.po").read_text())
    committed = _catalogue(PO.read_text(encoding="utf-8"))
    missing = sorted(set(extracted) - set(committed))
    untranslated = sorted(k for k in extracted if committed.get(k) == "")
    assert not missing, f"not in the catalogue (run makemessages and translate_zh.py): {missing}"
    assert not untranslated, f"no Chinese yet: {untranslated}"


def test_compiled_catalogue_is_the_committed_one():
    from django.utils.translation import gettext, override

    committed = _catalogue(PO.read_text(encoding="utf-8"))
    with override("zh-hans"):
        stale = [k for k, v in committed.items() if "%" not in k and gettext(k) != v]
    assert not stale, f"django.mo is older than django.po (run compilemessages): {stale[:5]}"
