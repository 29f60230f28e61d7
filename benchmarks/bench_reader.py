"""How fast the notice reader reads: the four seeds, and 10 KB / 100 KB / 1 MB notices built by
repeating the seeds' conclusions under one header. Prints a table; asserts nothing.

    python benchmarks/bench_reader.py [--repeat N] [--directory]

Figures are medians over the repeats: wall-clock milliseconds, and the process CPU time (which
stays meaningful when other work shares the machine).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agencies.directory import AgencyDirectory, DirectoryEntry  # noqa: E402
from meetings.reader import read_notice  # noqa: E402

SEEDS = ROOT / "directives" / "demo" / "notices"

# A small directory in the shape the product builds from its database (only to measure the
# cost of resolving names; the agencies are the seeds' own).
_DIRECTORY = [
    DirectoryEntry(1, "Sở Y tế", ("Ngành Y tế",)),
    DirectoryEntry(2, "Sở Tài nguyên và Môi trường", ("Sở TN&MT",)),
    DirectoryEntry(3, "Sở Thông tin và Truyền thông", ("Sở TT&TT", "Sở TTTT")),
    DirectoryEntry(4, "Sở Nội vụ"),
    DirectoryEntry(5, "Sở Công Thương"),
    DirectoryEntry(6, "Sở Nông nghiệp và Phát triển nông thôn", ("Sở NN&PTNT",)),
    DirectoryEntry(7, "Sở Lao động - Thương binh và Xã hội", ("Sở LĐ-TB&XH",)),
    DirectoryEntry(8, "Ban Quản lý các Khu công nghiệp", ("Ban Quản lý Khu công nghiệp tỉnh",)),
    DirectoryEntry(9, "Bộ Chỉ huy Quân sự tỉnh", ("Bộ CHQS tỉnh",)),
    DirectoryEntry(10, "Sở Giáo dục và Đào tạo", ("Sở GD&ĐT",)),
    DirectoryEntry(11, "Sở Tài chính"),
    DirectoryEntry(12, "Sở Giao thông vận tải", ("Sở GTVT",)),
    DirectoryEntry(100, "UBND các huyện, thành phố", ("UBND huyện, thành phố",), is_group=True),
]


def _seed_texts() -> dict[str, str]:
    return {path.stem[:3]: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))}


def _built(texts: dict[str, str], size: int) -> str:
    """A notice of about `size` characters: seed 000's header, every seed's conclusions
    repeated, seed 000's closing and signature."""
    first = texts["000"]
    header, rest = first.split("\n1. ", 1)
    footer = "\n\nTrên đây" + rest.split("\n\nTrên đây", 1)[1]
    bodies = []
    for text in texts.values():
        start = text.find("\n1. ")
        stop = text.find("\nTrên đây") if "\nTrên đây" in text else text.find("Nơi nhận")
        bodies.append(text[start:stop].strip())
    chunk = "\n\n".join(bodies)
    parts, length, n = [], len(header) + len(footer), 0
    while length < size:
        parts.append(chunk)
        length += len(chunk) + 2
        n += 1
    body = "\n\n".join(parts)[: max(0, size - len(header) - len(footer))]
    return f"{header}\n{body}{footer}"


def _measure(text: str, repeat: int, directory: AgencyDirectory | None) -> tuple[float, float, int]:
    walls, cpus, tasks = [], [], 0
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        draft = read_notice(text, directory=directory)
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
        tasks = len(draft.tasks)
    return statistics.median(walls), statistics.median(cpus), tasks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="repeats per input (1 MB: a third of it)")
    parser.add_argument("--directory", action="store_true", help="resolve names through a small directory")
    args = parser.parse_args()
    directory = AgencyDirectory(_DIRECTORY) if args.directory else None

    texts = _seed_texts()
    cases = [(f"seed {name}", text) for name, text in texts.items()]
    cases += [
        (label, _built(texts, size)) for label, size in (("10 KB", 10_000), ("100 KB", 100_000), ("1 MB", 1_000_000))
    ]

    print(f"{'input':<10} {'chars':>9} {'tasks':>6} {'median ms':>10} {'cpu ms':>8}")
    for label, text in cases:
        repeat = max(3, args.repeat // 3) if len(text) > 500_000 else args.repeat
        wall, cpu, tasks = _measure(text, repeat, directory)
        print(f"{label:<10} {len(text):>9} {tasks:>6} {wall:>10.1f} {cpu:>8.1f}")


if __name__ == "__main__":
    main()
