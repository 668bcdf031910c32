package dev.sparkem.cli;

import dev.ludovic.netlib.blas.BLAS;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.RDDInfo;

/** The machine-side measurements of {@code bench}: BLAS rate, cache size, heap, medians. */
final class BenchMeasurements {
  private BenchMeasurements() {}

  /** The class of the BLAS implementation netlib picked (JNIBLAS, VectorBLAS, Java11BLAS...). */
  static String blasName() {
    return BLAS.getInstance().getClass().getName();
  }

  /**
   * DGEMM C = A·B of n×n matrices through netlib: the median GFLOP/s (2n³ flops per call) of 3
   * timed calls after 2 warm-ups, on one thread and on two threads at once (their summed rate).
   */
  static double[] dgemmGflops(int n) {
    double one = dgemmRate(n);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Double> a = pool.submit(() -> dgemmRate(n));
      Future<Double> b = pool.submit(() -> dgemmRate(n));
      return new double[] {one, a.get() + b.get()};
    } catch (Exception e) {
      throw new IllegalStateException("DGEMM measurement failed: " + e, e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static double dgemmRate(int n) {
    SplittableRandom random = new SplittableRandom(n);
    double[] a = new double[n * n];
    double[] b = new double[n * n];
    double[] c = new double[n * n];
    Arrays.setAll(a, i -> random.nextDouble());
    Arrays.setAll(b, i -> random.nextDouble());
    double[] rates = new double[3];
    for (int r = -2; r < rates.length; r++) {
      long began = System.nanoTime();
      BLAS.getInstance().dgemm("N", "N", n, n, n, 1.0, a, n, b, n, 0.0, c, n);
      double seconds = (System.nanoTime() - began) / 1e9;
      if (r >= 0) {
        rates[r] = 2.0 * n * n * (double) n / seconds / 1e9;
      }
    }
    return median(rates);
  }

  /**
   * Memory plus disk bytes Spark's storage info reports for the cached RDD {@code rddId}. That
   * info is built from listener events, delivered asynchronously: the listener bus is drained
   * first (up to its own 10 s limit), else a block cached by the last task may not be counted yet.
   *
   * @return the bytes, or -1 if the RDD is not cached or the bus did not drain in time
   */
  static long cachedBytes(SparkSession spark, int rddId) {
    try {
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } catch (TimeoutException e) {
      return -1;
    }
    for (RDDInfo info : spark.sparkContext().getRDDStorageInfo()) {
      if (info.id() == rddId) {
        return info.memSize() + info.diskSize();
      }
    }
    return -1;
  }

  /**
   * The sum over heap memory pools of each pool's peak use, in bytes: an upper bound of the peak
   * heap of this JVM (driver and, in local mode, executors).
   */
  static long peakHeapBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** The median of {@code values} (mean of the middle two for an even count). */
  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : 0.5 * (sorted[m - 1] + sorted[m]);
  }

  /** Values as "a,b,c" with 4 decimals. */
  static String list(double[] values) {
    StringBuilder s = new StringBuilder();
    for (double v : values) {
      s.append(s.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", v));
    }
    return s.toString();
  }
}
