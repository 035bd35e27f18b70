#!/usr/bin/env bash
# tst_cli_docs: the man page and the bash completion of litehouse-cli know
# every command, action, option and option value that `litehouse-cli --help`
# lists, and the completion offers them where they apply.
# Usage: tst_cli_docs.sh LITEHOUSE_CLI PACKAGING_DIR
set -uo pipefail
cli=$1 pkg=$2
completion=$pkg/completion/litehouse-cli
man=$(sed 's/\\-/-/g' "$pkg/man/litehouse-cli.1.in")
failed=0 passed=0
check() { # check WHAT CONDITION...
  local what=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $what"; failed=$((failed + 1)); fi
}

help=$("$cli" --help) || { echo "FAIL: $cli --help"; exit 1; }
# Commands: the first word of each synopsis line; actions: the second word of
# "  history list", "  maintain backup"; everything of the form a|b|c; options.
words=$( {
  sed -nE 's/^  ([a-z-]+).*/\1/p' <<<"$help"
  sed -nE 's/^  (history|maintain|migrate) ([a-z-]+) .*/\2/p' <<<"$help"
  grep -oE '[a-z0-9-]+(\|[a-z0-9-]+)+' <<<"$help" | tr '|' '\n'
  grep -oE -- '--[a-z][a-z-]*' <<<"$help"
} | sort -u)
[ "$(wc -l <<<"$words")" -ge 40 ] || { echo "FAIL: parsed only $(wc -l <<<"$words") words from --help"; exit 1; }
for w in $words; do
  check "completion lacks $w" grep -qwe "$w" "$completion"
  check "man page lacks $w" grep -qwe "$w" <<<"$man"
done

# The completion, run as bash runs it.
# shellcheck source=/dev/null
source "$completion"
offers() { # offers "WORD..." EXPECTED: the candidates for the last word
  local expected=$2
  read -r -a COMP_WORDS <<<"litehouse-cli $1"
  [[ -z $1 || $1 == *' ' ]] && COMP_WORDS+=("")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  _litehouse_cli
  check "completion of '$1': got '${COMPREPLY[*]}', want '$expected'" [ "${COMPREPLY[*]}" = "$expected" ]
}
offers "" "query migrate maintain history import dump"
offers "--" "--history --no-history --help --version"
offers "--no-history ma" "maintain"
offers "migrate " "status up down validate"
offers "migrate status x.db --" "--dir --json --allow-changed --allow-out-of-order --lock-timeout"
offers "maintain checkpoint x.db --mode " "passive full restart truncate"
offers "maintain backup x.db --" "--json --force"
offers "maintain integrity x.db --" "--json --max-errors"
offers "history export --format " "json csv txt"
offers "history export --mode u" "update"
offers "--history h.db history list --" "--limit --search"
offers "query x.db 'SELECT 1' --format " "table csv json"
offers "import x.db f.csv --format " "csv tsv json"
offers "import x.db f.csv --encoding utf" "utf-8 utf-16"
offers "import x.db f.csv --match " "name position"
offers "import x.db f.csv --type sku=in" "sku=integer"
offers "import x.db f.csv --no-header --e" "--existing --encoding --empty-text-null"
offers "dump x.db --" "--out"

if command -v man >/dev/null; then
  page=$(mktemp)
  sed 's/@PROJECT_VERSION@/0/' "$pkg/man/litehouse-cli.1.in" >"$page"
  warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null)
  check "man reports: $warnings" [ -z "$warnings" ]
  rm -f "$page"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
