"""The `archive` command: argument parsing and printing only; the work is in the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from pydantic import TypeAdapter
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from archive.errors import ArchiveError
from archive.ingest.capture import DEFAULT_MAX_BYTES
from archive.models import IngestResult, SearchResult

console = Console()
_CORPUS = click.option("--corpus", type=click.Path(path_type=Path), default=Path("corpus"), show_default=True,
                       envvar="ARCHIVE_CORPUS", help="Folder of articles, aliases and decisions.")  # fmt: skip
_MAX_BYTES = click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
                          envvar="ARCHIVE_MAX_BYTES", help="Largest capture file read; larger ones are refused.")  # fmt: skip
_INDEX = click.option("--index", "index_dir", type=click.Path(path_type=Path), default=Path("index"),
                      show_default=True, envvar="ARCHIVE_INDEX", help="Folder of the built index.")  # fmt: skip


def _print_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


class ArchiveGroup(click.Group):
    """Reports a user's mistake (`ArchiveError`) as one line on stderr with exit status 2, the same
    whether the command runs from the shell or from a test runner."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ArchiveError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(2)


@click.group(cls=ArchiveGroup)
@click.version_option(package_name="quote-archive")
def cli() -> None:
    """A bilingual Arabic–English archive of quoted statements, with provenance."""


@cli.command()
@_CORPUS
@_INDEX
@_MAX_BYTES
def build(corpus: Path, index_dir: Path, max_bytes: int) -> None:
    """Ingest every article in the corpus, pair, and rebuild the index from scratch."""
    from archive.build import build as run_build

    with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as progress:  # fmt: skip
        task = progress.add_task("build", total=None)

        def report(step: str, done: int, total: int) -> None:
            progress.update(task, description=step, completed=done, total=total)

        result = run_build(corpus, index_dir, progress=report, max_bytes=max_bytes)
    for error in result.errors:
        click.echo(f"error: {error}", err=True)
    counts = ", ".join(f"{n} {k}" for k, n in result.counts.items())
    click.echo(f"built {index_dir}/: {counts}")
    if result.errors:
        sys.exit(2)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@_CORPUS
@_MAX_BYTES
@click.option("--json", "as_json", is_flag=True, help="Print the records as JSON.")
def ingest(file: Path, corpus: Path, max_bytes: int, as_json: bool) -> None:
    """Show what one article yields, without touching the index."""
    from archive.build import corpus_context
    from archive.ingest import ingest_file

    result = ingest_file(file, corpus_context(corpus, max_bytes))
    if as_json:
        _print_json(result.model_dump(mode="json"))
        return
    from archive.display import print_ingest

    print_ingest(console, result)


@cli.command()
@click.argument("query")
@_INDEX
@click.option("--limit", default=10, show_default=True, help="How many hits to show.")
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON.")
def search(query: str, index_dir: Path, limit: int, as_json: bool) -> None:
    """Search in Arabic, English or romanized Arabic (the script is detected)."""
    from archive.search import Archive

    with Archive(index_dir) as archive:
        result = archive.search(query, limit=limit)
    if as_json:
        _print_json(result.model_dump(mode="json"))
        return
    from archive.display import print_search

    print_search(console, result)


@cli.command()
@click.argument("record_id", metavar="ID")
@_INDEX
@click.option("--json", "as_json", is_flag=True, help="Print the record and its provenance as JSON.")
def show(record_id: str, index_dir: Path, as_json: bool) -> None:
    """One record (pair, source, rendering, figure or article) with its full provenance."""
    from archive.display import print_record, record_view
    from archive.search import Archive

    with Archive(index_dir) as archive:
        view = record_view(archive, record_id)
    if as_json:
        _print_json(view)
        return
    print_record(console, view)


@cli.command()
@click.argument("text")
@_CORPUS
@click.option("--json", "as_json", is_flag=True, help="Print the tokens as JSON.")
def analyze(text: str, corpus: Path, as_json: bool) -> None:
    """Show how the archive reads TEXT: each word's span, search form and stem.

    Translators use it to see why a word did or did not match. Names in the alias store are
    protected: they lose attached particles but never a suffix.
    """
    from archive.analysis_view import analyze_text, print_analysis

    tokens = analyze_text(text, corpus)
    if as_json:
        _print_json(tokens)
        return
    print_analysis(console, text, tokens)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the records (`ingest --json`) and of search results."""
    _print_json(
        {
            "ingest": TypeAdapter(IngestResult).json_schema(),
            "search": TypeAdapter(SearchResult).json_schema(),
        }
    )


def main() -> None:
    cli.main(prog_name="archive")
