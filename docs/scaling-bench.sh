#!/usr/bin/env bash
# The measurements behind docs/SCALING.md, on this machine:
#   1. the per-row cost of one full-covariance EM iteration at d=100, k=50 (the bench job,
#      spark-em only, a small n), and
#   2. the Java-serialized size of one task's statistics (GaussianStatistics, full, k=50, d=100)
#      and of the broadcast parameters, as Spark ships them (JavaSerializer).
# Usage: docs/scaling-bench.sh [N] [PARTITIONS]      (defaults 20000 2)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-20000}"
partitions="${2:-2}"
echo "uptime: $(uptime)"
"$root/jobs/run-local" bench --n "$n" --d 100 --k 50 --partitions "$partitions" \
  --iterations 3 --runs 2 --systems spark-em
echo "uptime: $(uptime)"

# Serialized sizes: a throwaway single-file Java program on the jobs' classpath.
source_file="$(mktemp -d)/StatisticsSize.java"
cat >"$source_file" <<'JAVA'
import dev.sparkem.mixture.gaussian.CovarianceType;
import dev.sparkem.mixture.gaussian.GaussianMixtureParameters;
import dev.sparkem.mixture.gaussian.GaussianStatistics;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;

public class StatisticsSize {
  public static void main(String[] args) throws Exception {
    int k = 50;
    int d = 100;
    double[] weights = new double[k];
    Arrays.fill(weights, 1.0 / k);
    double[][] means = new double[k][d];
    double[] covariances = new double[k * d * d];
    for (int j = 0; j < k; j++) {
      for (int a = 0; a < d; a++) {
        covariances[j * d * d + a * d + a] = 1.0;
      }
    }
    System.out.println("serialized GaussianStatistics(full, k=50, d=100) bytes="
        + size(new GaussianStatistics(CovarianceType.FULL, k, d, new double[k * d])));
    System.out.println("serialized GaussianMixtureParameters(full, k=50, d=100) bytes="
        + size(GaussianMixtureParameters.of(CovarianceType.FULL, weights, means, covariances)));
  }

  private static int size(Object value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.size();
  }
}
JAVA
# shellcheck disable=SC2046
java $(cat "$root/target/jvm-options") -cp "$root/target/spark-em.jar:$(cat "$root/target/classpath.txt")" \
  "$source_file"
