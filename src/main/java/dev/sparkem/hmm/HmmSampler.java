package dev.sparkem.hmm;

import dev.sparkem.linalg.CholeskyFactor;
import dev.sparkem.mixture.ComponentDraw;
import dev.sparkem.mixture.poisson.PoissonMixtureSampler;
import java.util.SplittableRandom;

/**
 * Draws sequences from an HMM: z_1 from π, z_{t+1} from row z_t of A, x_t from the emission of
 * z_t (a symbol, a Poisson count, or a Gaussian vector through the Cholesky factor of its
 * covariance); and makes random HMMs for synthetic data. Not thread-safe: one sampler per task.
 */
public final class HmmSampler {
  private final EmissionType type;
  private final SplittableRandom random;
  private final ComponentDraw start;
  private final ComponentDraw[] transitions;
  private final ComponentDraw[] symbols;
  private final double[][] means;
  private final double[][] scales;
  private final double[] rates;

  /** A sampler of {@code model} driven by {@code random}. */
  public HmmSampler(HmmParameters model, SplittableRandom random) {
    this.random = random;
    this.type = EmissionType.of(model.emission());
    int n = model.states();
    this.start = new ComponentDraw(model.start());
    double[][] a = model.transitions();
    this.transitions = new ComponentDraw[n];
    for (int i = 0; i < n; i++) {
      transitions[i] = new ComponentDraw(a[i]);
    }
    Emission e = model.emission();
    this.symbols = new ComponentDraw[type == EmissionType.CATEGORICAL ? n : 0];
    for (int k = 0; k < symbols.length; k++) {
      symbols[k] = new ComponentDraw(((CategoricalEmission) e).probabilities()[k]);
    }
    this.rates = e instanceof PoissonEmission p ? p.rates() : null;
    if (e instanceof GaussianEmission g) {
      means = g.means();
      scales = g.variances();
      for (double[] row : scales) {
        for (int c = 0; c < row.length; c++) {
          row[c] = Math.sqrt(row[c]);
        }
      }
    } else if (e instanceof FullGaussianEmission f) {
      means = f.means();
      int d = f.dimension();
      scales = new double[n][];
      double[][][] covariances = f.covariances();
      for (int k = 0; k < n; k++) {
        double[] columnMajor = new double[d * d];
        for (int i = 0; i < d; i++) {
          for (int j = 0; j < d; j++) {
            columnMajor[j * d + i] = covariances[k][i][j];
          }
        }
        scales[k] = CholeskyFactor.of(columnMajor, d).lower();
      }
    } else {
      means = null;
      scales = null;
    }
  }

  /** The emission type of the model drawn from. */
  public EmissionType type() {
    return type;
  }

  /** A hidden state path of the given length ≥ 1. */
  public int[] states(int length) {
    int[] z = new int[length];
    for (int t = 0; t < length; t++) {
      z[t] = t == 0 ? start.next(random) : transitions[z[t - 1]].next(random);
    }
    return z;
  }

  /** A symbol (categorical) or count (Poisson) for each state of the path. */
  public int[] discrete(int[] path) {
    int[] x = new int[path.length];
    for (int t = 0; t < path.length; t++) {
      x[t] = symbols.length > 0 ? symbols[path[t]].next(random)
          : Math.toIntExact(PoissonMixtureSampler.poisson(rates[path[t]], random));
    }
    return x;
  }

  /** A d-dimensional Gaussian observation for each state of the path. */
  public double[][] real(int[] path) {
    int d = means[0].length;
    double[][] x = new double[path.length][d];
    double[] z = new double[d];
    for (int t = 0; t < path.length; t++) {
      int k = path[t];
      for (int a = 0; a < d; a++) {
        z[a] = random.nextGaussian();
      }
      for (int a = 0; a < d; a++) {
        double v = means[k][a];
        if (type == EmissionType.GAUSSIAN) {
          v += scales[k][a] * z[a];
        } else {
          for (int b = 0; b <= a; b++) {
            v += scales[k][b * d + a] * z[b];
          }
        }
        x[t][a] = v;
      }
    }
    return x;
  }

  /**
   * A random HMM for synthetic data: π from {@link ComponentDraw#randomWeights}, "sticky"
   * transitions (0.8 on the diagonal, the rest spread by random weights), and emissions that
   * differ between states: categorical rows from random weights over {@code size} symbols,
   * Gaussian means drawn from N(0, 3²) per coordinate with unit variances (identity covariance
   * for full), Poisson rates log-uniform on [0.5, 20].
   *
   * @param size the number of symbols M (categorical) or the dimension d (Gaussian); ignored
   *     for Poisson
   */
  public static HmmParameters randomModel(EmissionType type, int states, int size,
      SplittableRandom random) {
    double[][] a = new double[states][states];
    for (int i = 0; i < states; i++) {
      double[] rest = ComponentDraw.randomWeights(states, random);
      for (int j = 0; j < states; j++) {
        a[i][j] = (states == 1 ? 1.0 : 0.2 * rest[j]) + (i == j && states > 1 ? 0.8 : 0.0);
      }
    }
    Emission emission = switch (type) {
      case CATEGORICAL -> {
        double[][] b = new double[states][];
        for (int k = 0; k < states; k++) {
          b[k] = ComponentDraw.randomWeights(size, random);
        }
        yield CategoricalEmission.of(b);
      }
      case GAUSSIAN, FULL_GAUSSIAN -> {
        double[][] mu = new double[states][size];
        double[][] ones = new double[states][size];
        double[][][] identity = new double[states][size][size];
        for (int k = 0; k < states; k++) {
          for (int c = 0; c < size; c++) {
            mu[k][c] = 3 * random.nextGaussian();
            ones[k][c] = 1.0;
            identity[k][c][c] = 1.0;
          }
        }
        yield type == EmissionType.GAUSSIAN ? GaussianEmission.diagonal(mu, ones)
            : FullGaussianEmission.of(mu, identity);
      }
      case POISSON -> {
        double[] r = new double[states];
        for (int k = 0; k < states; k++) {
          r[k] = 0.5 * Math.exp(Math.log(40.0) * random.nextDouble());
        }
        yield PoissonEmission.of(r);
      }
    };
    return HmmParameters.of(ComponentDraw.randomWeights(states, random), a, emission);
  }
}
