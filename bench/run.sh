#!/usr/bin/env bash
# Builds Souhra and runs the benchmark suite: ./bench/run.sh store|kill|verify|growth|perf [--quick] [--events=N]|all [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp -DskipTests package
exec java -Xmx2g -cp "bench/target/souhra-bench.jar:bench/target/lib/*" cz.souhra.bench.Bench "$@"
