"""Helpers shared by the gridwatch notebooks.

sql(name, params) runs the saved query notebooks/queries/<name>.sql through
`./gridwatch sql --format csv` (from the repository root, on the lake named by the
GRIDWATCH_LAKE environment variable, default `lake` = the one `./gridwatch demo` builds) and
returns a pandas DataFrame; use_cjk_font() points matplotlib at a Chinese font from Debian's
fonts-noto-cjk so titles and labels do not render as boxes.
"""

import io
import os
import subprocess
import sys
from pathlib import Path

import matplotlib
import pandas as pd
from matplotlib import font_manager

# Debian's fonts-noto-cjk ships .ttc collections; matplotlib < 3.10 only sees the first face
# of a collection, which is the JP one (it has every simplified Chinese glyph).
CJK_FONTS = ["Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Serif CJK SC", "Noto Serif CJK JP"]

# columns that look numeric or date-like but are identifiers / labels
TEXT_COLUMNS = ["month", "next_month", "split_month", "unit", "worker_id", "grid_id"]


def repo_root() -> Path:
    """The repository root: the nearest folder (from the working directory up) with ./gridwatch."""
    here = Path.cwd().resolve()
    for d in [here, *here.parents]:
        if (d / "gridwatch").is_file() and (d / "notebooks" / "queries").is_dir():
            return d
    raise RuntimeError(f"not inside the gridwatch repository: {here}")


ROOT = repo_root()
LAKE = os.environ.get("GRIDWATCH_LAKE", "lake")


def sql(name: str, params: dict | None = None) -> pd.DataFrame:
    """Runs notebooks/queries/<name>.sql with --param k=v for each non-empty value; a DataFrame."""
    query = ROOT / "notebooks" / "queries" / f"{name}.sql"
    if not query.is_file():
        raise FileNotFoundError(query)
    cmd = [str(ROOT / "gridwatch"), "sql", "--lake", LAKE, "--format", "csv", "--file", str(query)]
    for k, v in (params or {}).items():
        if v not in (None, ""):
            cmd += ["--param", f"{k}={v}"]
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    if run.returncode != 0:
        tail = "\n".join(run.stderr.strip().splitlines()[-5:])
        raise RuntimeError(f"gridwatch sql {name} failed (exit {run.returncode}):\n{tail}")
    df = pd.read_csv(io.StringIO(run.stdout), dtype={c: str for c in TEXT_COLUMNS})
    print(f"{name}: {len(df)} rows 行 ({' '.join(cmd[1:])})")
    return df


def use_cjk_font() -> str:
    """Sets matplotlib's font family to the first installed CJK font of CJK_FONTS; returns it."""
    def installed():
        return {f.name for f in font_manager.fontManager.ttflist}

    names = installed()
    if not any(n in names for n in CJK_FONTS):
        # the font cache may predate `apt-get install fonts-noto-cjk`: add the files directly
        for path in font_manager.findSystemFonts():
            if "NotoSansCJK" in path or "NotoSerifCJK" in path:
                font_manager.fontManager.addfont(path)
        names = installed()
    for name in CJK_FONTS:
        if name in names:
            matplotlib.rcParams["font.family"] = "sans-serif"
            matplotlib.rcParams["font.sans-serif"] = [name, "DejaVu Sans"]
            matplotlib.rcParams["axes.unicode_minus"] = False
            matplotlib.rcParams["figure.dpi"] = 100
            return name
    raise RuntimeError("no CJK font for matplotlib: install Debian's fonts-noto-cjk")


def describe_environment() -> None:
    """Prints the Python, pandas, matplotlib, font and lake in use (a record for the reader)."""
    print(f"python {sys.executable} {sys.version.split()[0]}")
    print(f"pandas {pd.__version__}, matplotlib {matplotlib.__version__}")
    print(f"font {matplotlib.rcParams['font.sans-serif'][0]}")
    print(f"lake {LAKE} (GRIDWATCH_LAKE), repository {ROOT}")
