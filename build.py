"""Klarsprog's entry point: `python build.py [build|check|serve|pdf|new-meeting] ...` (see --help)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from klarsprog.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(root=Path(__file__).resolve().parent))
