#!/usr/bin/env bash
# Interop between `empass` and the independent pyld + PyNaCl reference (../shared/peers/pyld_eddsa.py):
# each side verifies the other's eddsa-rdfc-2022 credentials, both agree on canonical N-Quads, and a
# tampered copy fails on both sides. Run after `swift build` (set EMPASS=path to use another binary).
# Prints "interop: N passed, M failed" and exits non-zero when anything failed.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
EMPASS="${EMPASS:-$(swift build --show-bin-path 2>/dev/null)/empass}"
PEER="$ROOT/../shared/peers/pyld_eddsa.py"
SAMPLES="$ROOT/../shared/conformance/ob3-examples/validator-ob30"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

source "$ROOT/Tests/interop/check.sh"

if [ ! -x "$EMPASS" ] || [ ! -f "$PEER" ]; then
    echo "missing $EMPASS or $PEER"; echo "interop: 0 passed, 1 failed"; exit 1
fi

"$EMPASS" keys generate >"$WORK/key.json" || { echo "interop: 0 passed, 1 failed"; exit 1; }
DID="did:key:$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["publicKeyMultibase"])' "$WORK/key.json")"

# Python helpers: prepare an unsigned copy whose issuer is the did:key, sign with the reference,
# and change one value.
py() { python3 - "$@"; }
prepare='
import json, sys
doc = json.load(open(sys.argv[1])); doc.pop("proof", None)
if isinstance(doc.get("issuer"), dict): doc["issuer"]["id"] = sys.argv[2]
else: doc["issuer"] = sys.argv[2]
json.dump(doc, open(sys.argv[3], "w"), indent=2)'
reference_sign='
import json, sys, base58
sys.path.insert(0, sys.argv[1])
import pyld_eddsa as ref
key = json.load(open(sys.argv[2]))
seed = ref.multikey_priv(key["secretKeyMultibase"])
pk = key["publicKeyMultibase"]
doc = json.load(open(sys.argv[3]))
json.dump(ref.sign(doc, seed, "did:key:%s#%s" % (pk, pk), "2024-01-01T00:00:00Z"), open(sys.argv[4], "w"), indent=2)'
tamper='
import json, sys
doc = json.load(open(sys.argv[1]))
doc["name"] = doc.get("name", "") + " (changed)"
json.dump(doc, open(sys.argv[2], "w"), indent=2)'

for sample in simple.json complete.json endorsement-valid.json; do
    base="$WORK/${sample%.json}"
    py "$SAMPLES/$sample" "$DID" "$base-unsigned.json" <<<"$prepare"
    "$EMPASS" sign "$base-unsigned.json" --key "$WORK/key.json" >"$base-ours.json"
    py "$(dirname "$PEER")" "$WORK/key.json" "$base-unsigned.json" "$base-theirs.json" <<<"$reference_sign"
    py "$base-ours.json" "$base-ours-tampered.json" <<<"$tamper"
    py "$base-theirs.json" "$base-theirs-tampered.json" <<<"$tamper"
    "$EMPASS" canonicalize "$base-unsigned.json" >"$base-ours.nq"
    python3 "$PEER" canon "$base-unsigned.json" >"$base-theirs.nq"

    check "$sample: canonical N-Quads agree" 0 cmp "$base-ours.nq" "$base-theirs.nq"
    check "$sample: signed by empass, verified by pyld" 0 python3 "$PEER" verify "$base-ours.json"
    check "$sample: signed by empass, verified by empass" 0 "$EMPASS" verify "$base-ours.json"
    check "$sample: signed by pyld, verified by empass" 0 "$EMPASS" verify "$base-theirs.json"
    check "$sample: tampered empass credential fails pyld" nonzero python3 "$PEER" verify "$base-ours-tampered.json"
    check "$sample: tampered empass credential fails empass" nonzero "$EMPASS" verify "$base-ours-tampered.json"
    check "$sample: tampered pyld credential fails pyld" nonzero python3 "$PEER" verify "$base-theirs-tampered.json"
    check "$sample: tampered pyld credential fails empass" nonzero "$EMPASS" verify "$base-theirs-tampered.json"
done

# Documents chosen to stress the N-degree step: two identical eleven-property proofs in blank graphs.
for fixture in "$(dirname "${BASH_SOURCE[0]}")"/fixtures/*.json; do
    name="$(basename "$fixture")"
    "$EMPASS" canonicalize "$fixture" >"$WORK/$name-ours.nq"
    python3 "$PEER" canon "$fixture" >"$WORK/$name-theirs.nq"
    check "fixtures/$name: canonical N-Quads agree" 0 cmp "$WORK/$name-ours.nq" "$WORK/$name-theirs.nq"
done

echo "interop: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
