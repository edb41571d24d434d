"""The Arabic analysis: variant spellings meet, and every token's span slices the original."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.arabic import light_stem, normalize, ocr_evidence, tokenize


def norms(text):
    return [t.norm for t in tokenize(text)]


@pytest.mark.parametrize(
    ("variant", "standard"),
    [
        ("الإطار", "الاطار"),  # hamza on alef
        ("أدوا", "ادوا"),
        ("آلاء", "الاء"),
        ("مرجوًّا", "مرجوا"),  # tanween and shadda
        ("الإطــــار", "الاطار"),  # tatweel
        ("تخریب", "تخريب"),  # Persian yeh U+06CC
        ("کتائب", "كتائب"),  # Persian keheh
        ("التنسيقية", "التنسيقيه"),  # teh marbuta
        ("على", "علي"),  # alef maksura
        ("ﺍﻟﻤﻘﺎﻭﻣﺔ", "المقاومه"),  # presentation forms
        ("ﻻ", "لا"),  # lam-alef ligature
        ("٢٠٢١", "2021"),  # Arabic-Indic digits
        ("و↑ارات", "وارات"),  # a symbol OCR left inside a word
        ("بِسْمِ", "بسم"),
    ],
)
def test_variant_spellings_share_one_search_form(variant, standard):
    assert norms(variant) == [standard]


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("وتخريب", "تخريب"),
        ("الاطار", "اطار"),
        ("للاخوه", "اخوه"),
        ("والمقاومه", "مقاومه"),
        ("الله", "الله"),
        ("وفد", "وفد"),
    ],
)
def test_light_stem_strips_attached_particles_but_keeps_short_words(word, stem):
    assert light_stem(word) == stem


@pytest.mark.parametrize(
    ("latin", "folded"),
    [("Kata'ib", "kataib"), ("Ḥizballāh", "hizballah"), ("KH’s", "kh"), ("TANSIQIYA", "tansiqiya")],
)
def test_latin_names_fold_case_accents_and_apostrophes(latin, folded):
    assert norms(latin) == [folded]


def test_mixed_text_keeps_latin_letters_that_arclean_would_delete():
    assert norms("Ḥizballāh حزب الله") == ["hizballah", "حزب", "الله"]


def test_ocr_evidence_names_stray_symbols_and_persian_letters():
    evidence = ocr_evidence("و↑ارات وتخریب")
    assert any("stray symbol" in e for e in evidence)
    assert any("U+06CC" in e for e in evidence)
    assert ocr_evidence("الشكر والتقدير") == []


arabic_text = st.text(
    alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى ًٌٍَُِّْـیکۀ٠١٢ ،.↑ﻻﺍabcḤā'’ -")),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(arabic_text)
def test_every_token_span_slices_the_original_to_its_surface(text):
    for token in tokenize(text):
        assert text[token.start : token.end] == token.surface


@settings(max_examples=300, deadline=None)
@given(arabic_text)
def test_normalization_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once
    assert [t.norm for t in tokenize(once)] == [t.norm for t in tokenize(text)]
