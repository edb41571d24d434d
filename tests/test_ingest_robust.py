"""Ingest on captures it has never seen: whatever the layout, it reads them or says why in one
line (ArchiveError), and every record it makes points at real characters of the file."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.build import corpus_context
from archive.errors import ArchiveError
from archive.ingest import ingest_file
from tests.conftest import REPO

SEED_LINES = [
    line
    for path in sorted((REPO / "corpus" / "articles").glob("*.txt"))
    for line in path.read_text(encoding="utf-8").splitlines()
    if line.strip()
]
EXTRA = [
    "Figure 7: caption with no date",
    "(Figure 9).",
    "“unclosed quote",
    "فقط نص عربي قصير",
    "❖",
    "by Nobody",
    "*x* (y)",
]


def captures():
    piece = st.one_of(st.sampled_from(SEED_LINES), st.sampled_from(EXTRA), st.text(max_size=40))
    return st.lists(piece, min_size=1, max_size=60).map(lambda lines: "\n\n".join(lines))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=captures(), as_html=st.booleans())
def test_any_capture_is_read_or_refused_in_one_line(text, as_html, tmp_path_factory):
    folder = tmp_path_factory.mktemp("c")
    (folder / "articles").mkdir()
    if as_html:
        body = "".join(f"<p>{line}</p>\n" for line in text.split("\n\n"))
        path = folder / "articles" / "page.html"
        path.write_text(
            f"<!DOCTYPE html><html><body><article>{body}</article></body></html>", encoding="utf-8"
        )
    else:
        path = folder / "articles" / "page.txt"
        path.write_text(text, encoding="utf-8")
    try:
        result = ingest_file(path, corpus_context(REPO / "corpus"))
    except ArchiveError as exc:
        assert "\n" not in str(exc) and str(path) in str(exc)
        return
    raw = path.read_bytes().decode("utf-8")  # the characters as they are, \r included
    for source in result.sources:
        assert 0 <= source.span.start < source.span.end <= len(raw)
        if not as_html:
            assert raw[source.span.start : source.span.end] == source.original
    for rendering in result.renderings:
        for fragment in rendering.fragments:
            for span in fragment.spans:
                assert 0 <= span.start < span.end <= len(raw)
    assert Path(result.article.source_file).name == path.name
