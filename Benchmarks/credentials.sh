#!/usr/bin/env bash
# Credential sign/verify benchmark: `empass bench` (release build) next to the pyld + PyNaCl
# reference on the same file in the same run, both pinned to one core. Not a test: prints figures.
# Usage: Benchmarks/credentials.sh [EMPASS_ITERATIONS] [REFERENCE_ITERATIONS]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
FILE="${FILE:-$ROOT/../shared/conformance/ob3-examples/validator-ob30/complete.json}"
N="${1:-2000}"
PY_N="${2:-50}"
PIN=""
command -v taskset >/dev/null && PIN="taskset -c 0"

swift build -c release --product empass >&2
BIN="$(swift build -c release --show-bin-path)/empass"

ours="$($PIN "$BIN" bench --file "$FILE" --iterations "$N")"
echo "$ours"
echo
theirs="$($PIN python3 "$ROOT/../shared/peers/pyld_eddsa.py" bench "$FILE" "$PY_N")"
echo "$theirs"
echo

# "sign: X ms, verify: Y ms" and "…: sign A ms, verify B ms (n=…)"
read -r our_sign our_verify < <(sed -n 's/^sign: \([0-9.]*\) ms, verify: \([0-9.]*\) ms$/\1 \2/p' <<<"$ours")
read -r ref_sign ref_verify < <(sed -n 's/.*: sign \([0-9.]*\) ms, verify \([0-9.]*\) ms.*/\1 \2/p' <<<"$theirs")

printf '%-8s %14s %18s %10s %8s\n' "op" "empass ms/op" "pyld+pynacl ms/op" "speed-up" "target"
for op in sign verify; do
    o="our_$op"; r="ref_$op"
    awk -v op="$op" -v o="${!o}" -v r="${!r}" 'BEGIN {
        ratio = r / o; ok = (o <= 0.5 && ratio >= 100) ? "met" : "MISSED"
        printf "%-8s %14.4f %18.2f %9.0fx %8s\n", op, o, r, ratio, ok }'
done
