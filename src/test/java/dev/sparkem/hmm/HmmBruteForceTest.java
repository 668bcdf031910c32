package dev.sparkem.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Forward–backward and Viterbi against enumeration of all n^T state paths on random tiny models
 * (n = 2, 3; T = 1..6; categorical and 2-D diagonal Gaussian emissions): log-likelihood,
 * marginals γ and summed pair marginals ξ to 1e-12, the Viterbi path exactly.
 */
class HmmBruteForceTest {

  static HmmParameters randomModel(Random random, int n, String kind) {
    boolean categorical = kind.equals("categorical");
    double[] start = simplex(random, n);
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = simplex(random, n);
    }
    Emission emission;
    if (categorical) {
      double[][] b = new double[n][];
      for (int k = 0; k < n; k++) {
        b[k] = simplex(random, 4);
      }
      emission = CategoricalEmission.of(b);
    } else {
      double[][] means = new double[n][2];
      double[][] variances = new double[n][2];
      for (int k = 0; k < n; k++) {
        for (int d = 0; d < 2; d++) {
          means[k][d] = 2 * random.nextGaussian();
          variances[k][d] = 0.5 + random.nextDouble();
        }
      }
      emission = kind.equals("full") ? FullGaussianEmission.of(means, full(variances, random))
          : GaussianEmission.diagonal(means, variances);
    }
    return HmmParameters.of(start, a, emission);
  }

  /** 2×2 covariances with the given variances and a random correlation in (−0.8, 0.8). */
  static double[][][] full(double[][] variances, Random random) {
    double[][][] c = new double[variances.length][2][2];
    for (int k = 0; k < c.length; k++) {
      double r = 1.6 * random.nextDouble() - 0.8;
      c[k][0][0] = variances[k][0];
      c[k][1][1] = variances[k][1];
      c[k][0][1] = r * Math.sqrt(variances[k][0] * variances[k][1]);
      c[k][1][0] = c[k][0][1];
    }
    return c;
  }

  static double[] simplex(Random random, int size) {
    double[] p = new double[size];
    double sum = 0.0;
    for (int i = 0; i < size; i++) {
      p[i] = 0.05 + random.nextDouble();
      sum += p[i];
    }
    for (int i = 0; i < size; i++) {
      p[i] /= sum;
    }
    return p;
  }

  @ParameterizedTest(name = "n={0} T={1} {2}")
  @CsvSource({"2,1,categorical", "2,2,categorical", "2,5,categorical", "3,6,categorical",
      "3,3,categorical", "3,1,diag", "2,4,diag", "3,6,diag", "2,1,full", "3,5,full", "2,6,full"})
  void matchesEnumerationOfAllPaths(int n, int length, String kind) {
    boolean categorical = kind.equals("categorical");
    Random random = new Random(31L * n + 7L * length + kind.hashCode());
    HmmParameters params = randomModel(random, n, kind);
    SequenceBlock block;
    if (categorical) {
      int[] x = new int[length];
      for (int t = 0; t < length; t++) {
        x[t] = random.nextInt(4);
      }
      block = SequenceBlock.categorical(null, new int[][] {x}, null);
    } else {
      double[][] x = new double[length][2];
      for (int t = 0; t < length; t++) {
        x[t][0] = 3 * random.nextGaussian();
        x[t][1] = 3 * random.nextGaussian();
      }
      block = SequenceBlock.real(null, new double[][][] {x}, null);
    }
    double[] logB = new double[length * n];
    params.emission().logDensities(block, 0, logB);
    double[] pi = params.start();
    double[][] a = params.transitions();

    double total = 0.0;
    double[][] gamma = new double[length][n];
    double[][] xi = new double[n][n];
    double best = -1;
    int[] bestPath = null;
    int paths = (int) Math.pow(n, length);
    for (int code = 0; code < paths; code++) {
      int[] z = new int[length];
      int c = code;
      for (int t = 0; t < length; t++) {
        z[t] = c % n;
        c /= n;
      }
      double p = pi[z[0]] * Math.exp(logB[z[0]]);
      for (int t = 1; t < length; t++) {
        p *= a[z[t - 1]][z[t]] * Math.exp(logB[t * n + z[t]]);
      }
      total += p;
      for (int t = 0; t < length; t++) {
        gamma[t][z[t]] += p;
      }
      for (int t = 0; t + 1 < length; t++) {
        xi[z[t]][z[t + 1]] += p;
      }
      if (p > best) {
        best = p;
        bestPath = z;
      }
    }

    double[] fbGamma = new double[length * n];
    double[] fbXi = new double[n * n];
    double ll = ForwardBackward.run(params, block, 0, fbGamma, fbXi, 1.0);
    assertEquals(Math.log(total), ll, 1e-12 * Math.max(1, Math.abs(ll)), "log-likelihood");
    for (int t = 0; t < length; t++) {
      for (int k = 0; k < n; k++) {
        assertEquals(gamma[t][k] / total, fbGamma[t * n + k], 1e-12, "gamma " + t + "," + k);
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        assertEquals(xi[i][j] / total, fbXi[i * n + j], 1e-12, "xi " + i + "," + j);
      }
    }
    Decoder decoder = new Decoder(params);
    assertArrayEquals(bestPath, decoder.viterbi(block, 0), "Viterbi path");
    assertEquals(ll, decoder.logLikelihood(block, 0), 0.0);
    double[][] posteriors = decoder.posteriors(block, 0);
    assertEquals(gamma[length - 1][n - 1] / total, posteriors[length - 1][n - 1], 1e-12);
  }
}
