# Sourced by the interop scripts: `check NAME EXPECTED_STATUS(0|nonzero) COMMAND...` runs COMMAND,
# counts it in $passed or $failed, and prints its output when it did not end as expected.
# Needs $WORK (a scratch folder) set by the caller.
passed=0
failed=0
check() {
    local name="$1" expect="$2"; shift 2
    "$@" >"$WORK/out.txt" 2>&1
    local status=$?
    if { [ "$expect" = 0 ] && [ $status -eq 0 ]; } || { [ "$expect" = nonzero ] && [ $status -ne 0 ]; }; then
        passed=$((passed + 1)); echo "ok   $name"
    else
        failed=$((failed + 1)); echo "FAIL $name (exit $status, expected $expect)"; sed 's/^/     /' "$WORK/out.txt" | head -20
    fi
}
