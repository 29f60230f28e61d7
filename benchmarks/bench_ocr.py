"""How well and how fast scanned notices are read: each document's text is typeset on A4 pages,
rasterised, and read back by the product's OCR (Tesseract, Vietnamese model) as:

- `300`: an image-only PDF scanned at 300 dpi;
- `150`: the same at 150 dpi (a quick office scan);
- `photo`: each page as a phone photo (200 dpi, turned 1.2°, grainy, soft, JPEG).

For each it prints the seconds per page (wall clock, and the CPU time Tesseract and pdftoppm
used, which stays meaningful on a busy machine), the character error rate of the OCR text
against the original (whitespace collapsed on both sides), and the reader's who+when F1 on the
original text and on the OCR text, scored as the dev-notices scorer scores `extract_notice
--json` (names as written, no directory). Asserts nothing.

    python benchmarks/bench_ocr.py [--seeds DIR] [--dev DIR] [--limit N] [--variants 300,150,photo]

--dev defaults to ../shared/dev-notices beside the repository (its score.py does the scoring);
--limit reads only the first N documents of the dev set (OCR takes seconds per page; 0: seeds only).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import os
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()
logging.getLogger("fontTools").setLevel(logging.WARNING)  # fpdf2 subsetting the font, per document

from rapidfuzz.distance import Levenshtein  # noqa: E402

from benchmarks import scans  # noqa: E402
from directives.management.commands.extract_notice import draft_json  # noqa: E402
from directives.notices.importing.ocr import clean_ocr_pages  # noqa: E402
from directives.notices.importing.scan import read_page  # noqa: E402
from meetings.reader import NotANoticeError, read_notice  # noqa: E402

VARIANTS = ("300", "150", "photo")


@dataclass
class Score:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, other: Score) -> None:
        self.tp, self.pred, self.gold = self.tp + other.tp, self.pred + other.pred, self.gold + other.gold

    @property
    def f1(self) -> float:
        p = self.tp / self.pred if self.pred else (1.0 if not self.gold else 0.0)
        r = self.tp / self.gold if self.gold else 1.0
        return 2 * p * r / (p + r) if p + r else 0.0


def _scorer(dev: Path):
    spec = importlib.util.spec_from_file_location("dev_notices_score", dev / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _score(scorer, text: str, gold: dict) -> Score:
    try:
        tasks = draft_json(read_notice(text))["tasks"]
    except NotANoticeError:
        tasks = []
    golds = gold.get("tasks") or []
    return Score(scorer.match(tasks, golds, text, strict=True), len(tasks), len(golds))


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _ocr(variant: str, text: str) -> tuple[str, int, float, float]:
    """(OCR text, pages, wall seconds, child CPU seconds) of the document read as `variant`."""
    pdf = scans.text_pdf(text)
    if variant == "photo":
        inputs = [("image", scans.phone_photo(image, seed=i)) for i, image in enumerate(scans.page_images(pdf, 200))]
        pages = [(kind, data, 1) for kind, data in inputs]
    else:
        dpi = int(variant)
        images = scans.page_images(pdf, dpi)
        scan = scans.image_only_pdf(images, dpi)
        pages = [("pdf", scan, n) for n in range(1, len(images) + 1)]
    wall, cpu = time.perf_counter(), _children_cpu()
    texts = [read_page("bench", kind, data, number) for kind, data, number in pages]
    return clean_ocr_pages(texts), len(pages), time.perf_counter() - wall, _children_cpu() - cpu


def _cer(reference: str, hypothesis: str) -> tuple[int, int]:
    reference, hypothesis = " ".join(reference.split()), " ".join(hypothesis.split())
    return Levenshtein.distance(reference, hypothesis), len(reference)


def _documents(seeds: Path, dev: Path | None, limit: int | None) -> list[tuple[str, Path]]:
    documents = [(f"seed {p.stem[:3]}", p) for p in sorted(seeds.glob("*.txt"))]
    if dev is not None:
        documents += [(f"dev {p.stem}", p) for p in sorted(dev.glob("*.txt"))[:limit]]
    return documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=ROOT / "directives" / "demo" / "notices")
    parser.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "dev-notices")
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents of the dev set")
    parser.add_argument("--variants", default=",".join(VARIANTS))
    args = parser.parse_args()
    variants = [v for v in args.variants.split(",") if v]
    if not (args.dev / "score.py").exists():
        sys.exit(f"No dev set with its score.py at {args.dev}: pass --dev DIR (--limit 0 reads the seeds only).")
    scorer, dev = _scorer(args.dev), args.dev

    columns = ("pages", 5), ("s/page", 7), ("cpu/page", 8), ("CER", 7), ("F1 orig", 7), ("F1 OCR", 7)
    header = f"{'document':<12} {'variant':>7} " + " ".join(f"{name:>{width}}" for name, width in columns)
    print(header)
    print("-" * len(header))
    totals = {
        v: {"pages": 0, "wall": 0.0, "cpu": 0.0, "edits": 0, "chars": 0, "orig": Score(), "ocr": Score()}
        for v in variants
    }
    for label, path in _documents(args.seeds, dev, args.limit):
        text = path.read_text(encoding="utf-8")
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        original = _score(scorer, text, gold)
        for variant in variants:
            ocr_text, pages, wall, cpu = _ocr(variant, text)
            edits, chars = _cer(text, ocr_text)
            read = _score(scorer, ocr_text, gold)
            total = totals[variant]
            total["pages"] += pages
            total["wall"] += wall
            total["cpu"] += cpu
            total["edits"] += edits
            total["chars"] += chars
            total["orig"].add(original)
            total["ocr"].add(read)
            print(
                f"{label:<12} {variant:>7} {pages:>5} {wall / pages:>7.1f} {cpu / pages:>8.1f} "
                f"{edits / max(chars, 1):>7.2%} {original.f1:>7.2f} {read.f1:>7.2f}",
                flush=True,
            )
    print("-" * len(header))
    for variant, total in totals.items():
        pages = max(total["pages"], 1)
        print(
            f"{'all':<12} {variant:>7} {total['pages']:>5} {total['wall'] / pages:>7.1f} {total['cpu'] / pages:>8.1f} "
            f"{total['edits'] / max(total['chars'], 1):>7.2%} {total['orig'].f1:>7.2f} {total['ocr'].f1:>7.2f}"
        )


if __name__ == "__main__":
    main()
