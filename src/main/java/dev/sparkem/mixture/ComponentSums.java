package dev.sparkem.mixture;

import dev.sparkem.engine.DegenerateModelException;
import dev.sparkem.engine.SufficientStatistics;
import java.util.Arrays;
import java.util.List;

/**
 * The expected sufficient statistics shared by the multinomial, Bernoulli and Poisson mixtures:
 * per component j the weight N_j = Σ_i r_ij and the weighted sums S_ja = Σ_i r_ij·x_ia, where
 * r_ij is the posterior of component j for row i times the row's weight; plus the rows an E-step
 * chose to skip (their count and weight). Size O(k·d), independent of the rows; the sums are
 * held column-major (all k components of column a together) so that adding a sparse row touches
 * k consecutive numbers per non-zero. Merging the statistics of the parts of a data set gives
 * those of the whole, up to round-off. For a reduction by part they split into one part per
 * component (k parts of 1 component each; the skipped rows go with part 0).
 */
public final class ComponentSums implements SufficientStatistics<ComponentSums> {
  private static final long serialVersionUID = 1L;

  private final int k;
  private final int d;
  private final double[] weights;
  private final double[] sums;
  private long skippedRows;
  private double skippedWeight;

  /**
   * Empty statistics of k components over d columns.
   *
   * @throws IllegalArgumentException if k or d is below 1
   */
  public ComponentSums(int k, int d) {
    if (k < 1 || d < 1) {
      throw new IllegalArgumentException(
          "statistics of k=" + k + " components over d=" + d + " columns, expected both >= 1");
    }
    this.k = k;
    this.d = d;
    this.weights = new double[k];
    this.sums = new double[k * d];
  }

  /**
   * Adds the rows of {@code x} with the row-major n×k {@code responsibilities} (posterior times
   * row weight): O(n·k + nnz·k).
   *
   * @throws IllegalArgumentException if {@code responsibilities} is not n·k long
   */
  public void add(NonZeros x, double[] responsibilities) {
    int n = x.rows();
    if (responsibilities.length != n * k) {
      throw new IllegalArgumentException("found " + responsibilities.length
          + " responsibilities for " + n + " rows, expected " + (n * k));
    }
    int[] starts = x.rowStarts();
    int[] indices = x.indices();
    double[] values = x.values();
    for (int i = 0; i < n; i++) {
      int offset = i * k;
      for (int j = 0; j < k; j++) {
        weights[j] += responsibilities[offset + j];
      }
      for (int t = starts[i]; t < starts[i + 1]; t++) {
        int column = indices[t] * k;
        double v = values[t];
        for (int j = 0; j < k; j++) {
          sums[column + j] += responsibilities[offset + j] * v;
        }
      }
    }
  }

  /** Counts one row of weight {@code weight} that the E-step left out. */
  public void skip(double weight) {
    skippedRows++;
    skippedWeight += weight;
  }

  @Override
  public void merge(ComponentSums other) {
    if (other.k != k || other.d != d) {
      throw new IllegalArgumentException("cannot merge statistics of k=" + other.k + ", d="
          + other.d + " into statistics of k=" + k + ", d=" + d);
    }
    for (int j = 0; j < k; j++) {
      weights[j] += other.weights[j];
    }
    for (int t = 0; t < sums.length; t++) {
      sums[t] += other.sums[t];
    }
    skippedRows += other.skippedRows;
    skippedWeight += other.skippedWeight;
  }

  /** One part per component. */
  @Override
  public int parts() {
    return k;
  }

  /** Component {@code index} alone: statistics of 1 component over the d columns. */
  @Override
  public ComponentSums part(int index) {
    if (index < 0 || index >= k) {
      throw new IllegalArgumentException("part " + index + " of statistics of k=" + k
          + " components, expected 0.." + (k - 1));
    }
    ComponentSums part = new ComponentSums(1, d);
    part.weights[0] = weights[index];
    for (int a = 0; a < d; a++) {
      part.sums[a] = sums[a * k + index];
    }
    if (index == 0) {
      part.skippedRows = skippedRows;
      part.skippedWeight = skippedWeight;
    }
    return part;
  }

  /**
   * The statistics of k components from their k one-component parts, in order.
   *
   * @throws IllegalArgumentException if a part is not of 1 component over the same d columns
   */
  @Override
  public ComponentSums joinParts(List<ComponentSums> parts) {
    ComponentSums whole = new ComponentSums(parts.size(), d);
    int n = parts.size();
    for (int j = 0; j < n; j++) {
      ComponentSums part = parts.get(j);
      if (part.k != 1 || part.d != d) {
        throw new IllegalArgumentException("part " + j + " holds k=" + part.k + ", d=" + part.d
            + ", expected k=1, d=" + d);
      }
      whole.weights[j] = part.weights[0];
      for (int a = 0; a < d; a++) {
        whole.sums[a * n + j] = part.sums[a];
      }
    }
    whole.skippedRows = parts.get(0).skippedRows;
    whole.skippedWeight = parts.get(0).skippedWeight;
    return whole;
  }

  /** The number of sums k·d, for the choice of reduction. */
  public static long values(int k, int d) {
    return (long) k * d;
  }

  public int k() {
    return k;
  }

  public int dimension() {
    return d;
  }

  /** N_j = Σ_i r_ij. */
  public double weight(int j) {
    return weights[j];
  }

  /** Σ_j N_j. */
  public double totalWeight() {
    double total = 0.0;
    for (double w : weights) {
      total += w;
    }
    return total;
  }

  /**
   * The mixing weights of the M-step, N_j / Σ N.
   *
   * @throws DegenerateModelException naming the first component whose weight is not positive
   */
  public double[] mixingWeights() {
    double total = totalWeight();
    double[] mixing = new double[k];
    for (int j = 0; j < k; j++) {
      double n = weights[j];
      if (!(n > 0)) {
        throw new DegenerateModelException("component " + j + " lost all its weight (its "
            + "posterior probabilities sum to " + n + " over " + total + " units of weight)");
      }
      mixing[j] = n / total;
    }
    return mixing;
  }

  /** S_ja = Σ_i r_ij·x_ia. */
  public double sum(int j, int a) {
    return sums[a * k + j];
  }

  /** The sums of component j (copy, d values). */
  public double[] sums(int j) {
    double[] s = new double[d];
    for (int a = 0; a < d; a++) {
      s[a] = sums[a * k + j];
    }
    return s;
  }

  /** The number of rows the E-step skipped. */
  public long skippedRows() {
    return skippedRows;
  }

  /** Σ of the weights of the skipped rows. */
  public double skippedWeight() {
    return skippedWeight;
  }

  @Override
  public String toString() {
    return "ComponentSums{k=" + k + ", d=" + d + ", weights=" + Arrays.toString(weights) + "}";
  }
}
