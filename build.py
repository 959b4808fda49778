"""Klarsprog's entry point: `python build.py [build|check|serve|pdf|new-meeting] ...` (see --help)."""
import gc
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from klarsprog.cli import main  # noqa: E402

if __name__ == "__main__":
    code = main(root=Path(__file__).resolve().parent)
    # Python's last garbage collection at exit would walk everything the command loaded, only to let it
    # go with the process (0.04 s at 2,000 terms); frozen objects are left out of it.
    gc.freeze()
    sys.exit(code)
