package dev.sparkem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkem.testing.SharedSpark;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code bench} job on a tiny problem: every line it documents, with numbers that hold
 * together (the ratio is MLlib's median over ours, the cache is 8·n·d bytes give or take the
 * blocks' few fields), and {@code --covariance} for the types MLlib lacks.
 */
class BenchJobTest {
  private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");

  @BeforeAll
  static void spark() {
    SharedSpark.session();
  }

  @Test
  void bothSystemsTheirRatioAndTheCachedSize() {
    JobRunner bench = JobRunner.run("bench", "--n", "3000", "--d", "20", "--k", "3",
        "--partitions", "2", "--iterations", "2", "--runs", "1");
    assertEquals(0, bench.exitCode, bench::toString);
    Map<String, String> data = line(bench.out, "bench data ");
    assertEquals("3000", data.get("rows"));
    double cached = Double.parseDouble(data.get("cached_block_bytes"));
    assertTrue(cached >= 8.0 * 3000 * 20 && cached < 1.01 * 8 * 3000 * 20, data::toString);
    // The test JVM has the Vector API module, as the launchers give it: d = 20 runs in lanes.
    assertTrue(data.get("kernel").startsWith("vector-lanes-"), data::toString);
    double ours = seconds(line(bench.out, "bench system=spark-em "));
    double theirs = seconds(line(bench.out, "bench system=mllib "));
    double ratio = Double.parseDouble(line(bench.out, "bench ratio ").get("mllib_over_spark_em"));
    assertEquals(theirs / ours, ratio, 0.01 * ratio + 0.005, "ratio of the two medians");
    Map<String, String> gflops = line(bench.out, "bench gflops ");
    assertTrue(Double.parseDouble(gflops.get("spark_em_level3_gflops")) > 0, gflops::toString);
    assertTrue(Double.parseDouble(gflops.get("dgemm_n1000_gflops_1thread")) > 0);
    assertTrue(Double.parseDouble(line(bench.out, "bench memory ").get("peak_heap_mb")) > 0);
    double logLikelihood = Double.parseDouble(
        line(bench.out, "bench system=spark-em ").get("mean_log_likelihood"));
    assertTrue(Double.isFinite(logLikelihood), bench::toString);
  }

  @Test
  void diagonalCovariancesRunWithoutMllibAndWithoutTheLevel3Line() {
    JobRunner bench = JobRunner.run("bench", "--n", "2000", "--d", "300", "--k", "2",
        "--partitions", "2", "--iterations", "1", "--runs", "1", "--covariance", "diag",
        "--systems", "spark-em");
    assertEquals(0, bench.exitCode, bench::toString);
    Map<String, String> ours = line(bench.out, "bench system=spark-em ");
    assertEquals("diag", ours.get("covariance"));
    assertTrue(seconds(ours) > 0);
    assertFalse(bench.out.contains("bench gflops"), bench.out);
    assertFalse(bench.out.contains("bench system=mllib"), bench.out);
  }

  @Test
  void otherCovariancesWithMllibAreRefused() {
    JobRunner bench = JobRunner.run("bench", "--n", "100", "--covariance", "tied");
    assertEquals(2, bench.exitCode, bench::toString);
    assertTrue(bench.err.contains("--systems spark-em"), bench.err);
  }

  private static double seconds(Map<String, String> line) {
    return Double.parseDouble(line.get("seconds_per_iteration_median"));
  }

  /** The key=value fields of the one output line that starts with {@code prefix}. */
  private static Map<String, String> line(String out, String prefix) {
    String found = out.lines().filter(l -> l.startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no line '" + prefix + "...' in:\n" + out));
    Map<String, String> fields = new HashMap<>();
    Matcher m = FIELD.matcher(found);
    while (m.find()) {
      fields.put(m.group(1), m.group(2));
    }
    return fields;
  }
}
