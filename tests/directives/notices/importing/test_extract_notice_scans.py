"""`manage.py extract_notice` on scans: an image-only 300-dpi PDF of each seed notice, read by
the real Tesseract, scores who+when F1 ≥ 0.90 with the dev-notices scorer (names as written, an
empty directory, as its README runs it); a photo is read the same way; progress goes to stderr.
"""

import importlib.util
import io
import json
import os
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from benchmarks import scans
from directives.demo.notices import SEEDS
from tests.conftest import _service_missing
from tests.directives.notices.importing.scans import photo_of_notice

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[4]
DEV_NOTICES = Path(os.environ.get("DEV_NOTICES_DIR", ROOT.parent / "shared" / "dev-notices"))


@pytest.fixture(scope="module")
def scorer():
    path = DEV_NOTICES / "score.py"
    if not path.exists():
        _service_missing(f"the dev-notices scorer at {path} (set DEV_NOTICES_DIR)")
    spec = importlib.util.spec_from_file_location("dev_notices_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _extract(path: Path, *options) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("extract_notice", str(path), *options, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize("seed", SEEDS, ids=lambda s: s.stem[:3])
def test_an_image_only_pdf_of_each_seed_scores_who_and_when_f1_of_at_least_0_90(seed, scorer, tmp_path):
    path = tmp_path / f"{seed.stem}.pdf"
    path.write_bytes(scans.scanned_pdf(seed.text, 300))
    out, err = _extract(path, "--json")
    printed = json.loads(out)
    golds = seed.annotation["tasks"]
    text = seed.text  # as score.py does: the annotation's text
    matched = scorer.match(printed["tasks"], golds, text, strict=True)
    _, _, f1 = scorer.prf(matched, len(printed["tasks"]), len(golds))
    assert f1 >= 0.90, (seed.stem, matched, len(printed["tasks"]), len(golds))
    pages = err.count("Nhận dạng chữ (OCR):") - 1
    assert pages >= 2 and f"Nhận dạng chữ (OCR): {pages}/{pages} trang" in err


def test_a_photo_is_read_and_its_tasks_printed(tmp_path):
    path = tmp_path / "anh-chup.jpg"
    path.write_bytes(photo_of_notice())
    out, err = _extract(path)
    assert "Nhiệm vụ (2):" in out and "Thời hạn: 30/06/2021" in out and "Thời hạn: 15/07/2021" in out
    assert "Nhận dạng chữ (OCR): 1/1 trang" in err


def test_where_tesseract_is_missing_the_command_says_what_to_install(settings, tmp_path):
    settings.OCR_TESSERACT_CMD = "tesseract-not-installed-here"
    path = tmp_path / "anh-chup.jpg"
    path.write_bytes(photo_of_notice())
    with pytest.raises(CommandError, match="apt-get install tesseract-ocr tesseract-ocr-vie poppler-utils"):
        _extract(path)
