# The JVM settings a pod of the Helm chart (helm/promptgate) gets by default, for benchmarks to run under:
# the chart's memory limit (resources.limits.memory, 1 GiB) as the memory the JVM sizes itself by, the chart's
# javaOpts (an initial heap of 1/16 of the limit, a metaspace of 128 MiB before its first collection, the C heap
# trimmed every 5 s), and the options the base image's run-java script adds by default
# (registry.access.redhat.com/ubi9/openjdk-17-runtime: heap up to 80 % of the limit, the parallel collector with its
# footprint settings, exit on out-of-memory).
# ChartJvmOptionsTest checks that the chart's rendered JAVA_OPTS and memory limit are these.
# shellcheck shell=bash
CHART_JAVA_OPTS="-XX:MaxRAM=1g -XX:InitialRAMPercentage=6.25 -XX:MetaspaceSize=128m -XX:TrimNativeHeapInterval=5000 \
-XX:MaxRAMPercentage=80.0 -XX:+UseParallelGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:GCTimeRatio=4 \
-XX:AdaptiveSizePolicyWeight=90 -XX:+ExitOnOutOfMemoryError"
export CHART_JAVA_OPTS
