#!/usr/bin/env bash
# Builds Souhra and runs the benchmark suite: ./bench/run.sh store|kill|verify|growth|perf [--quick] [--events=N]|footprint [--commands=N,M]|search [--events=N]|all [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
# The bench's classpath is every jar in bench/target/lib: a jar left there by an earlier layout of the modules
# would put two versions of a class on it.
rm -rf bench/target/lib
./mvnw -B -q -ntp -DskipTests package
# On 2 cores the common pool has parallelism 1, and then CompletableFuture's default executor starts a thread
# per task: the JDK HttpClient's sendAsync hands every answer to one, so the open-loop client would start a
# thread per command on the cores it measures.
# The application under test runs in this JVM, with the options the README starts it with (souhra.jvm).
exec java -Xmx2g @souhra.jvm -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 -cp "bench/target/souhra-bench.jar:bench/target/lib/*" cz.souhra.bench.Bench "$@"
