"""Search and the CLI, end to end on a real corpus copy and a real whoosh index."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from archive.cli import cli
from tests.conftest import KH_URL


def run(*args, index=None, corpus=None):
    extra = []
    result = CliRunner().invoke(
        cli,
        [*args, *extra],
        env={
            **({"ARCHIVE_INDEX": str(index)} if index else {}),
            **({"ARCHIVE_CORPUS": str(corpus)} if corpus else {}),
        },
    )
    return result


def first_hit(archive, query):
    return archive.search(query, limit=5).hits[0]


@pytest.mark.parametrize(
    "query",
    [
        "الاطار التنسيقي",
        "الإطار التنسيقي",
        "coordination framework",
        "الإطــار التَّنسيقي",
        '"الإطار التنسيقي"',
    ],
)
def test_kh_figure5_pair_comes_first(archive, query):
    hit = first_hit(archive, query)
    assert hit.kind == "pair" and hit.source.point == 3
    assert hit.provenance.source_url == KH_URL and hit.provenance.figure == 5


@pytest.mark.parametrize(
    ("query", "shown"), [("مرجوا", "مرجوًّا"), ("مرجوًّا", "مرجوًّا"), ("تخريب", "وتخریب"), ("تخریب", "وتخریب")]
)
def test_variant_spellings_reach_the_text_and_highlight_the_original(archive, query, shown):
    hit = first_hit(archive, query)
    marked = [hit.source.original[h.start : h.end] for h in hit.source_highlights]
    assert shown in marked


@pytest.mark.parametrize("query", ["restrictions", "Tansiqiya"])
def test_tansiqiya_2024_statement_is_an_english_rendering_without_arabic(archive, query):
    hits = archive.search(query, limit=10).hits
    statement = [
        h
        for h in hits
        if h.rendering and h.rendering.text.startswith("The Iraqi Resistance Coordination is not bound")
    ]
    assert statement and statement[0].kind == "rendering" and statement[0].source is None
    assert str(statement[0].date) == "2024-08-12"


def test_romanized_name_is_resolved_to_arabic_and_said_so(archive):
    result = archive.search("Tansiqiya")
    assert any("التنسيقية" in note for note in result.resolved)


def test_cli_search_json_has_both_sides_and_provenance(built):
    result = run("search", "coordination framework", "--json", index=built)
    assert result.exit_code == 0, result.output
    hit = json.loads(result.output)["hits"][0]
    assert hit["source"]["original"].startswith("ثالثاً")
    assert hit["rendering"]["text"].startswith("thanks and appreciation")
    assert hit["provenance"]["article_title"].startswith("Muqawama Struggle")
    assert hit["provenance"]["article_url"] is None


def test_cli_show_prints_original_text_and_provenance(built, archive):
    pair_id = first_hit(archive, "coordination framework").id
    result = run("show", pair_id, index=built)
    assert result.exit_code == 0, result.output
    assert "الإطار التنسيقي" in result.output and "الاطار" not in result.output.replace("normalized", "")
    assert KH_URL in result.output
    data = json.loads(run("show", pair_id[:9], "--json", index=built).output)
    assert data["provenance"]["figure"] == 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", ""], "empty query"),
        (["search", "?!"], "no words"),
        (["show", "nothing-like-this"], "no record"),
        (["search", "x", "--limit", "0"], "--limit"),
    ],
)
def test_bad_input_gives_one_line_and_exit_2(built, args, message):
    proc = subprocess.run([sys.executable, "-m", "archive", *args], capture_output=True, text=True,
                          env={"ARCHIVE_INDEX": str(built), "PATH": ""})  # fmt: skip
    assert proc.returncode == 2
    assert message in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert "Traceback" not in proc.stderr


def test_missing_index_says_to_build(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "archive", "search", "x", "--index", str(tmp_path / "none")],
                          capture_output=True, text=True)  # fmt: skip
    assert proc.returncode == 2 and "run `archive build` first" in proc.stderr


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("binary.txt", b"abc\x00def", "binary file"),
        ("latin1.txt", "caf\xe9 au lait".encode("latin-1"), "invalid byte 0xe9 at byte offset 3"),
        ("empty.txt", b"  \n", "empty"),
    ],
)
def test_unreadable_capture_is_named_and_the_rest_still_build(corpus, tmp_path, name, content, message):
    shutil.copytree(corpus, tmp_path / "c")
    (tmp_path / "c" / "articles" / name).write_bytes(content)
    result = run("build", corpus=tmp_path / "c", index=tmp_path / "i")
    assert result.exit_code == 2
    assert f"{name}: " in result.stderr and message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "2 articles" in result.output


def test_bad_alias_line_is_reported_with_its_line(corpus, tmp_path):
    shutil.copytree(corpus, tmp_path / "c")
    bad_line = len((tmp_path / "c" / "aliases.jsonl").read_text(encoding="utf-8").splitlines()) + 1
    with open(tmp_path / "c" / "aliases.jsonl", "a") as f:
        f.write('{"kind": "planet", "en": "Mars"}\n')
    result = run("build", corpus=tmp_path / "c", index=tmp_path / "i")
    assert result.exit_code == 2 and f"aliases.jsonl:{bad_line}: kind" in result.stderr
    assert not (tmp_path / "i" / "CURRENT").exists()


def test_rebuild_from_nothing_gives_same_ids_and_results(corpus, tmp_path):
    queries = ["الاطار التنسيقي", "coordination framework", "Tansiqiya", "restrictions", "الله"]

    def snapshot():
        out = run("build", corpus=corpus, index=tmp_path / "index")
        assert out.exit_code == 0, out.output
        return [json.loads(run("search", q, "--json", index=tmp_path / "index").output) for q in queries]

    first = snapshot()
    shutil.rmtree(tmp_path / "index")
    assert snapshot() == first


def test_ingest_json_has_the_documented_shape(corpus):
    result = run("ingest", str(corpus / "articles" / "001_4ebd5f294456587a.txt"), "--json", corpus=corpus)
    data = json.loads(result.output)
    assert set(data) >= {"article", "figures", "sources", "renderings", "pairs"}
    assert len(data["pairs"]) == 2


def test_schema_command_prints_json_schema():
    data = json.loads(run("schema").output)
    assert "SourceText" in data["ingest"]["$defs"] and "Provenance" in data["search"]["$defs"]


def test_missing_camel_tools_says_how_to_install(built):
    blocker = (
        "import sys, importlib.abc\n"
        "class Block(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path, target=None):\n"
        "        if name.split('.')[0] == 'camel_tools':\n"
        "            raise ImportError(name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "sys.argv = ['archive', 'search', 'الاطار', '--index', sys.argv[1]]\n"
        "from archive.cli import main\n"
        "main()\n"
    )
    proc = subprocess.run([sys.executable, "-c", blocker, str(built)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [proc.stderr.strip()]
    assert "camel-tools is not installed" in proc.stderr and "make install" in proc.stderr


def test_html_page_without_an_article_is_refused_by_name(corpus, tmp_path):
    shutil.copytree(corpus, tmp_path / "c")
    page = "<!DOCTYPE html><html><body><nav><a href='/'>Home</a></nav><p>Sign up</p></body></html>"
    (tmp_path / "c" / "articles" / "menu.html").write_text(page)
    result = run("build", corpus=tmp_path / "c", index=tmp_path / "i")
    assert result.exit_code == 2 and "menu.html: no article found" in result.stderr
    assert "2 articles" in result.output


def test_size_limit_is_configurable_and_names_the_file(corpus, tmp_path):
    capture = corpus / "articles" / "001_4ebd5f294456587a.txt"
    result = run("ingest", str(capture), "--max-bytes", "1000", corpus=corpus)
    assert result.exit_code == 2
    assert "001_4ebd5f294456587a.txt" in result.stderr and "1,000-byte limit" in result.stderr
    assert run("ingest", str(capture), "--json", corpus=corpus).exit_code == 0


def test_names_learned_from_articles_reach_search_with_their_line(archive):
    learned = {e.abbr or e.translit: e for e in archive.aliases.entities if e.found_in}
    assert learned["SDF"].found_in == "articles/000_c3d9ed45ed831411.txt:55"
    assert learned["SDF"].en == "Syrian Democratic Forces"
    assert archive.aliases.by_name("SDF") is learned["SDF"]
    # a name the hand-kept store already has is not learned again
    assert "KH" not in learned and archive.aliases.by_name("KH").found_in is None


def test_index_from_another_version_asks_for_a_rebuild(built, tmp_path):
    copy = tmp_path / "index"
    shutil.copytree(built, copy)
    folder = copy / (copy / "CURRENT").read_text().strip()
    (folder / "format").write_text("1\n")
    result = run("search", "x", index=copy)
    assert result.exit_code == 2 and "run `archive build` again" in result.stderr


def test_build_replaces_an_index_from_another_version(built, corpus, tmp_path):
    copy = tmp_path / "index"
    shutil.copytree(built, copy)
    old = copy / (copy / "CURRENT").read_text().strip()
    (old / "format").write_text("1\n")
    assert run("build", index=copy, corpus=corpus).exit_code == 0
    assert not old.exists()
    assert run("search", "coordination framework", index=copy).exit_code == 0


def test_analyze_shows_search_form_stem_and_protection(corpus):
    data = json.loads(run("analyze", "والمقاومة مرجوًّا الله", "--json", corpus=corpus).output)
    assert [(t["original"], t["normalized"], t["stem"], t["protected"]) for t in data] == [
        ("والمقاومة", "والمقاومه", "مقاومه", True),
        ("مرجوًّا", "مرجوا", "مرجوا", False),
        ("الله", "الله", "الله", True),
    ]
