"""Write every Python example of README.md to its own module in a directory (for mypy --strict)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def examples(text: str) -> list[str]:
    """The ```python blocks, as tests/test_readme.py reads them."""
    return re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    for i, code in enumerate(examples(README.read_text(encoding="utf-8"))):
        (out / f"readme_example_{i:02d}.py").write_text(code, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
