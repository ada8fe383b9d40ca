#!/usr/bin/env bash
# The run step of the `etika validate` GitHub Action (action.yml at the
# repository root). It is a file of its own so that the tests can run it.
#
# Reads, as action.yml passes them:
#   INPUT_PATHS            files or folders, one per line (a path may contain
#                          spaces; blank lines and the spaces around a line
#                          are ignored; no glob expansion)
#   INPUT_FORMAT           --format of the first run (text|json|github|sarif)
#   INPUT_SARIF            true: also write SARIF to INPUT_SARIF_FILE
#   INPUT_SARIF_FILE       where the SARIF goes
#   INPUT_DENY_WARNINGS    true: --deny-warnings
#   INPUT_REQUIRE_SIGNOFF  true: --require-signoff
#   ETIKA                  the etika binary (default: etika on PATH)
#   GITHUB_OUTPUT          if set, gets exit-code= and sarif-file=
#
# Exits as validate does (0 passed, 1 problems found, 2 unusable input), so
# the step fails when the assessments do; the SARIF is written first, so the
# upload step (if: always()) still has it.
set -euo pipefail

etika=${ETIKA:-etika}

# A workflow command's message, escaped as GitHub's runner expects, so that
# a value quoted in it cannot start a command of its own.
escape() {
  local text=${1//'%'/%25}
  text=${text//$'\r'/%0D}
  printf '%s' "${text//$'\n'/%0A}"
}

fail_input() {
  echo "::error title=etika action::$(escape "$1")"
  exit 2
}

# GitHub passes booleans as strings; anything else is a typo worth stopping on.
flag() {
  local name=$1 value=$2
  # Not ${value,,}: macOS runners may run bash 3.2.
  case "$value" in
    true | True | TRUE) return 0 ;;
    false | False | FALSE | "") return 1 ;;
    *) fail_input "input $name must be true or false, not '$value'" ;;
  esac
}

paths=()
while IFS= read -r line || [[ -n $line ]]; do
  line=${line%$'\r'}
  # Trim the spaces around the path, keep the ones inside it.
  line=${line#"${line%%[![:space:]]*}"}
  line=${line%"${line##*[![:space:]]}"}
  [[ -n $line ]] && paths+=("$line")
done <<<"${INPUT_PATHS-ethics-assessment.yaml}"

options=()
if flag deny-warnings "${INPUT_DENY_WARNINGS:-false}"; then
  options+=(--deny-warnings)
fi
if flag require-signoff "${INPUT_REQUIRE_SIGNOFF:-false}"; then
  options+=(--require-signoff)
fi
sarif=false
if flag sarif "${INPUT_SARIF:-false}"; then
  sarif=true
fi
sarif_file=${INPUT_SARIF_FILE:-etika.sarif}
if [[ $sarif_file == *$'\n'* ]]; then
  fail_input "input sarif-file must be one path"
fi

# ${a[@]+"${a[@]}"}: an empty array under `set -u` in bash 3.2. `--` so
# that a path starting with `-` is a path, not an option.
run_validate() {
  "$etika" validate "$@" ${options[@]+"${options[@]}"} -- ${paths[@]+"${paths[@]}"}
}

status=0
run_validate --format "${INPUT_FORMAT:-github}" || status=$?

if [[ $sarif == true ]]; then
  sarif_status=0
  # validate appends a summary to GITHUB_STEP_SUMMARY; once per step is enough.
  mkdir -p -- "$(dirname -- "$sarif_file")"
  (unset GITHUB_STEP_SUMMARY && run_validate --format sarif) >"$sarif_file" || sarif_status=$?
  if [[ -s $sarif_file ]]; then
    echo "etika: SARIF written to $sarif_file"
    if [[ -n ${GITHUB_OUTPUT:-} ]]; then
      echo "sarif-file=$sarif_file" >>"$GITHUB_OUTPUT"
    fi
  else
    # Nothing to upload: leave no empty file for the upload step to reject.
    rm -f -- "$sarif_file"
    echo "::error title=etika action::no SARIF was written (exit code $sarif_status)"
  fi
  # Both runs read the same files; if only the second one could not, say so.
  if ((sarif_status > status)); then
    status=$sarif_status
  fi
fi

if [[ -n ${GITHUB_OUTPUT:-} ]]; then
  echo "exit-code=$status" >>"$GITHUB_OUTPUT"
fi
exit "$status"
