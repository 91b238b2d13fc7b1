"""``check_archive`` reports whether the search index and the database agree, and repairs them."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from resolutions.models import Clause, Reference
from search.consistency import CLAUSE_CT, TEXT_CT
from search.indexing import get_backend
from tests.conftest import SEEDS
from tests.search_fixtures import indexing_on_ingest

pytestmark = pytest.mark.django_db


def _check(*args: str) -> tuple[str, int]:
    out = io.StringIO()
    try:
        call_command("check_archive", *args, stdout=out)
    except CommandError as exc:
        return out.getvalue() + str(exc), 1
    return out.getvalue(), 0


def test_fresh_ingest_leaves_index_and_database_in_agreement(tmp_path):
    with indexing_on_ingest(tmp_path / "index"):
        call_command("ingest", str(SEEDS), stdout=io.StringIO())
        out, code = _check()
    assert code == 0
    assert "archive and index agree" in out
    clauses = Clause.objects.count()
    assert f"database: {clauses} clauses, 5 texts" in out
    assert f"index:    {clauses} clauses, 5 texts" in out


def test_drift_is_reported_and_fix_repairs_it(tmp_path):
    with indexing_on_ingest(tmp_path / "index"):
        call_command("ingest", str(SEEDS), stdout=io.StringIO())
        # a clause row deleted behind the index's back, a document dropped from the index,
        # and a resolved link cut
        gone = Clause.objects.order_by("pk").first()
        gone.delete()
        dropped = Clause.objects.order_by("-pk").first()
        writer = get_backend().index.refresh().writer()
        writer.delete_by_term("id", f"{CLAUSE_CT}.{dropped.pk}")
        writer.commit()
        ref = Reference.objects.filter(target__isnull=False).first()
        if ref is None:  # the seeds cite no archived resolution: link one by hand
            ref = Reference.objects.filter(kind="resolution").first()
            ref.symbol = "A/RES/65/140"
            ref.save()
        else:
            ref.target = None
            ref.save()

        out, code = _check()
        assert code == 1
        assert "missing from the index: 1 documents" in out
        assert "in the index but not in the database: 1 documents" in out
        assert "references to archived resolutions without a link: 1" in out

        out, code = _check("--fix")
        assert code == 0, out
        assert out.strip().endswith("archive and index agree")
        assert _check()[1] == 0
    ref.refresh_from_db()
    assert ref.target is not None


def test_update_index_repairs_what_the_index_lacks(tmp_path):
    with indexing_on_ingest(tmp_path / "index"):
        call_command("ingest", str(SEEDS), stdout=io.StringIO())
        text_id = Clause.objects.order_by("-pk").first().text_id
        writer = get_backend().index.refresh().writer()  # one text and its clauses gone
        writer.delete_by_term("id", f"{TEXT_CT}.{text_id}")
        writer.delete_by_term("text_id", str(text_id))
        writer.commit()
        assert _check()[1] == 1
        out = io.StringIO()
        call_command("update_index", stdout=out)
        assert "search index: 1 texts indexed, 0 removed" in out.getvalue()
        out, code = _check()
        assert code == 0 and "archive and index agree" in out


def test_clear_index_empties_it_and_update_index_fills_it_again(tmp_path):
    with indexing_on_ingest(tmp_path / "index"):
        call_command("ingest", str(SEEDS), stdout=io.StringIO())
        call_command("clear_index", "--noinput", stdout=io.StringIO())
        out, code = _check()
        assert code == 1 and "index:    0 clauses, 0 texts" in out
        call_command("update_index", stdout=io.StringIO())
        out, code = _check()
        assert code == 0 and "archive and index agree" in out
