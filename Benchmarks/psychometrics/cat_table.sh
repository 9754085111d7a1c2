#!/usr/bin/env bash
# Runs `empass simulate-cat` over selection rules, exposure control and seeds on one bank and prints a
# Markdown table (the README's simulate-cat table). usage: cat_table.sh PARAMS.json [EMPASS] [SEEDS]
set -euo pipefail
params=$1
empass=${2:-.build/release/empass}
seeds=${3:-"1 2 3"}
sh_seeds=${SH_SEEDS:-1}   # Sympson–Hetter rows calibrate first (15 × 1,000 persons): fewer seeds
row() {  # label, then simulate-cat arguments
  local label=$1; shift
  local use=$seeds
  case "$*" in *max-exposure*) use=${SH_SEEDS:-$sh_seeds} ;; esac
  for seed in $use; do
    "$empass" simulate-cat --params "$params" --persons 1000 --se 0.4 --seed "$seed" "$@" --json |
      python3 -c '
import json, sys
r = json.load(sys.stdin)
mx = max(s["maxItems"] for s in r["skills"])
reached = sum(s["reachedTarget"] for s in r["skills"]) / len(r["skills"])
m, e, b, x, o = r["meanItemsPerSkill"], r["rmse"], r["bias"], r["maxExposure"], r["meanOverlap"]
print(f"| `{sys.argv[1]}` | {sys.argv[2]} | {m:.2f} | {mx} | {e:.3f} | {b:+.3f} | {x:.3f} | {o:.3f} | {reached:.3f} |")
' "$label" "$seed"
  done
}
echo "| configuration | seed | mean items/skill | max | RMSE | bias | max exposure | overlap | reached SE |"
echo "|---|---|---|---|---|---|---|---|---|"
row "--selection mfi" --selection mfi
row "--selection mpwi" --selection mpwi
row "--selection mepv" --selection mepv
row "--randomesque 3" --randomesque 3
SH_SEEDS="1 2" row "--max-exposure 0.45" --max-exposure 0.45
row "--selection mfi --max-exposure 0.45" --selection mfi --max-exposure 0.45
row "--max-exposure 0.35 --sh-rounds 10 --sh-margin 0.045" --max-exposure 0.35 --sh-rounds 10 --sh-margin 0.045
row "--max-exposure 0.25 --sh-rounds 10 --sh-margin 0.041" --max-exposure 0.25 --sh-rounds 10 --sh-margin 0.041
