"""Names typed in Latin letters, in spellings the alias store does not have, still reach Arabic."""

import pytest

from archive.aliases import load_aliases, roman_key, skeleton
from tests.conftest import REPO

STORE = load_aliases(REPO / "corpus" / "aliases.jsonl")

# Every organization and person of the reference names, each in two spellings found in the wild
# that the store does not list.
SPELLINGS = [
    ("Kataib Hezbollah", "Kataeb Hizbullah"),
    ("Kataib Hezbollah", "Katayib Hizballah"),
    ("Kataib Sayyid al-Shuhada", "Kataib Sayed al-Shuhadaa"),
    ("Kataib Sayyid al-Shuhada", "Kata'ib Sayyed ash-Shuhada"),
    ("Asaib Ahl al-Haq", "Asaib Ahl al Haqq"),
    ("Asaib Ahl al-Haq", "Asa'ib Ahl al-Haqq"),
    ("Ashab al-Kahf", "Ashab al Kahaf"),
    ("Ashab al-Kahf", "As'hab al-Kehf"),
    ("Harakat Hezbollah al-Nujaba", "Harakat Hizbollah al-Nujaba"),
    ("Harakat Hezbollah al-Nujaba", "Harakat Hizballah an-Nujabaa"),
    ("Badr Organization", "Badr Organisation"),
    ("Badr Organization", "Munazzamat Badr"),
    ("Fatah Alliance", "Fateh Alliance"),
    ("Fatah Alliance", "Fath Alliance"),
    ("Iraqi Resistance Coordination Committee", "Tansiqiyya"),
    ("Iraqi Resistance Coordination Committee", "al-Haya al-Tansiqiyya lil-Muqawama al-Iraqiyya"),
    ("Shia Coordination Framework", "al-Itar al-Tansiqi al-Shii"),
    ("Shia Coordination Framework", "Shiite Coordination Framework"),
    ("The Islamic Resistance in Iraq", "Islamic Resistance of Iraq"),
    ("The Islamic Resistance in Iraq", "al-Muqawama al-Islamiya fil-Iraq"),
    ("Popular Mobilization Forces", "Popular Mobilisation Forces"),
    ("Popular Mobilization Forces", "Popular Mobilization Force"),
    ("Lebanese Hezbollah", "Lebanese Hizballah"),
    ("Lebanese Hezbollah", "Lebanese Hizbullah"),
    ("Abu Ali al-Askari", "Abu Ali al-Askary"),
    ("Abu Ali al-Askari", "Abou Ali al-Askari"),
    ("Abu Ala al-Walai", "Abu Alaa al-Walaei"),
    ("Abu Ala al-Walai", "Abu Ala'a al-Wala'i"),
    ("Akram al-Kaabi", "Akram al-Ka'bi"),
    ("Akram al-Kaabi", "Akram al-Kaebi"),
    ("Kadhim al-Fartousi", "Kazem al-Fartusi"),
    ("Kadhim al-Fartousi", "Kadhem al-Fartoosi"),
    ("Falih al-Fayyadh", "Faleh al-Fayadh"),
    ("Falih al-Fayyadh", "Falih al-Fayyad"),
    ("Abu Fadak al-Mohammadawi", "Abu Fadak al-Muhammadawi"),
    ("Abu Fadak al-Mohammadawi", "Abu Fadak al-Mohamadawi"),
    ("Qais al-Khazali", "Khazaali"),
    ("Qais al-Khazali", "Qays al-Khaz'ali"),
    ("Qasim al-Araji", "Qassim al-Aaraji"),
    ("Qasim al-Araji", "Kassem al-Araji"),
    ("Hadi al-Ameri", "Hadi al-Amiri"),
    ("Hadi al-Ameri", "Hadi al-Amri"),
    ("Muhammad al-Kawtharani", "Mohammed al-Kawthrani"),
    ("Muhammad al-Kawtharani", "Muhammad Kawtharani"),
    ("Ismail Haniyeh", "Ismail Haniya"),
    ("Ismail Haniyeh", "Isma'il Haniyya"),
]


@pytest.mark.parametrize(("name", "spelling"), SPELLINGS)
def test_unlisted_spelling_resolves_to_the_entity_and_its_arabic(name, spelling):
    entity = STORE.by_name(name)
    assert entity is not None and entity.ar
    assert spelling.casefold() not in {n.casefold() for e in STORE.entities for n in e.latin_names}
    resolved = STORE.resolve(spelling)
    assert [r.entity.en for r in resolved] == [entity.en], spelling


def test_every_organization_and_person_is_covered_twice():
    covered = {name for name, _ in SPELLINGS}
    wanted = {e.en for e in STORE.entities if e.kind in ("organization", "person")}
    assert wanted <= covered


@pytest.mark.parametrize(
    ("a", "b"),
    [("Kataib", "Kata'ib"), ("Kataib", "Kataeb"), ("Hezbollah", "Hizbullah"), ("Haq", "Haqq"), ("Qais", "Kais"),
     ("Tansiqiya", "Tansiqiyah"), ("Khazali", "Khazaali"), ("Sayyid", "Sayed")],
)  # fmt: skip
def test_skeleton_merges_spellings_of_one_word(a, b):
    assert skeleton(a) == skeleton(b)


def test_article_and_hyphens_do_not_matter():
    assert roman_key("Asaib Ahl al-Haq") == roman_key("Asaib Ahl al Haqq") == roman_key("Asaib Ahl Haq")


@pytest.mark.parametrize(
    "word", ["restrictions", "statement", "coordination", "brothers", "Hamdi Malik", "KSA"]
)
def test_ordinary_words_resolve_to_no_name(word):
    assert [r for r in STORE.resolve(word) if not r.exact] == []
