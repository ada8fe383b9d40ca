#!/usr/bin/env bash
# Times etika against deon, side by side, on the same job: print the
# built-in checklist as Markdown.
#
#   etika checklist show ai-ethics --format markdown   (release build)
#   deon -f markdown                                   (deon from PyPI)
#
# Installs deon in a virtual environment under the target folder (once),
# builds etika in release mode, and times both with hyperfine (installed
# with apt-get when missing and possible; otherwise a timing loop of this
# script's own). Prints both medians and how many times faster etika is,
# and, beside them, `etika --version` and `true`: deon's time over a
# program that does nothing is the most any command can be faster here.
# Not part of .ci/run: it needs PyPI, and timings need a quiet machine.
#
#   bash bench/compare-deon.sh            # RUNS=200 by default
#   RUNS=500 bash bench/compare-deon.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
runs=${RUNS:-200}
work=$target/bench-deon
mkdir -p "$work"

echo "building etika (release)..." >&2
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
etika=$target/release/etika

venv=$work/venv
if [ ! -x "$venv/bin/deon" ]; then
    echo "installing deon into $venv..." >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check deon
fi
deon=$venv/bin/deon

# Both must do the job before their times mean anything.
"$etika" checklist show ai-ethics --format markdown | grep -q '^# ' || {
    echo "etika printed no checklist" >&2
    exit 1
}
"$deon" -f markdown | grep -q '^# ' || {
    echo "deon printed no checklist" >&2
    exit 1
}

etika_cmd=("$etika" checklist show ai-ethics --format markdown)
deon_cmd=("$deon" -f markdown)

if ! command -v hyperfine >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing hyperfine..." >&2
    apt-get install -y -qq hyperfine >/dev/null 2>&1 ||
        { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq hyperfine >/dev/null 2>&1; } || true
fi

# Median wall time in seconds of a command, run $2 times, stdout discarded.
median_of() {
    local runs=$1
    shift
    local times=()
    for _ in $(seq "$runs"); do
        local start end
        start=$(date +%s%N)
        "$@" >/dev/null
        end=$(date +%s%N)
        times+=($((end - start)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.6f\n", m / 1e9}'
}

if command -v hyperfine >/dev/null; then
    # -N: no shell in between, so etika's millisecond is not a shell's.
    # deon takes a tenth of a second a run: a tenth of the runs say as much.
    hyperfine -N --warmup 10 --runs "$runs" --export-json "$work/etika.json" \
        --command-name etika "${etika_cmd[*]}" >&2
    hyperfine -N --warmup 3 --runs $(((runs + 9) / 10)) --export-json "$work/deon.json" \
        --command-name deon "${deon_cmd[*]}" >&2
    # What no program can go under here: starting one that does nothing.
    # deon's time over it is the most any command could be faster.
    hyperfine -N --warmup 10 --runs "$runs" --export-json "$work/true.json" \
        --command-name true "$(command -v true)" >&2
    hyperfine -N --warmup 10 --runs "$runs" --export-json "$work/version.json" \
        --command-name version "$etika --version" >&2
    median() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$1"; }
    etika_s=$(median "$work/etika.json")
    deon_s=$(median "$work/deon.json")
    true_s=$(median "$work/true.json")
    version_s=$(median "$work/version.json")
    tool=hyperfine
else
    echo "hyperfine is not installed: timing with a shell loop (adds a fork and date calls to each run)" >&2
    "${etika_cmd[@]}" >/dev/null
    "${deon_cmd[@]}" >/dev/null
    etika_s=$(median_of "$runs" "${etika_cmd[@]}")
    deon_s=$(median_of $(((runs + 9) / 10)) "${deon_cmd[@]}")
    true_s=$(median_of "$runs" "$(command -v true)")
    version_s=$(median_of "$runs" "$etika" --version)
    tool="shell loop"
fi

awk -v e="$etika_s" -v d="$deon_s" -v t="$true_s" -v v="$version_s" -v tool="$tool" 'BEGIN {
    printf "\n| command | median |\n|---|---:|\n"
    printf "| `etika checklist show ai-ethics --format markdown` | %.2f ms |\n", e * 1000
    printf "| `deon -f markdown` | %.1f ms |\n", d * 1000
    printf "| `etika --version` (etika starting) | %.2f ms |\n", v * 1000
    printf "| `true` (a program that does nothing) | %.2f ms |\n", t * 1000
    printf "\netika is %.0fx faster than deon (median over median, %s)\n", d / e, tool
    printf "deon over etika --version: %.0fx; deon over true: %.0fx, the most any command could be here\n", d / v, d / t
}'
