"""The bulk load of the UN's XML, sessions 75-78 in zh and en with metadata, into a real database.

The load runs once for this module (a few minutes) and every test reads the same archive.
"""

from __future__ import annotations

import io
import tarfile
from collections import defaultdict

import pytest
from django.core.management import call_command

from resolutions.models import Clause, Reference, Resolution, ResolutionText, Vote
from resolutions.parsing.akn import parse_akn
from resolutions.parsing.structure import UnsupportedLanguage
from tests.conftest import UNXML, clear_archive

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not UNXML.is_dir(), reason="../shared/corpus/unxml is not here"),
]


@pytest.fixture(scope="module")
def load_report(django_db_setup, django_db_blocker):
    """Load all of unxml/ once; the output of the command is the report."""
    with django_db_blocker.unblock():
        clear_archive()
        out, err = io.StringIO(), io.StringIO()
        call_command("ingest", str(UNXML), stdout=out, stderr=err)
        print(out.getvalue())
        yield out.getvalue(), err.getvalue()
        clear_archive()


def _xml_clause_counts() -> dict[tuple[str, str], tuple[int, int]]:
    """(symbol, language) → (preambular, operative) as the XML files carry them."""
    counts = {}
    for archive in sorted(UNXML.glob("*session-*.tar.xz")):
        with tarfile.open(archive) as tar:
            for member in tar:
                if not member.isfile():
                    continue
                try:
                    docs = parse_akn(tar.extractfile(member).read())
                except UnsupportedLanguage:  # 75/274 in French and Spanish, 77/336 in Arabic
                    continue
                for doc in docs:
                    counts[(doc.symbol, doc.language)] = (len(doc.preambular), len(doc.operative))
    return counts


def test_bulk_load_reports_counts_and_no_failure(load_report):
    out, err = load_report
    assert "error:" not in err
    last = out.strip().splitlines()[-1]
    assert last.endswith(" 0 failed")
    archive_line = next(line for line in out.splitlines() if line.startswith("archive:"))
    for word in ("resolutions", "texts", "clauses", "footnotes", "references", "resolved"):
        assert word in archive_line
    assert Resolution.objects.filter(session__in=[75, 76, 77, 78]).count() >= 1250
    assert ResolutionText.objects.count() >= 2500
    assert Clause.objects.count() >= 100_000


def test_every_pair_reports_the_clause_counts_its_xml_files_carry(load_report):
    xml = _xml_clause_counts()
    stored: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for symbol, language, kind in Clause.objects.values_list(
        "text__resolution__symbol", "text__language", "kind"
    ):
        stored[(symbol, language)][0 if kind == "preambular" else 1] += 1
    mismatches = [key for key, value in xml.items() if tuple(stored[key]) != value]
    assert mismatches == []

    source_disagreements = sorted(
        symbol
        for (symbol, language), value in xml.items()
        if language == "en" and (symbol, "zh") in xml and xml[(symbol, "zh")] != value
    )
    print(f"zh/en XML files that disagree in clause counts ({len(source_disagreements)}):")
    for symbol in source_disagreements:
        print(f"  {symbol}: en {xml[(symbol, 'en')]} zh {xml[(symbol, 'zh')]}")
    pairs = {s for (s, lang) in xml if lang == "en" and (s, "zh") in xml}
    agreeing = pairs - set(source_disagreements)
    assert agreeing
    assert [s for s in sorted(agreeing) if stored[(s, "en")] != stored[(s, "zh")]] == []


def test_session_78_recall_of_75_247_resolves_to_it(load_report):
    """A/RES/78/247 (oversight) recalls A/RES/75/247 in its first preambular paragraph."""
    ref = Reference.objects.get(
        text__resolution__symbol="A/RES/78/247",
        text__language="en",
        symbol="A/RES/75/247",
        cited_in="preambular:1",
    )
    assert ref.target == Resolution.objects.get(symbol="A/RES/75/247")
    zh_ref = Reference.objects.get(
        text__resolution__symbol="A/RES/78/247",
        text__language="zh",
        symbol="A/RES/75/247",
        cited_in="preambular:1",
    )
    assert zh_ref.target_id == ref.target_id


def test_recorded_vote_on_78_6_has_counts_and_named_states(load_report):
    """A/RES/78/6: 115 in favour, 6 against, 31 abstaining (78session-metadata.jsonl)."""
    r = Resolution.objects.get(symbol="A/RES/78/6")
    assert r.adoption_type == Resolution.AdoptionType.RECORDED_VOTE
    assert (r.votes_yes, r.votes_no, r.votes_abstain) == (115, 6, 31)
    assert r.votes.filter(choice=Vote.Choice.YES).count() == 115
    choices = dict(r.votes.values_list("state__name", "choice"))
    assert choices["RUSSIAN FEDERATION"] == "N"
    assert choices["BRAZIL"] == "A"
    assert choices["ALBANIA"] == "Y"


def _snapshot() -> dict:
    return {
        "resolutions": Resolution.objects.count(),
        "texts": ResolutionText.objects.count(),
        "clauses": Clause.objects.count(),
        "references": Reference.objects.count(),
        "resolved": Reference.objects.filter(target__isnull=False).count(),
        "votes": Vote.objects.count(),
        "max_clause": Clause.objects.order_by("-pk").values_list("pk", flat=True).first(),
        "last_update": Resolution.objects.order_by("-updated").values_list("updated").first(),
    }


def test_rerunning_the_bulk_load_changes_nothing(load_report):
    before = _snapshot()
    out = io.StringIO()
    call_command("ingest", str(UNXML), stdout=out, stderr=io.StringIO())
    last = out.getvalue().strip().splitlines()[-1]
    assert last.startswith("0 created, 0 updated,") and last.endswith(" 0 failed")
    after = _snapshot()
    assert after == before
