"""Lettered families and absent symbols (issue 20): /A/RES/77/264/ lists its archived parts, the
page of a cited but absent symbol lists the clauses citing it.

The data is the UN's English XML of A/RES/77/264 A–C, one file holding the three parts
(``../shared/corpus/unxml/77session-English.tar.xz``).
"""

from __future__ import annotations

import io
import re
import tarfile

import pytest
from django.core.management import call_command

from resolutions.models import Reference
from tests.conftest import UNXML, clear_archive

pytestmark = pytest.mark.django_db
MEMBER = "77session/English/A_RES_77_264 A-C-2300152E.xml"


@pytest.fixture
def family(unxml, tmp_path, client):
    clear_archive()
    with tarfile.open(UNXML / "77session-English.tar.xz") as archive:
        path = tmp_path / "A_RES_77_264.xml"
        path.write_bytes(archive.extractfile(archive.getmember(MEMBER)).read())
    call_command("ingest", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    yield client
    clear_archive()


@pytest.mark.parametrize("address", ["/A/RES/77/264/", "/77/264", "/a/res/77/264/"])
def test_unlettered_symbol_of_a_family_lists_its_parts(family, address):
    response = family.get(address, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "was adopted in parts; the archive holds 3 of them" in page
    links = re.findall(r'<a href="(/A/RES/77/264%20[ABC]/)">', page)
    assert links == ["/A/RES/77/264%20A/", "/A/RES/77/264%20B/", "/A/RES/77/264%20C/"]
    assert "does not hold" not in page


def test_family_page_in_chinese(family):
    page = family.get("/A/RES/77/264/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "分部分通过" in page


def test_absent_cited_symbol_lists_the_clauses_citing_it(family):
    ref = (
        Reference.objects.filter(kind="resolution", target__isnull=True, clause__isnull=False)
        .select_related("text__resolution", "clause")
        .first()
    )
    assert ref is not None  # 77/264 recalls earlier budget resolutions the archive lacks
    response = family.get(f"/{ref.symbol}/")
    assert response.status_code == 404
    page = response.content.decode()
    assert f"The archive does not hold resolution {ref.symbol}." in page
    citing = ref.text.resolution.get_absolute_url()
    assert f'href="{citing}"' in page
    assert f"#{ref.cited_in.replace('operative:', 'op').replace('preambular:', 'pp')}" in page


def test_symbol_neither_archived_nor_cited_says_so_once(family):
    response = family.get("/A/RES/1/999/")
    assert response.status_code == 404
    page = response.content.decode()
    assert page.count("does not hold") == 1
    assert 'id="cited-by"' not in page
