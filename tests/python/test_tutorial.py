"""docs/python.md runs as written and type-checks, so the tutorial cannot go stale."""
import os
import re
import subprocess
import sys

import pytest

SOURCE = os.environ.get("OMS_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))


def tutorial() -> str:
    with open(os.path.join(SOURCE, "docs", "python.md"), encoding="utf-8") as f:
        text = f.read()
    marked = text[text.index("<!-- tutorial: begin -->"):text.index("<!-- tutorial: end -->")]
    blocks = re.findall(r"```python\n(.*?)```", marked, re.S)
    assert len(blocks) >= 5, "the tutorial's Python blocks were not found"
    return "\n".join(blocks)


@pytest.fixture
def script(tmp_path) -> str:
    path = tmp_path / "tutorial.py"
    path.write_text(tutorial(), encoding="utf-8")
    return str(path)


def test_the_tutorial_runs_from_start_to_end(script: str, tmp_path) -> None:
    pytest.importorskip("pandas")
    run = subprocess.run([sys.executable, script], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "lines: quantity: a float is binary floating point" in run.stdout
    assert "20 8" in run.stdout
    assert (tmp_path / "tea.db").exists() and (tmp_path / "orders.csv").exists()


def test_the_tutorial_type_checks(script: str, tmp_path) -> None:
    pytest.importorskip("mypy")
    run = subprocess.run([sys.executable, "-m", "mypy", "--check-untyped-defs", "--cache-dir",
                          str(tmp_path / "mypy-cache"), script], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
