"""``/A/RES/…/.akn.xml``: every archived text as Akoma Ntoso 3.0 (issue 20).

A/RES/78/10 is ingested from the UN's XML in both languages and seed 002 (A/RES/65/123) from
its plain text; each export must be valid against the schema in ``../shared/schemas/akn30``
and read back (with the project's XML reader) to the clauses the archive holds.
"""

from __future__ import annotations

import io
import re
import tarfile

import pytest
from django.core.management import call_command
from lxml import etree

from resolutions.models import Resolution
from resolutions.parsing.akn import parse_akn
from tests.conftest import SHARED, UNXML, clear_archive, seed

pytestmark = pytest.mark.django_db
SCHEMA = SHARED / "schemas" / "akn30" / "akomantoso30.xsd"


@pytest.fixture
def archive(unxml, tmp_path, client):
    clear_archive()
    files = []
    for language in ("Chinese", "English"):
        with tarfile.open(UNXML / f"78session-{language}.tar.xz") as tar:
            member = next(m for m in tar if re.search(r"/A_RES_78_10-", m.name))
            path = tmp_path / f"78_10_{language}.xml"
            path.write_bytes(tar.extractfile(member).read())
            files.append(str(path))
    call_command("ingest", *files, str(seed("002")), stdout=io.StringIO(), stderr=io.StringIO())
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    yield client
    clear_archive()


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


@pytest.mark.parametrize(
    ("symbol", "lang"), [("A/RES/78/10", "en"), ("A/RES/78/10", "zh"), ("A/RES/65/123", "en")]
)
def test_export_is_valid_and_holds_the_archived_clauses(archive, schema, symbol, lang):
    response = archive.get(f"/{symbol}.akn.xml", {"lang": lang})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/akn+xml")
    assert schema.validate(etree.fromstring(response.content)), schema.error_log.last_error
    (doc,) = parse_akn(response.content)
    text = Resolution.objects.get(symbol=symbol).texts.get(language=lang)
    stored = list(text.clauses.order_by("position").values_list("kind", "body"))
    assert [(c.kind, c.text) for c in doc.clauses] == stored
    assert doc.symbol == symbol and doc.language == lang
    assert sorted(f.marker for f in doc.footnotes) == sorted(
        text.footnotes.values_list("marker", flat=True)
    )


def test_export_element_ids_are_the_page_anchors(archive):
    xml = archive.get("/A/RES/78/10.akn.xml", {"lang": "en"}).content.decode()
    assert 'eId="pp1"' in xml and 'eId="op1"' in xml and 'eId="op9"' in xml
    page = archive.get("/A/RES/78/10/").content.decode()
    assert 'id="op9"' in page
    assert 'href="/A/RES/78/10.akn.xml?lang=en"' in page


def test_export_of_absent_symbol_or_language_is_404_and_bad_lang_400(archive):
    assert archive.get("/A/RES/1/999.akn.xml").status_code == 404
    assert archive.get("/A/RES/65/123.akn.xml", {"lang": "zh"}).status_code == 404
    assert archive.get("/A/RES/78/10.akn.xml", {"lang": "fr"}).status_code == 400
