"""Score the notice reader on a folder of annotated documents (NN.txt + NN.json).

    python benchmarks/score_reader.py DIR [--scorer PATH] [--keep PREDDIR]

Each .txt is read exactly as `manage.py extract_notice FILE --json` reads it with an empty
directory (names as written): the command's own file reading and JSON, called in-process so
a folder takes seconds rather than a Django start-up per file. The predictions are written
to a temporary folder (or PREDDIR) and the annotation folder's scorer is run on them; its
table is printed as it comes. The scorer is `--scorer PATH`, else `DIR/score.py`: this script
computes no figure of its own, so the printed figures are the scorer's.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _predict(txt: Path) -> dict:
    """What `extract_notice txt --json` prints with an empty directory; {} when it refuses."""
    from directives.management.commands.extract_notice import draft_json
    from directives.notices.importing.files import ImportFileError, text_from_path
    from meetings.reader import NotANoticeError, read_notice

    try:
        return draft_json(read_notice(text_from_path(txt), directory=None))
    except (ImportFileError, NotANoticeError):
        return {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path, help="folder of NN.txt and their annotations NN.json")
    parser.add_argument("--scorer", type=Path, help="the scorer (default: DIR/score.py)")
    parser.add_argument("--keep", type=Path, help="write the predictions here instead of a temporary folder")
    args = parser.parse_args(argv)

    scorer = args.scorer or args.dir / "score.py"
    if not scorer.exists():
        parser.error(f"no scorer: {scorer} does not exist (give --scorer PATH)")
    # Only imports are needed (no database is opened), so the test settings, which need no secret.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()

    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        for txt in sorted(args.dir.glob("*.txt")):
            data = _predict(txt)
            (out / f"{txt.stem}.json").write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        done = subprocess.run([sys.executable, str(scorer), str(args.dir), str(out)], check=False)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
