package dev.sparkem.mixture.gaussian;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparkem.data.RowBlock;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

/**
 * The fast block kernels (log-densities and statistics) against a straightforward reference in
 * plain loops — its own Cholesky factorisation, one row and one component at a time — on random
 * blocks, for every covariance type, with every {@link Level3Kernel} (whatever BLAS netlib
 * picked; {@code LANES} where the Vector API module is present, as the build's test JVM has it)
 * and dimensions on both sides of their {@link Level3Kernel#loopMaxDimension}: equal within 1e-9
 * relative.
 */
class GaussianKernelReferenceTest {
  private static final int K = 3;
  private static final double TOLERANCE = 1e-9;

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> cases = Stream.builder();
    for (CovarianceType type : CovarianceType.values()) {
      for (int d : new int[] {1, 3, Level3Kernel.TRIANGULAR.loopMaxDimension(),
          Level3Kernel.TRIANGULAR.loopMaxDimension() + 1, Level3Kernel.GENERAL.loopMaxDimension(),
          Level3Kernel.GENERAL.loopMaxDimension() + 1, 40}) {
        for (int n : new int[] {1, 123, 1700}) { // 1700 rows of 40: three panels
          for (Level3Kernel kernel : Level3Kernel.values()) {
            if (kernel != Level3Kernel.LANES || Level3Kernel.LANES_AVAILABLE) {
              cases.add(Arguments.of(type, d, n, kernel));
            }
          }
        }
      }
    }
    return cases.build();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void logJointDensitiesMatchTheReference(CovarianceType type, int d, int n,
      Level3Kernel kernel) {
    Random random = new Random(31L * d + n + type.ordinal());
    GaussianMixtureParameters p = randomParameters(type, d, random);
    double[] x = rows(random, n, d);
    RowBlock block = RowBlock.dense(n, d, x, null);
    double[] distances = new double[n * K];
    GaussianDistances.squaredMahalanobis(p, block, distances, kernel);
    double[] fast = new double[n * K];
    p.logJointDensities(block, fast);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < K; j++) {
        double[] row = new double[d];
        System.arraycopy(x, i * d, row, 0, d);
        double[] reference = referenceDistanceAndLogDet(p, j, row);
        assertNear(reference[0], distances[i * K + j], "distance of row " + i + " comp " + j);
        double logJoint = Math.log(p.weights()[j])
            - 0.5 * (d * Math.log(2 * Math.PI) + reference[1] + reference[0]);
        assertNear(logJoint, fast[i * K + j], "log joint of row " + i + " comp " + j);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void statisticsMatchTheReference(CovarianceType type, int d, int n, Level3Kernel kernel) {
    Random random = new Random(17L * d + n + type.ordinal());
    double[] x = rows(random, n, d);
    double[] centres = rows(random, K, d);
    double[] r = new double[n * K];
    for (int t = 0; t < r.length; t++) {
      int i = t / K;
      boolean zero = switch (t % K) { // few, most, and whole panels of rows without weight
        case 0 -> i % 7 == 0;
        case 1 -> i % 7 != 0;
        default -> i < n / 2;
      };
      r[t] = zero ? 0.0 : 2 * random.nextDouble();
    }
    GaussianStatistics fast = new GaussianStatistics(type, K, d, centres);
    fast.add(RowBlock.dense(n, d, x, null), r, kernel);
    double[] tiedScatter = new double[d * d];
    for (int j = 0; j < K; j++) {
      double weight = 0.0;
      double[] first = new double[d];
      double[] second = new double[d * d];
      for (int i = 0; i < n; i++) {
        double rij = r[i * K + j];
        weight += rij;
        for (int a = 0; a < d; a++) {
          double ca = x[i * d + a] - centres[j * d + a];
          first[a] += rij * ca;
          for (int b = 0; b < d; b++) {
            second[a * d + b] += rij * ca * (x[i * d + b] - centres[j * d + b]);
          }
        }
      }
      assertNear(weight, fast.weight(j), "weight " + j);
      for (int a = 0; a < d; a++) {
        assertNear(first[a], fast.firstMoment(j)[a], "first moment " + j + "," + a);
        for (int b = 0; b < d; b++) {
          tiedScatter[a * d + b] += second[a * d + b];
          boolean diagonal = type == CovarianceType.DIAG || type == CovarianceType.SPHERICAL;
          if (type == CovarianceType.FULL || diagonal && a == b) {
            assertNear(second[a * d + b], fast.secondMoment(j, a, b), "M " + j + "," + a + "," + b);
          }
        }
      }
    }
    if (type == CovarianceType.TIED) {
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          assertNear(tiedScatter[a * d + b], fast.secondMoment(0, a, b), "tied M " + a + "," + b);
        }
      }
    }
  }

  /**
   * (x − μ_j)ᵀ Σ_j⁻¹ (x − μ_j) and log det Σ_j, with a Cholesky factorisation and solve in plain
   * loops.
   */
  private static double[] referenceDistanceAndLogDet(GaussianMixtureParameters p, int j,
      double[] x) {
    int d = x.length;
    double[][] sigma = p.covariance(j);
    double[][] l = new double[d][d];
    for (int a = 0; a < d; a++) {
      for (int b = 0; b <= a; b++) {
        double s = sigma[a][b];
        for (int c = 0; c < b; c++) {
          s -= l[a][c] * l[b][c];
        }
        l[a][b] = a == b ? Math.sqrt(s) : s / l[b][b];
      }
    }
    double[] mean = p.mean(j);
    double[] y = new double[d];
    double distance = 0.0;
    double logDet = 0.0;
    for (int a = 0; a < d; a++) {
      double s = x[a] - mean[a];
      for (int b = 0; b < a; b++) {
        s -= l[a][b] * y[b];
      }
      y[a] = s / l[a][a];
      distance += y[a] * y[a];
      logDet += 2 * Math.log(l[a][a]);
    }
    return new double[] {distance, logDet};
  }

  private static GaussianMixtureParameters randomParameters(CovarianceType type, int d,
      Random random) {
    double[] weights = {0.2, 0.5, 0.3};
    double[][] means = new double[K][];
    for (int j = 0; j < K; j++) {
      means[j] = rows(random, 1, d);
    }
    int matrices = type == CovarianceType.FULL ? K : 1;
    double[] covariances = new double[GaussianMixtureParameters.covarianceSize(type, K, d)];
    if (type == CovarianceType.FULL || type == CovarianceType.TIED) {
      for (int m = 0; m < matrices; m++) {
        double[] b = new double[d * d];
        for (int t = 0; t < b.length; t++) {
          b[t] = random.nextGaussian();
        }
        for (int a = 0; a < d; a++) {
          for (int c = 0; c < d; c++) {
            double v = a == c ? 0.5 : 0.0;
            for (int t = 0; t < d; t++) {
              v += b[a * d + t] * b[c * d + t] / d;
            }
            covariances[m * d * d + a * d + c] = v;
          }
        }
      }
    } else {
      for (int t = 0; t < covariances.length; t++) {
        covariances[t] = 0.2 + random.nextDouble();
      }
    }
    return GaussianMixtureParameters.of(type, weights, means, covariances);
  }

  /** Rows near 10 in every coordinate, so that centring matters. */
  private static double[] rows(Random random, int n, int d) {
    double[] x = new double[n * d];
    for (int t = 0; t < x.length; t++) {
      x[t] = 10 + 2 * random.nextGaussian();
    }
    return x;
  }

  private static void assertNear(double expected, double actual, String what) {
    assertEquals(expected, actual, TOLERANCE * Math.max(1.0, Math.abs(expected)), what);
  }
}
