#!/usr/bin/env bash
# The one test command (README and .ci/run call this). Builds once, runs the interop and
# side-by-side checks that need the built `empass` binary, then the Swift test suites.
# PostgreSQL contract tests run when EMPASS_TEST_POSTGRES_URL is set.
set -euo pipefail
cd "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

swift build --build-tests
swift test --skip-build
