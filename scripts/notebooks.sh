#!/usr/bin/env bash
# Executes every analyst notebook (notebooks/*.ipynb) headless on the sample lake, with Debian's
# python3 and a kernel that runs Debian's python3 too (not whatever python3 comes first on PATH).
#
#   scripts/notebooks.sh    installs (as root, when missing) Debian's python3, pandas, matplotlib,
#                           nbconvert, ipykernel and fonts-noto-cjk; builds target/notebooks/lake
#                           from data/sample when missing or older than the sample; executes each
#                           notebook into target/notebooks/; fails on any cell error, on a notebook
#                           without a figure, or on a font warning (Chinese glyphs as boxes);
#                           writes every figure as target/notebooks/<notebook>-<n>.png
#   GRIDWATCH_LAKE=DIR scripts/notebooks.sh    uses that analysed lake instead of the sample's
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/target/notebooks"
PY=/usr/bin/python3
KERNEL=gridwatch-debian-python3
start=$(date +%s)
mkdir -p "$OUT"

# --- Debian packages -------------------------------------------------------------------------
pkgs=(python3 python3-pandas python3-matplotlib python3-nbconvert jupyter-nbconvert
  python3-ipykernel fonts-noto-cjk)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ "$(id -u)" != 0 ]]; then
    echo "notebooks.sh: missing Debian packages (run as root to install): ${missing[*]}" >&2
    exit 1
  fi
  echo "notebooks.sh: installing ${missing[*]} (apt-get)" >&2
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    apt-get update -qq >/dev/null
    apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

# --- the lake ----------------------------------------------------------------------------------
if [[ -n "${GRIDWATCH_LAKE:-}" ]]; then
  lake="$(cd "$GRIDWATCH_LAKE" && pwd)"
else
  lake="$OUT/lake"
  if [[ ! -f "$lake/.sample-built" || -n "$(find data/sample -newer "$lake/.sample-built" -print -quit)" ]]; then
    echo "    building the sample lake $lake (ingest + analyze data/sample)"
    rm -rf "$lake"
    ./gridwatch ingest --source data/sample --lake "$lake" >"$OUT/lake-ingest.log" 2>&1 \
      || { tail -20 "$OUT/lake-ingest.log"; exit 1; }
    ./gridwatch analyze --lake "$lake" >"$OUT/lake-analyze.log" 2>&1 \
      || { tail -20 "$OUT/lake-analyze.log"; exit 1; }
    touch "$lake/.sample-built"
  fi
fi
[[ -d "$lake/marts/grid_month" ]] || { echo "notebooks.sh: $lake is not an analysed lake" >&2; exit 1; }

# --- a kernelspec under our control: Debian's python3 --------------------------------------------
mkdir -p "$OUT/jupyter/kernels/$KERNEL"
cat >"$OUT/jupyter/kernels/$KERNEL/kernel.json" <<EOF
{"argv": ["$PY", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
 "display_name": "Python 3 (Debian)", "language": "python"}
EOF

# --- execute ---------------------------------------------------------------------------------------
fail=0
for nb in notebooks/*.ipynb; do
  t0=$(date +%s)
  if env -u PYTHONPATH -u PYTHONHOME JUPYTER_PATH="$OUT/jupyter" GRIDWATCH_LAKE="$lake" \
      "$PY" -m jupyter nbconvert --to notebook --execute --output-dir "$OUT" \
      --ExecutePreprocessor.kernel_name="$KERNEL" --ExecutePreprocessor.timeout=900 \
      "$nb" >"$OUT/$(basename "$nb" .ipynb).log" 2>&1; then
    echo "  ok   $nb ($(($(date +%s) - t0))s)"
  else
    fail=1
    echo "  FAIL $nb"
    tail -40 "$OUT/$(basename "$nb" .ipynb).log"
  fi
done
((fail == 0)) || exit 1

# --- check the executed notebooks; write their figures as PNG --------------------------------------
env -u PYTHONPATH -u PYTHONHOME "$PY" - "$OUT" notebooks/*.ipynb <<'EOF'
import base64, sys
from pathlib import Path
import nbformat

out, names, bad = Path(sys.argv[1]), sys.argv[2:], []
for name in names:
    nb = nbformat.read(out / Path(name).name, as_version=4)
    figures, texts = [], []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            if "image/png" in o.get("data", {}):
                figures.append(o["data"]["image/png"])
            texts.append(o.get("text", "") + str(o.get("data", {}).get("text/plain", "")))
    text = "\n".join(texts)
    stem = Path(name).stem
    if not figures:
        bad.append(f"{name}: no figure")
    if "missing from current font" in text or "findfont:" in text:
        bad.append(f"{name}: font warning (Chinese glyphs would render as boxes)")
    if "python /usr/bin/python3 " not in text:
        bad.append(f"{name}: the kernel did not run Debian's /usr/bin/python3")
    for i, png in enumerate(figures, 1):
        (out / f"{stem}-{i}.png").write_bytes(base64.b64decode(png))
    print(f"       {stem}: {len(figures)} figure(s) → {out}/{stem}-*.png")
if bad:
    print("\n".join("  FAIL " + b for b in bad))
    sys.exit(1)
EOF
echo "notebooks: ${#pkgs[@]} packages present, every notebook executed in $(($(date +%s) - start))s"
