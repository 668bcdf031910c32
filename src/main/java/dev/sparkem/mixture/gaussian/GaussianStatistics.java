package dev.sparkem.mixture.gaussian;

import dev.sparkem.data.RowBlock;
import dev.sparkem.engine.SufficientStatistics;
import java.util.Arrays;
import java.util.List;

/**
 * Expected sufficient statistics of a Gaussian mixture, per component j, all taken about a fixed
 * centre c_j (the component's mean in the pass that produces them, which keeps the second moments
 * free of the cancellation that raw moments suffer far from the origin):
 * <ul>
 *   <li>the weight N_j = Σ_i r_ij and the first moment s_j = Σ_i r_ij·(x_i − c_j);
 *   <li>the second moments, as the covariance type needs them: the scatter
 *       M_j = Σ_i r_ij·(x_i − c_j)(x_i − c_j)ᵀ per component ({@code full}, k·d² numbers), their
 *       sum over components ({@code tied}, d²), or only their diagonals ({@code diag},
 *       {@code spherical}, k·d) — no d×d matrix is built for the last two;
 *   <li>the posterior entropy −Σ_i w_i Σ_j p_ij·log p_ij, for ICL, as the caller adds it
 *       ({@link #addPosteriorEntropy}).
 * </ul>
 * Here r_ij = w_i·p_ij is the posterior of row i weighted by its row weight. Size independent of
 * the number of rows ({@link #values}).
 *
 * <p>For a reduction by part they split into one part per component j (N_j, c_j, s_j and, for
 * {@code full}, {@code diag} and {@code spherical}, the component's second moments; the entropy
 * goes with part 0); {@code tied} statistics have one more part, k, holding the pooled scatter
 * that all components share, so that no part holds the d² numbers twice.
 */
public final class GaussianStatistics implements SufficientStatistics<GaussianStatistics> {
  private static final long serialVersionUID = 1L;

  private final CovarianceType type;
  private final int k;
  private final int d;
  private final double[] centres;
  private final double[] weights;
  private final double[] firstMoments;
  private final double[] secondMoments;
  private double entropy;

  /**
   * Empty statistics about {@code centres} (k·d values, row after row, copied).
   *
   * @throws IllegalArgumentException if {@code centres.length != k·d}
   */
  public GaussianStatistics(CovarianceType type, int k, int d, double[] centres) {
    this(type, k, d, centres, Math.toIntExact(scatterValues(type, k, d)));
  }

  /** Empty statistics with {@code scatterValues} second moments (a part may have none). */
  private GaussianStatistics(CovarianceType type, int k, int d, double[] centres,
      int scatterValues) {
    if (centres.length != k * d) {
      throw new IllegalArgumentException(
          "found " + centres.length + " centre values, expected k*d = " + (k * d));
    }
    this.type = type;
    this.k = k;
    this.d = d;
    this.centres = centres.clone();
    this.weights = new double[k];
    this.firstMoments = new double[k * d];
    this.secondMoments = new double[scatterValues];
  }

  /** The second moments of one component: d² ({@code full}), d (diagonal), 0 ({@code tied}). */
  private static int componentScatter(CovarianceType type, int d) {
    return switch (type) {
      case FULL -> d * d;
      case TIED -> 0;
      case DIAG, SPHERICAL -> d;
    };
  }

  /**
   * How many numbers statistics of k components of width d hold: k weights, k·d centres, k·d
   * first moments and the second moments (k·d², d² or k·d); with k = 50, d = 100 and
   * {@code full} covariances 510,050 doubles (4.08 MB).
   */
  public static long values(CovarianceType type, int k, int d) {
    return k + 2L * k * d + scatterValues(type, k, d);
  }

  /** The second moments of all k components: k·d², d² (pooled) or k·d. */
  private static long scatterValues(CovarianceType type, int k, int d) {
    return type == CovarianceType.TIED ? (long) d * d : (long) k * componentScatter(type, d);
  }

  /**
   * Adds the rows of {@code block} with the n×k row-major {@code responsibilities} (posterior
   * times row weight, non-negative). Full and tied scatters: fused plain loops up to the
   * {@link Level3Kernel#loopMaxDimension} of {@link Level3Kernel#forDimension}, else that kernel
   * panel by panel. The posterior entropy is not derived here: add it with
   * {@link #addPosteriorEntropy}.
   *
   * @throws IllegalArgumentException if the block's rows are not d wide
   */
  public void add(RowBlock block, double[] responsibilities) {
    add(block, responsibilities, Level3Kernel.forDimension(block.dimension()));
  }

  /** As {@link #add(RowBlock, double[])}, with full and tied scatters by {@code kernel}. */
  void add(RowBlock block, double[] responsibilities, Level3Kernel kernel) {
    if (block.dimension() != d) {
      throw new IllegalArgumentException(
          "found rows of width " + block.dimension() + ", expected " + d);
    }
    boolean scatter = type == CovarianceType.FULL || type == CovarianceType.TIED;
    if (block.isSparse() && !scatter) {
      addSparseDiagonal(block, responsibilities);
    } else if (!scatter) {
      addDiagonal(block.toDense(), responsibilities);
    } else if (d <= kernel.loopMaxDimension()) {
      addScatterLoops(block.toDense(), responsibilities);
    } else {
      addScatterMultiply(block.toDense(), responsibilities, kernel);
    }
  }

  /**
   * Adds the posterior entropy −Σ_i w_i Σ_j p_ij·ln p_ij of rows added with {@link #add} (as the
   * normalisation of their log-densities gives it: {@code Posteriors.Totals#entropy}).
   */
  public void addPosteriorEntropy(double rowsEntropy) {
    entropy += rowsEntropy;
  }

  private int scatterOffset(int j) {
    return type == CovarianceType.FULL ? j * d * d : 0;
  }

  /** Small d: row by row, the lower triangle of r·(x − c)(x − c)ᵀ, fused with the centring. */
  private void addScatterLoops(RowBlock block, double[] responsibilities) {
    int n = block.rows();
    double[] x = block.denseValues();
    double[] centred = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        double r = responsibilities[i * k + j];
        weights[j] += r;
        if (r == 0.0) {
          continue;
        }
        for (int a = 0; a < d; a++) {
          centred[a] = x[i * d + a] - centres[j * d + a];
          firstMoments[j * d + a] += r * centred[a];
        }
        int offset = scatterOffset(j);
        for (int b = 0; b < d; b++) {
          double rb = r * centred[b];
          int column = offset + b * d;
          for (int a = b; a < d; a++) {
            secondMoments[column + a] += rb * centred[a];
          }
        }
      }
    }
  }

  /**
   * Larger d: panel by panel of rows (kept in cache while every component reads them), per
   * component one product by {@code kernel} into the component's moments.
   */
  private void addScatterMultiply(RowBlock block, double[] responsibilities, Level3Kernel kernel) {
    int n = block.rows();
    double[] x = block.denseValues();
    int panel = Math.min(n, kernel.panelRows(d));
    Level3Kernel.Workspace work = kernel.workspace(panel, d);
    double[][] centreOf = new double[k][];
    for (int j = 0; j < k; j++) {
      centreOf[j] = centre(j);
    }
    for (int start = 0; start < n; start += panel) {
      int rows = Math.min(panel, n - start);
      kernel.loadPanel(x, start, rows, d, work);
      for (int j = 0; j < k; j++) {
        weights[j] += kernel.scatter(x, start, rows, d, responsibilities, k, j, centreOf[j], work,
            firstMoments, j * d, secondMoments, scatterOffset(j));
      }
    }
  }

  private void addDiagonal(RowBlock block, double[] responsibilities) {
    int n = block.rows();
    double[] x = block.denseValues();
    for (int j = 0; j < k; j++) {
      double total = 0.0;
      for (int i = 0; i < n; i++) {
        double r = responsibilities[i * k + j];
        if (r == 0.0) {
          continue;
        }
        total += r;
        for (int a = 0; a < d; a++) {
          double centred = x[i * d + a] - centres[j * d + a];
          firstMoments[j * d + a] += r * centred;
          secondMoments[j * d + a] += r * centred * centred;
        }
      }
      weights[j] += total;
    }
  }

  /**
   * Diagonal moments of a sparse block in O(nnz + d) per component: a zero entry contributes
   * −c and c² times its weight, added for all coordinates at once, and each stored entry corrects
   * its own coordinate.
   */
  private void addSparseDiagonal(RowBlock block, double[] responsibilities) {
    int[] starts = block.rowStarts();
    int[] indices = block.indices();
    double[] values = block.sparseValues();
    for (int j = 0; j < k; j++) {
      double total = 0.0;
      for (int i = 0; i < block.rows(); i++) {
        double r = responsibilities[i * k + j];
        if (r == 0.0) {
          continue;
        }
        total += r;
        for (int t = starts[i]; t < starts[i + 1]; t++) {
          int a = indices[t];
          double c = centres[j * d + a];
          double x = values[t];
          firstMoments[j * d + a] += r * x;
          secondMoments[j * d + a] += r * ((x - c) * (x - c) - c * c);
        }
      }
      weights[j] += total;
      for (int a = 0; a < d; a++) {
        double c = centres[j * d + a];
        firstMoments[j * d + a] -= total * c;
        secondMoments[j * d + a] += total * c * c;
      }
    }
  }

  @Override
  public void merge(GaussianStatistics other) {
    if (other.d != d) {
      throw new IllegalArgumentException(
          "found statistics of rows of width " + other.d + ", expected " + d);
    }
    if (other.type != type || other.k != k || !Arrays.equals(other.centres, centres)
        || other.secondMoments.length != secondMoments.length) {
      throw new IllegalArgumentException("cannot merge " + other.type + " statistics of "
          + other.k + " components into " + type + " statistics of " + k + " components"
          + (other.type == type && other.k == k ? " about other centres" : ""));
    }
    add(weights, other.weights);
    add(firstMoments, other.firstMoments);
    add(secondMoments, other.secondMoments);
    entropy += other.entropy;
  }

  /** One part per component, and for {@code tied} the pooled scatter as part k. */
  @Override
  public int parts() {
    return type == CovarianceType.TIED ? k + 1 : k;
  }

  /**
   * Part {@code index}: component {@code index} alone (statistics of 1 component about its
   * centre; with the entropy for part 0; without second moments for {@code tied}), or for
   * {@code tied} and index k the pooled scatter alone (statistics of 0 components).
   *
   * @throws IllegalArgumentException unless 0 ≤ index &lt; {@link #parts()}
   */
  @Override
  public GaussianStatistics part(int index) {
    if (index < 0 || index >= parts()) {
      throw new IllegalArgumentException("part " + index + " of " + type + " statistics of k="
          + k + " components, expected 0.." + (parts() - 1));
    }
    if (index == k) {
      GaussianStatistics scatter = new GaussianStatistics(type, 0, d, new double[0], d * d);
      System.arraycopy(secondMoments, 0, scatter.secondMoments, 0, d * d);
      return scatter;
    }
    int scatterValues = componentScatter(type, d);
    GaussianStatistics part = new GaussianStatistics(type, 1, d, centre(index), scatterValues);
    part.weights[0] = weights[index];
    System.arraycopy(firstMoments, index * d, part.firstMoments, 0, d);
    System.arraycopy(secondMoments, index * scatterValues, part.secondMoments, 0, scatterValues);
    if (index == 0) {
      part.entropy = entropy;
    }
    return part;
  }

  /**
   * The statistics of k components from their parts in order (k one-component parts, then for
   * {@code tied} the pooled scatter).
   *
   * @throws IllegalArgumentException if a part is of another type or width or is not the
   *     one-component (or, last for {@code tied}, scatter) part expected at its place
   */
  @Override
  public GaussianStatistics joinParts(List<GaussianStatistics> parts) {
    int n = type == CovarianceType.TIED ? parts.size() - 1 : parts.size();
    if (n < 1) {
      throw new IllegalArgumentException("found " + parts.size() + " parts of " + type
          + " statistics, expected at least " + (parts.size() - n + 1));
    }
    int scatterValues = componentScatter(type, d);
    double[] joinedCentres = new double[n * d];
    for (int j = 0; j < n; j++) {
      GaussianStatistics part = parts.get(j);
      expectPart(part, j, 1, scatterValues);
      System.arraycopy(part.centres, 0, joinedCentres, j * d, d);
    }
    GaussianStatistics whole = new GaussianStatistics(type, n, d, joinedCentres);
    for (int j = 0; j < n; j++) {
      GaussianStatistics part = parts.get(j);
      whole.weights[j] = part.weights[0];
      System.arraycopy(part.firstMoments, 0, whole.firstMoments, j * d, d);
      System.arraycopy(part.secondMoments, 0, whole.secondMoments, j * scatterValues,
          scatterValues);
    }
    if (type == CovarianceType.TIED) {
      GaussianStatistics scatter = parts.get(n);
      expectPart(scatter, n, 0, d * d);
      System.arraycopy(scatter.secondMoments, 0, whole.secondMoments, 0, d * d);
    }
    whole.entropy = parts.get(0).entropy;
    return whole;
  }

  private void expectPart(GaussianStatistics part, int index, int components, int scatter) {
    if (part.type != type || part.d != d || part.k != components
        || part.secondMoments.length != scatter) {
      throw new IllegalArgumentException("part " + index + " holds " + part.type + " statistics "
          + "of k=" + part.k + ", d=" + part.d + " with " + part.secondMoments.length
          + " second moments, expected " + type + " of k=" + components + ", d=" + d + " with "
          + scatter);
    }
  }

  private static void add(double[] into, double[] from) {
    for (int i = 0; i < into.length; i++) {
      into[i] += from[i];
    }
  }

  public CovarianceType covarianceType() {
    return type;
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

  /** The centre c_j (copy). */
  public double[] centre(int j) {
    return Arrays.copyOfRange(centres, j * d, (j + 1) * d);
  }

  /** s_j = Σ_i r_ij·(x_i − c_j) (copy). */
  public double[] firstMoment(int j) {
    return Arrays.copyOfRange(firstMoments, j * d, (j + 1) * d);
  }

  /**
   * Σ_i r_ij·(x_ia − c_ja)(x_ib − c_jb): of component j for {@code full}; summed over all
   * components (j ignored) for {@code tied}; only a == b for {@code diag} and {@code spherical}.
   *
   * @throws IllegalArgumentException for a ≠ b under {@code diag} or {@code spherical}
   */
  public double secondMoment(int j, int a, int b) {
    switch (type) {
      case FULL:
      case TIED:
        int offset = type == CovarianceType.FULL ? j * d * d : 0;
        return a >= b ? secondMoments[offset + b * d + a] : secondMoments[offset + a * d + b];
      default:
        if (a != b) {
          throw new IllegalArgumentException(
              type + " statistics hold no off-diagonal second moments");
        }
        return secondMoments[j * d + a];
    }
  }

  /** −Σ_i w_i Σ_j p_ij·log p_ij, natural log: the posterior entropy, ≥ 0. */
  public double posteriorEntropy() {
    return entropy;
  }
}
