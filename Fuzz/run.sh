#!/usr/bin/env bash
# Builds the libFuzzer targets (ASan + libFuzzer instrumentation) and runs each for a bounded time.
#   Fuzz/run.sh [seconds-per-target]      (default 60)
# Seeds come from ../shared/conformance next to the package root; findings (crash-*, timeout-*)
# land in Fuzz/findings/. Exit status is non-zero if any target crashes or times out.
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_PER_TARGET="${1:-60}"
CONFORMANCE="$(cd .. && pwd)/../shared/conformance"
FLAGS=(-c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)

swift build "${FLAGS[@]}"
BIN="$(swift build "${FLAGS[@]}" --show-bin-path)"

# Fresh seed corpora from the conformance files (generated, not committed).
rm -rf seeds && mkdir -p seeds/json seeds/nquads corpus/json corpus/nquads corpus/jsonld findings
if [ -d "$CONFORMANCE" ]; then
    find "$CONFORMANCE" -type f \( -name '*.json' -o -name '*.jsonld' \) -size -64k -print0 \
        | xargs -0 -I{} sh -c 'cp "$1" "seeds/json/$(echo "$1" | sha1sum | cut -c1-16).json"' _ {}
    find "$CONFORMANCE" -type f -name '*.nq' -size -64k -print0 \
        | xargs -0 -I{} sh -c 'cp "$1" "seeds/nquads/$(echo "$1" | sha1sum | cut -c1-16).nq"' _ {}
else
    echo "warning: $CONFORMANCE not found; fuzzing without seeds" >&2
fi

status=0
for target in FuzzJSON FuzzNQuads FuzzJSONLD; do
    case "$target" in
        FuzzJSON) corpus=corpus/json; seeds=seeds/json ;;
        FuzzNQuads) corpus=corpus/nquads; seeds=seeds/nquads ;;
        FuzzJSONLD) corpus=corpus/jsonld; seeds=seeds/json ;;
    esac
    echo "== $target for ${SECONDS_PER_TARGET}s (seeds: $(ls "$seeds" | wc -l))"
    if ! "$BIN/$target" "$corpus" "$seeds" \
        -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -max_len=65536 -rss_limit_mb=4096 \
        -artifact_prefix=findings/"$target"- -print_final_stats=1; then
        echo "!! $target found a crash or timeout (see Fuzz/findings/)" >&2
        status=1
    fi
done
exit $status
