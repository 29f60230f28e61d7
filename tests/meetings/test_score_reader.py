"""benchmarks/score_reader.py writes what extract_notice --json prints, for any annotated folder."""

import json
import subprocess
import sys
from pathlib import Path

from meetings.reader import read_notice

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "directives" / "demo" / "notices"

# A stand-in scorer: it proves the script wrote one prediction per document, read as the command reads.
SCORER = """
import json, sys
from pathlib import Path
gold, pred = Path(sys.argv[1]), Path(sys.argv[2])
for txt in sorted(gold.glob("*.txt")):
    data = json.loads((pred / (txt.stem + ".json")).read_text())
    print(txt.stem, len(data["tasks"]), data["number"] or "-")
"""


def test_score_reader_predicts_every_document_of_a_folder(tmp_path):
    scorer = tmp_path / "score.py"
    scorer.write_text(SCORER)
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "score_reader.py"), str(SEEDS), "--scorer", str(scorer)],
        capture_output=True,
        text=True,
        check=True,
    )
    counts = {line.split()[0]: int(line.split()[1]) for line in done.stdout.splitlines() if line.strip()}
    assert set(counts) == {txt.stem for txt in SEEDS.glob("*.txt")}
    for stem, count in counts.items():
        gold = len(json.loads((SEEDS / f"{stem}.json").read_text())["tasks"])
        assert count == len(read_notice((SEEDS / f"{stem}.txt").read_text()).tasks), stem
        assert abs(count - gold) <= 1, stem  # NOTES.md argues the one extra task of seed 004
