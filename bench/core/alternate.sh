#!/bin/sh
# Runs one workload of two builds of litehouse-bench-core in turn, N times
# each (A, B, A, B, ...), so that a change of the machine's load hits both
# alike. Prints, per run: the binary, Litehouse/raw, QSQLITE/raw.
#   bench/core/alternate.sh /tmp/before /tmp/after W4p 4
# WORKLOAD may be a list (W2,W2p): all run, the last one is reported, so
# that one can be measured after the others, as in a full run.
set -eu
[ $# -eq 4 ] || { echo "usage: $0 BIN_A BIN_B WORKLOAD RUNS" >&2; exit 2; }
a=$1 b=$2 w=$3 n=$4
i=0
while [ "$i" -lt "$n" ]; do
    for bin in "$a" "$b"; do
        line=$("$bin" --runs 3 --only "$w" | grep "^${w##*,} ")
        # The two ratio columns come just before the target.
        echo "$bin $(echo "$line" | awk '{print $(NF-2), $(NF-1)}')"
    done
    i=$((i + 1))
done
