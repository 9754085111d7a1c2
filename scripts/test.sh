#!/usr/bin/env bash
# The one test command (README and .ci/run call this). Builds once, runs the checks that need the
# built `empass` binary and Python peers (pyld interop, the small mirt/girth comparison), then the Swift test suites last so their
# summary closes the output. PostgreSQL contract tests run when EMPASS_TEST_POSTGRES_URL is set.
set -euo pipefail
cd "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

swift build --build-tests

echo "== interop with the pyld reference"
bash Tests/interop/pyld_interop.sh

echo "== issued credentials: OB 3.0 JSON Schema and the pyld reference"
bash Tests/interop/issued_credential_check.sh

echo "== VC-JWT interop with joserfc (an independent JOSE implementation)"
python3 Tests/interop/vcjwt_interop.py "$(swift build --show-bin-path)/empass"

echo "== issuance survives a SIGKILL of empass serve mid-burst (SQLite; PostgreSQL when EMPASS_TEST_POSTGRES_URL is set)"
python3 Tests/interop/crash_issuance.py "$(swift build --show-bin-path)/empass"

echo "== psychometrics side by side with mirt and girth (small)"
python3 Benchmarks/psychometrics/compare.py --small --empass "$(swift build --show-bin-path)/empass"

echo "== Swift test suites"
swift test --skip-build
