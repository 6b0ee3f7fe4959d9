import sys

import pytest

from claimweave.annotate.lang import detect


def test_import_is_cheap() -> None:
    import claimweave.annotate.lang  # noqa: F401

    assert "claimweave.annotate.lang" in sys.modules


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Watching the live feed from the front line tonight, heavy shelling again #Idlib", "en"),
        ("Encore des frappes cette nuit sur la vieille ville, les habitants fuient vers le nord", "fr"),
        ("أعلنت وزارة الدفاع عن مقتل عدد من المسلحين في ريف المدينة", "ar"),
        ("Der Konvoi wurde am Morgen an der Grenze aufgehalten", "de"),
        ("@reporter_x thanks, we are checking the numbers with our team https://t.co/abc", "en"),
    ],
)
def test_detect(text: str, code: str) -> None:
    assert detect(text) == code


@pytest.mark.parametrize(
    "text",
    ["#Syria #Aleppo @someone https://example.org/x", "", "ok", "Raqqa", "1/ 2/ 3/", "@a @b #c ok"],
)
def test_too_little_text(text: str) -> None:
    assert detect(text) is None


def test_arabic_shortcut_with_latin_hashtags() -> None:
    assert detect("#Raqqa #Syria قصف عنيف على الأحياء الشرقية") == "ar"


def test_bug_lone_surrogate_crashed_lingua() -> None:
    # Found by the Hypothesis pipeline fuzz: lingua (Rust) refuses a str with a lone surrogate.
    assert detect("killed killed \ud800 people were killed in the town") == "en"
