"""Markdown captures as web clippers save them: front matter read as the page's metadata (and never
as text), markdown markup read as a reader sees the page, every character at its file offset."""

from __future__ import annotations

import datetime as dt

import pytest

from archive.build import corpus_context
from archive.ingest import ingest_file
from archive.ingest.capture import strip_markup
from archive.ingest.markdown import front_matter
from tests.conftest import REPO
from tests.mutations import find_violations

CLIP = """---
title: "Walai Draws a Line on the PMF Vote | Tigris Security Review"
source: "https://www.tigris.example/analysis/walai-line"
author:
  - "[[Layla Hamdan]]"
published:
created: 2025-10-09
tags:
  - "clippings"
---
[Skip to main content](#main)

# Walai Draws a Line on the PMF Vote

By [Layla Hamdan](https://www.tigris.example/authors/layla) · October 6, 2025

Five weeks before the election, the leaders of Iraq's armed factions have turned the stalled \
[Popular Mobilization Authority law](https://www.tigris.example/pmf) into a test of loyalty for their partners.

## The post

On Saturday, Kataib Sayyid al-Shuhada leader Abu Ala al-Walai published a short post on X:

> الحشد الشعبي ليس ورقة تفاوض بيد أحد، ومن يساوم على قانونه في الغرف المغلقة سيجد الشارع مفتوحاً أمامه.
>
> — أبو آلاء الولائي (@AbuAlaa\\_alwalae) [October 4, 2025](https://x.com/AbuAlaa_alwalae/status/1)

The post translates as: "The Popular Mobilization is not a bargaining card in anyone's hand, and whoever \
haggles over its law in closed rooms will find the street open before him."

A day later, the Iraqi Resistance Coordination Committee issued a statement on Telegram (Figure 1).

![Statement of the committee](https://www.tigris.example/media/tansiqiya.jpg)

_Figure 1: Statement of the Iraqi Resistance Coordination Committee, October 5, 2025._

The statement reads in part:

> The Popular Mobilization Authority law is a national entitlement that no party may postpone or bargain \
over, and we hold anyone who obstructs it responsible before the families of the martyrs.

**Layla Hamdan** is a senior analyst at the Tigris Security Review.
"""


@pytest.fixture(scope="module")
def ctx():
    return corpus_context(REPO / "corpus", embedder=None)


@pytest.fixture(scope="module")
def clipped(tmp_path_factory, ctx):
    path = tmp_path_factory.mktemp("md") / "walai.md"
    path.write_text(CLIP, encoding="utf-8")
    return path, ingest_file(path, ctx)


def test_front_matter_is_the_page_s_metadata_and_its_created_date_is_when_it_was_saved(clipped):
    _, result = clipped
    article = result.article
    assert article.title == "Walai Draws a Line on the PMF Vote"  # the page's headline, not the site's title
    assert article.url == "https://www.tigris.example/analysis/walai-line"
    assert article.authors == ["Layla Hamdan"]
    assert article.date == dt.date(2025, 10, 6)  # the byline's day; 'created' is the clip's
    assert article.accessed == dt.date(2025, 10, 9)
    assert article.publisher == "Tigris Security Review"
    assert result.warnings == []


def test_markdown_quotes_links_and_figures_are_read_as_the_page_shows_them(clipped):
    path, result = clipped
    arabic = [s for s in result.sources]
    assert len(arabic) == 1 and arabic[0].original.startswith("الحشد الشعبي ليس")  # no '> ' marker
    def rendering(start: str):
        return next(r for r in result.renderings if r.text.startswith(start))

    post = rendering("The Popular Mobilization is not")
    assert (post.speaker, post.channel, str(post.date)) == ("Abu Ala al-Walai", "X", "2025-10-04")
    statement = rendering("The Popular Mobilization Authority")
    assert (statement.speaker, statement.figure, str(statement.date)) == (
        "Iraqi Resistance Coordination Committee", 1, "2025-10-05")  # fmt: skip
    assert not any(r.text.startswith("—") for r in result.renderings)  # the embed's signature line
    (figure,) = result.figures
    assert figure.image_url == "https://www.tigris.example/media/tansiqiya.jpg"
    assert not find_violations(path, result)


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("By [Layla Hamdan](https://x.example/a) · October 6", "By Layla Hamdan · October 6"),
        ("## The post", "The post"),
        ("> > nested quote", "nested quote"),
        ("[![Logo](https://x.example/logo.svg)](https://x.example/)", ""),
        ("![alt text](https://x.example/a.jpg \"a title\")", ""),
        ("_Figure 1: Statement, October 5, 2025._", "Figure 1: Statement, October 5, 2025."),
        ("**Layla Hamdan** is an __analyst__", "Layla Hamdan is an analyst"),
        ("the handle @AbuAlaa\\_alwalae and \\*stars\\*", "the handle @AbuAlaa_alwalae and *stars*"),
        ("snake_case_words and https://x.com/a_b_c stay", "snake_case_words and https://x.com/a_b_c stay"),
        ("[word \\(https://example.org/x\\)](#) the older copy format", "word the older copy format"),
    ],
)
def test_markdown_markup_is_not_text_and_every_kept_character_is_at_its_offset(line, text):
    mapped = strip_markup(line, 100)
    assert mapped.text == text
    assert all(line[o - 100] == c for c, o in zip(mapped.text, mapped.offsets))


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("---\ntitle: A Title\nsource: https://x.example/a\n---\nbody", {"title": "A Title", "url": "https://x.example/a"}),
        ("---\ntitle: Story of a Week | Site Name\ndate: 2024-02-01\n---\n", {"title": "Story of a Week", "publisher": "Site Name",
                                                                     "date": dt.date(2024, 2, 1)}),  # fmt: skip
        ("---\njust a rule line\n---\ntext", None),  # no mapping inside: a rule, not front matter
        ("text first\n---\ntitle: x\n---\n", None),
    ],
)
def test_front_matter_is_only_a_mapping_at_the_very_top(head, expected):
    matter = front_matter(head)
    assert (matter.meta if matter is not None else None) == expected


def test_front_matter_that_is_not_yaml_is_reported_and_read_as_no_metadata(tmp_path, ctx):
    path = tmp_path / "bad.md"
    path.write_text(CLIP.replace("tags:\n", "tags: [unclosed\n", 1), encoding="utf-8")
    result = ingest_file(path, ctx)
    assert any(str(path) in w and "front matter is not valid YAML" in w for w in result.warnings)
    assert result.article.url is None and result.article.title == "Walai Draws a Line on the PMF Vote"
