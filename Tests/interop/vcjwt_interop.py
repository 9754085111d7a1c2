#!/usr/bin/env python3
"""VC-JWT interop: EmPass against an independent JOSE implementation (joserfc, with `cryptography`
for Ed25519). Both directions: tokens `empass sign --format vc-jwt` makes must verify in joserfc,
with the VC-JOSE-COSE header (alg EdDSA, kid, typ vc+jwt, cty vc) and the credential itself as
payload; tokens joserfc makes must pass `empass verify`; tokens EmPass must refuse (alg none,
HS256, a key in the header, a changed payload, a key that is not the issuer's) must fail it.

Usage: vcjwt_interop.py PATH/TO/empass
"""
import json, os, subprocess, sys, tempfile

import base58
import warnings

warnings.simplefilter("ignore")  # joserfc warns that the HS256 key is short; that token is meant to be bad
from joserfc import jws
from joserfc.jwk import OKPKey, OctKey

EMPASS = sys.argv[1]
WORK = tempfile.mkdtemp(prefix="empass-vcjwt-")
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name}\n     {detail[:800]}")


def run(*args, stdin=None):
    return subprocess.run([EMPASS, *args], input=stdin, capture_output=True, text=True)


def b64url(data: bytes) -> str:
    import base64
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def did_key(raw_public: bytes) -> str:
    return "did:key:z" + base58.b58encode(b"\xed\x01" + raw_public).decode()


def credential(issuer: str) -> dict:
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": "urn:uuid:0d6ae9b8-3f5e-4b0a-9a8e-2f1d6c1c9a11",
        "type": ["VerifiableCredential"],
        "issuer": issuer,
        "validFrom": "2025-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:learner", "name": "Μαρία Παπαδοπούλου"},
    }


def write(name, text):
    path = os.path.join(WORK, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


# 1. EmPass signs, joserfc verifies.
key_file = write("key.json", run("keys", "generate").stdout)
key_pair = json.load(open(key_file))
raw_public = base58.b58decode(key_pair["publicKeyMultibase"][1:])[2:]
issuer = did_key(raw_public)
doc = credential(issuer)
signed = run("sign", write("cred.json", json.dumps(doc, ensure_ascii=False)), "--key", key_file, "--format", "vc-jwt")
token = signed.stdout.strip()
check("empass sign --format vc-jwt prints one compact JWS", signed.returncode == 0 and token.count(".") == 2, signed.stderr)
public_jwk = OKPKey.import_key({"kty": "OKP", "crv": "Ed25519", "x": b64url(raw_public)})
try:
    result = jws.deserialize_compact(token, public_jwk, algorithms=["EdDSA"])
    header, payload = result.protected, json.loads(result.payload)
    check("joserfc verifies the EmPass signature", True)
    check("header is alg EdDSA, kid = did:key VM, typ vc+jwt, cty vc",
          header == {"alg": "EdDSA", "kid": issuer + "#" + key_pair["publicKeyMultibase"], "typ": "vc+jwt", "cty": "vc"}, str(header))
    check("payload is the credential itself (no vc claim)", payload == doc, json.dumps(payload)[:300])
except Exception as error:  # noqa: BLE001 — any refusal is the failure being reported
    check("joserfc verifies the EmPass signature", False, repr(error))
other = OKPKey.generate_key("Ed25519")
try:
    jws.deserialize_compact(token, other, algorithms=["EdDSA"])
    check("joserfc refuses the EmPass token under another key", False, "accepted")
except Exception:  # noqa: BLE001
    check("joserfc refuses the EmPass token under another key", True)
check("empass verify accepts its own token", run("verify", write("own.jwt", token + "\n")).returncode == 0)

# 2. joserfc signs, EmPass verifies.
py_key = OKPKey.generate_key("Ed25519")
py_raw = __import__("base64").urlsafe_b64decode(py_key.as_dict(private=False)["x"] + "==")
py_issuer = did_key(py_raw)
py_kid = py_issuer + "#" + py_issuer[len("did:key:"):]
py_doc = credential(py_issuer)
header = {"alg": "EdDSA", "kid": py_kid, "typ": "vc+jwt", "cty": "vc"}
py_token = jws.serialize_compact(header, json.dumps(py_doc, ensure_ascii=False).encode(), py_key, algorithms=["EdDSA"])
verdict = run("verify", "--json", write("py.jwt", py_token))
check("empass verify accepts a joserfc VC-JWT", verdict.returncode == 0, verdict.stdout + verdict.stderr)
report = json.loads(verdict.stdout)[0]["report"] if verdict.stdout.strip().startswith("[") else {}
check("the --json report lists the Data Integrity check kinds",
      [c["kind"] for c in report.get("checks", [])] == ["parse", "context", "shape", "keyResolution", "proof", "validityPeriod"],
      json.dumps(report)[:600])
envelope = {"@context": "https://www.w3.org/ns/credentials/v2", "id": "data:application/vc+jwt," + py_token,
            "type": "EnvelopedVerifiableCredential"}
check("empass verify accepts it as an EnvelopedVerifiableCredential", run("verify", write("env.json", json.dumps(envelope))).returncode == 0)


# 3. What EmPass must refuse, made by the independent library where it can make it.
def refused(name, text, reason):
    out = run("verify", "--json", write(name + ".jwt", text))
    reasons = [c["reason"] for c in json.loads(out.stdout)[0]["report"]["checks"] if c["status"] == "fail"] if out.stdout.strip() else []
    check(f"empass verify refuses {name} ({reason})", out.returncode != 0 and reason in reasons, out.stdout[:600] + out.stderr)


hmac_key = OctKey.import_key(b64url(py_raw).encode())  # the public key bytes as an HMAC secret
refused("HS256-with-public-key", jws.serialize_compact({"alg": "HS256", "kid": py_kid, "typ": "vc+jwt"},
        json.dumps(py_doc).encode(), hmac_key, algorithms=["HS256"]), "unsupportedAlgorithm")
refused("alg-none", b64url(json.dumps({"alg": "none", "typ": "vc+jwt"}).encode()) + "." + b64url(json.dumps(py_doc).encode()) + ".",
        "unsupportedAlgorithm")
stranger = OKPKey.generate_key("Ed25519")
refused("jwk-header", jws.serialize_compact({"alg": "EdDSA", "kid": py_kid, "typ": "vc+jwt", "jwk": stranger.as_dict(private=False)},
        json.dumps(py_doc).encode(), stranger, algorithms=["EdDSA"]), "embeddedKeyRejected")
h, p, s = py_token.split(".")
changed = dict(py_doc, validFrom="2024-01-01T00:00:00Z")
refused("changed-payload", h + "." + b64url(json.dumps(changed).encode()) + "." + s, "signatureMismatch")
refused("issuer-kid-other-key", jws.serialize_compact(header, json.dumps(py_doc).encode(), stranger, algorithms=["EdDSA"]),
        "signatureMismatch")
stranger_raw = __import__("base64").urlsafe_b64decode(stranger.as_dict(private=False)["x"] + "==")
stranger_did = did_key(stranger_raw)
refused("kid-not-bound-to-issuer", jws.serialize_compact(
    {"alg": "EdDSA", "kid": stranger_did + "#" + stranger_did[len("did:key:"):], "typ": "vc+jwt"},
    json.dumps(py_doc).encode(), stranger, algorithms=["EdDSA"]), "keyNotBoundToIssuer")
refused("expired", jws.serialize_compact(header, json.dumps(dict(py_doc, validUntil="2025-02-01T00:00:00Z")).encode(), py_key,
        algorithms=["EdDSA"]), "expired")

print(f"VC-JWT interop with joserfc: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
