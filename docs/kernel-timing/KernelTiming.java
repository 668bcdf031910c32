import dev.ludovic.netlib.blas.BLAS;
import dev.sparkem.data.RowBlock;
import dev.sparkem.mixture.Posteriors;
import dev.sparkem.mixture.gaussian.CovarianceType;
import dev.sparkem.mixture.gaussian.GaussianMixtureParameters;
import dev.sparkem.mixture.gaussian.GaussianStatistics;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Times the three steps of one E+M pass over one cached block (4 MiB of rows, as the fits use) on
 * one thread, full covariances: the log densities (whitening), the posteriors, the statistics
 * (scatter). Prints the fastest of the repetitions after a warm-up half. Single-file program:
 *
 * <pre>
 * mvn -q -B -DskipTests package
 * OPENBLAS_NUM_THREADS=1 java --add-modules jdk.incubator.vector \
 *   -cp "target/classes:$(cat target/classpath.txt)" docs/kernel-timing/KernelTiming.java D K REPS
 * </pre>
 */
public class KernelTiming {
  public static void main(String[] args) {
    int d = Integer.parseInt(args[0]);
    int k = Integer.parseInt(args[1]);
    int reps = Integer.parseInt(args[2]);
    int n = RowBlock.rowsForBudget(d, 4L << 20);
    Random random = new Random(1);
    double[] x = new double[n * d];
    for (int t = 0; t < x.length; t++) {
      x[t] = random.nextGaussian() + t % d;
    }
    RowBlock block = RowBlock.dense(n, d, x, null);
    double[] weights = new double[k];
    double[][] means = new double[k][];
    double[] covariances = new double[k * d * d];
    for (int j = 0; j < k; j++) {
      weights[j] = 1.0 / k;
      means[j] = Arrays.copyOfRange(x, 7 * j * d, (7 * j + 1) * d);
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          covariances[j * d * d + a * d + b] = a == b ? 2.0 : 0.3;
        }
      }
    }
    GaussianMixtureParameters p =
        GaussianMixtureParameters.of(CovarianceType.FULL, weights, means, covariances);
    double[] centres = new double[k * d];
    for (int j = 0; j < k; j++) {
      System.arraycopy(means[j], 0, centres, j * d, d);
    }
    double[] out = new double[n * k];
    long densities = Long.MAX_VALUE;
    long posteriors = Long.MAX_VALUE;
    long statistics = Long.MAX_VALUE;
    for (int r = 0; r < reps; r++) {
      GaussianStatistics stats = new GaussianStatistics(CovarianceType.FULL, k, d, centres);
      long t0 = System.nanoTime();
      p.logJointDensities(block, out);
      long t1 = System.nanoTime();
      Posteriors.normalizeWithEntropy(out, k, block, null);
      long t2 = System.nanoTime();
      stats.add(block, out);
      long t3 = System.nanoTime();
      if (r >= reps / 2) {
        densities = Math.min(densities, t1 - t0);
        posteriors = Math.min(posteriors, t2 - t1);
        statistics = Math.min(statistics, t3 - t2);
      }
    }
    long total = densities + posteriors + statistics;
    System.out.printf(Locale.ROOT, "kernel-timing d=%d k=%d rows=%d blas=%s densities_ms=%.3f "
        + "posteriors_ms=%.3f statistics_ms=%.3f total_ms=%.3f gflops_2nkd2=%.2f%n", d, k, n,
        BLAS.getInstance().getClass().getSimpleName(), densities / 1e6, posteriors / 1e6,
        statistics / 1e6, total / 1e6, 2.0 * n * k * d * d / total);
  }
}
