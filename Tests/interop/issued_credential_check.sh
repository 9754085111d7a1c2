#!/usr/bin/env bash
# Checks credentials issued by EmPass's IssuanceService outside Swift:
#  - the OB 3.0 AchievementCredential JSON Schema (../shared/conformance, python jsonschema);
#  - the independent pyld + PyNaCl verifier (../shared/peers/pyld_eddsa.py verify), for the
#    eddsa-rdfc-2022 samples, and that a changed value fails it.
# The peer loads contexts only from a conformance folder; it is run from a scratch copy of that
# folder (links to the shared files) that adds the EmPass v1 context, which our credentials name.
# Run after `swift build --build-tests`. Prints "issued: N passed, M failed".
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
SHARED="$ROOT/../shared"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

source "$ROOT/Tests/interop/check.sh"

SAMPLES="$WORK/samples"
if ! EMPASS_ISSUED_SAMPLES_DIR="$SAMPLES" swift test --skip-build --filter IssuedCredentialSamples >"$WORK/swift.txt" 2>&1 \
   || [ ! -f "$SAMPLES/rdfc-didweb-two-status.json" ]; then
    cat "$WORK/swift.txt" | tail -20
    echo "issued: 0 passed, 1 failed"; exit 1
fi

# A conformance folder the peer can use: the shared files, plus the EmPass context in its README table.
CONF="$WORK/conformance"
mkdir -p "$CONF/jsonld-contexts" "$WORK/peers"
for entry in "$SHARED/conformance"/*; do
    [ "$(basename "$entry")" = jsonld-contexts ] || [ "$(basename "$entry")" = README.md ] || ln -s "$entry" "$CONF/"
done
ln -s "$SHARED/conformance/jsonld-contexts"/* "$CONF/jsonld-contexts/"
cp Sources/Catalogue/Resources/contexts/empass-v1.jsonld "$CONF/jsonld-contexts/empass-v1.jsonld"
cp "$SHARED/conformance/README.md" "$CONF/README.md"
echo "| empass-v1.jsonld | https://empass.eu/contexts/v1 | EmPass (this repository) |" >>"$CONF/README.md"
ln -s "$SHARED/peers/pyld_eddsa.py" "$WORK/peers/pyld_eddsa.py"
PEER="$WORK/peers/pyld_eddsa.py"

SCHEMA="$SHARED/conformance/ob3-examples/schema/ob_v3p0_achievementcredential_schema.json"
validate='
import json, sys
from jsonschema import Draft201909Validator
schema = json.load(open(sys.argv[1])); doc = json.load(open(sys.argv[2]))
if len(sys.argv) > 3 and sys.argv[3] == "status-array":
    # VC 2.0 allows several credentialStatus entries; OB 3.0 JSON Schema allows one object.
    # Check each entry against the schema'"'"'s own CredentialStatus definition instead.
    statuses = doc.pop("credentialStatus")
    assert isinstance(statuses, list) and len(statuses) == 2, "expected two status entries"
    status_schema = dict(schema["$defs"]["CredentialStatus"]); status_schema["$defs"] = schema["$defs"]
    for s in statuses:
        errors = list(Draft201909Validator(status_schema).iter_errors(s))
        for e in errors: print("credentialStatus:", e.message)
        assert not errors
errors = sorted(Draft201909Validator(schema).iter_errors(doc), key=lambda e: list(e.path))
for e in errors: print("/".join(map(str, e.path)), e.message)
sys.exit(1 if errors else 0)'
tamper='
import json, sys
doc = json.load(open(sys.argv[1]))
doc["credentialSubject"]["result"][0]["value"] = "4" if doc["credentialSubject"]["result"][0]["value"] != "4" else "1"
json.dump(doc, open(sys.argv[2], "w"), indent=2)'

check "revocation-only credential: OB 3.0 JSON Schema, unchanged" 0 python3 -c "$validate" "$SCHEMA" "$SAMPLES/rdfc-didweb-revocation-only.json"
check "did:key credential with a named learner: OB 3.0 JSON Schema" 0 python3 -c "$validate" "$SCHEMA" "$SAMPLES/rdfc-didkey-named.json" status-array
check "two-status credential: OB 3.0 JSON Schema (each status entry against CredentialStatus)" 0 \
    python3 -c "$validate" "$SCHEMA" "$SAMPLES/rdfc-didweb-two-status.json" status-array
check "eddsa-jcs-2022 credential: OB 3.0 JSON Schema" 0 python3 -c "$validate" "$SCHEMA" "$SAMPLES/jcs-didweb.json" status-array
check "practical-only credential (no θ, rubric evidence): OB 3.0 JSON Schema" 0 \
    python3 -c "$validate" "$SCHEMA" "$SAMPLES/rdfc-didweb-practical.json" status-array
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); del d["credentialSubject"]["achievement"]["criteria"]; json.dump(d, open(sys.argv[2], "w"))' \
    "$SAMPLES/rdfc-didweb-revocation-only.json" "$WORK/no-criteria.json"
check "a credential whose Achievement lacks criteria fails the schema" nonzero python3 -c "$validate" "$SCHEMA" "$WORK/no-criteria.json"
for sample in rdfc-didweb-two-status rdfc-didweb-revocation-only rdfc-didkey-named rdfc-didweb-practical; do
    check "$sample: verified by pyld" 0 python3 "$PEER" verify "$SAMPLES/$sample.json"
    python3 -c "$tamper" "$SAMPLES/$sample.json" "$WORK/$sample-tampered.json"
    check "$sample: a changed result fails pyld" nonzero python3 "$PEER" verify "$WORK/$sample-tampered.json"
done

echo "issued: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
