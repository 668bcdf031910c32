package dev.sparkem.hmm;

import dev.sparkem.data.InvalidDataException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Start points for Baum–Welch made from the sample of a {@link SequenceSummary} (driver only,
 * no pass over the data): random ones, and k-means on the emissions. The same summary, seed and
 * settings give the same start point.
 */
public final class HmmStarts {
  private static final int KMEANS_MAX_ITERATIONS = 100;
  /** Lower bound of a start rate, so a state of zero counts can still move. */
  private static final double RATE_FLOOR = 1e-3;

  private HmmStarts() {}

  /**
   * Random start: π and each row of A drawn from a flat Dirichlet distribution; categorical rows
   * likewise over {@code symbols}; Gaussian means are n distinct sampled observations with the
   * sample's variance (diagonal) or covariance (full) for every state; Poisson rates are the
   * sample mean times a factor drawn uniformly from [0.5, 1.5).
   *
   * @param symbols M, the number of symbols (categorical only)
   * @throws InvalidDataException if the sample has fewer than n distinct observations (Gaussian),
   *     or a coordinate is constant
   */
  public static HmmParameters random(EmissionType type, int n, int symbols,
      SequenceSummary summary, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] start = dirichlet(random, n);
    double[][] transitions = new double[n][];
    for (int i = 0; i < n; i++) {
      transitions[i] = dirichlet(random, n);
    }
    double[][] sample = summary.sample();
    Emission emission = switch (type) {
      case CATEGORICAL -> {
        double[][] rows = new double[n][];
        for (int k = 0; k < n; k++) {
          rows[k] = dirichlet(random, symbols);
        }
        yield CategoricalEmission.of(rows);
      }
      case GAUSSIAN -> GaussianEmission.diagonal(distinctRows(sample, n, random),
          repeat(sampleVariances(sample), n));
      case FULL_GAUSSIAN -> fullGaussian(distinctRows(sample, n, random),
          repeat(covariance(sample), n));
      case POISSON -> {
        double mean = Math.max(RATE_FLOOR, mean(sample)[0]);
        double[] rates = new double[n];
        for (int k = 0; k < n; k++) {
          rates[k] = mean * (0.5 + random.nextDouble());
        }
        yield PoissonEmission.of(rates);
      }
    };
    return HmmParameters.of(start, transitions, emission);
  }

  /**
   * k-means start: Lloyd's k-means (k-means++ seeding, at most 100 iterations) on the sampled
   * observations; each state's emission is its cluster's mean and variance (diagonal) or
   * covariance (full), or rate (Poisson, at least 1e-3); a cluster too small to have a variance
   * takes the whole sample's. π and the rows of A are uniform.
   *
   * @throws IllegalArgumentException for categorical emissions (symbols have no distance)
   * @throws InvalidDataException if the sample has fewer than n distinct observations
   */
  public static HmmParameters kmeans(EmissionType type, int n, SequenceSummary summary,
      long seed) {
    if (type == EmissionType.CATEGORICAL) {
      throw new IllegalArgumentException("init kmeans does not apply to categorical emissions,"
          + " expected random or given parameters");
    }
    double[][] sample = summary.sample();
    double[][] centres = distinctRows(sample, n, new SplittableRandom(seed));
    seedPlusPlus(sample, centres, new SplittableRandom(seed));
    int[] cluster = lloyd(sample, centres);
    Emission emission = switch (type) {
      case GAUSSIAN -> {
        double[][] variances = new double[n][];
        double[] global = sampleVariances(sample);
        for (int k = 0; k < n; k++) {
          double[] v = variances(members(sample, cluster, k));
          variances[k] = Arrays.stream(v).allMatch(x -> x > 0) ? v : global;
        }
        yield GaussianEmission.diagonal(centres, variances);
      }
      case FULL_GAUSSIAN -> {
        double[][][] covariances = new double[n][][];
        double[][] global = covariance(sample);
        for (int k = 0; k < n; k++) {
          double[][] members = members(sample, cluster, k);
          covariances[k] = members.length > centres[k].length ? covariance(members) : global;
        }
        try {
          yield FullGaussianEmission.of(centres, covariances);
        } catch (IllegalArgumentException e) {
          yield fullGaussian(centres, repeat(global, n));
        }
      }
      default -> {
        double[] rates = new double[n];
        for (int k = 0; k < n; k++) {
          rates[k] = Math.max(RATE_FLOOR, centres[k][0]);
        }
        yield PoissonEmission.of(rates);
      }
    };
    double[] start = new double[n];
    Arrays.fill(start, 1.0 / n);
    double[][] transitions = new double[n][];
    Arrays.fill(transitions, start);
    return HmmParameters.of(start, transitions, emission);
  }

  private static FullGaussianEmission fullGaussian(double[][] means, double[][][] covariances) {
    try {
      return FullGaussianEmission.of(means, covariances);
    } catch (IllegalArgumentException e) {
      throw new InvalidDataException("the sampled observations have a singular covariance ("
          + e.getMessage() + "); a full-covariance Gaussian emission needs observations that "
          + "span every dimension", e);
    }
  }

  /** n distinct rows of the sample, chosen at random. */
  private static double[][] distinctRows(double[][] sample, int n, SplittableRandom random) {
    long distinct = Arrays.stream(sample).map(Arrays::toString).distinct().count();
    if (distinct < n) {
      throw new InvalidDataException("the data have " + distinct + " distinct observations"
          + (sample.length == SequenceSummary.SAMPLE_SIZE ? " in a sample of " + sample.length
          : "") + ", expected at least " + n + " (one per state)");
    }
    double[][] rows = new double[n][];
    java.util.Set<String> taken = new java.util.HashSet<>();
    int k = 0;
    while (k < n) {
      double[] row = sample[random.nextInt(sample.length)];
      if (taken.add(Arrays.toString(row))) {
        rows[k++] = row.clone();
      }
    }
    return rows;
  }

  /** k-means++ (D² sampling) seeding: replaces centres[1..] given centres[0]. */
  private static void seedPlusPlus(double[][] sample, double[][] centres,
      SplittableRandom random) {
    double[] nearest = new double[sample.length];
    Arrays.fill(nearest, Double.POSITIVE_INFINITY);
    for (int k = 1; k < centres.length; k++) {
      double total = 0.0;
      for (int i = 0; i < sample.length; i++) {
        nearest[i] = Math.min(nearest[i], squaredDistance(sample[i], centres[k - 1]));
        total += nearest[i];
      }
      if (!(total > 0)) {
        return;
      }
      double target = random.nextDouble() * total;
      int chosen = sample.length - 1;
      for (int i = 0; i < sample.length; i++) {
        target -= nearest[i];
        if (target < 0) {
          chosen = i;
          break;
        }
      }
      centres[k] = sample[chosen].clone();
    }
  }

  /** Lloyd iterations in place on centres; returns the final assignment. */
  private static int[] lloyd(double[][] sample, double[][] centres) {
    int n = centres.length;
    int d = centres[0].length;
    int[] cluster = new int[sample.length];
    Arrays.fill(cluster, -1);
    for (int iteration = 0; iteration < KMEANS_MAX_ITERATIONS; iteration++) {
      boolean changed = false;
      for (int i = 0; i < sample.length; i++) {
        int best = 0;
        for (int k = 1; k < n; k++) {
          if (squaredDistance(sample[i], centres[k])
              < squaredDistance(sample[i], centres[best])) {
            best = k;
          }
        }
        changed |= cluster[i] != best;
        cluster[i] = best;
      }
      if (!changed) {
        break;
      }
      for (int k = 0; k < n; k++) {
        double[][] members = members(sample, cluster, k);
        if (members.length > 0) {
          centres[k] = mean(members);
        }
      }
    }
    return cluster;
  }

  private static double[][] members(double[][] sample, int[] cluster, int k) {
    return java.util.stream.IntStream.range(0, sample.length).filter(i -> cluster[i] == k)
        .mapToObj(i -> sample[i]).toArray(double[][]::new);
  }

  private static double squaredDistance(double[] x, double[] y) {
    double sum = 0.0;
    for (int a = 0; a < x.length; a++) {
      double z = x[a] - y[a];
      sum += z * z;
    }
    return sum;
  }

  private static double[] mean(double[][] rows) {
    double[] mean = new double[rows[0].length];
    for (double[] row : rows) {
      for (int a = 0; a < mean.length; a++) {
        mean[a] += row[a] / rows.length;
      }
    }
    return mean;
  }

  /**
   * The sample's per-coordinate variances.
   *
   * @throws InvalidDataException naming a coordinate that is constant
   */
  private static double[] sampleVariances(double[][] sample) {
    double[] v = variances(sample);
    for (int a = 0; a < v.length; a++) {
      if (!(v[a] > 0)) {
        throw new InvalidDataException("coordinate " + a + " of the observations is constant ("
            + sample[0][a] + " in every sampled observation), expected some variance");
      }
    }
    return v;
  }

  /** Per-coordinate variance (ddof 0); zeros for fewer than 2 rows. */
  private static double[] variances(double[][] rows) {
    if (rows.length < 2) {
      return new double[rows.length == 0 ? 1 : rows[0].length];
    }
    double[][] c = covariance(rows);
    double[] v = new double[c.length];
    for (int a = 0; a < v.length; a++) {
      v[a] = c[a][a];
    }
    return v;
  }

  /** The covariance matrix (ddof 0) of the rows. */
  private static double[][] covariance(double[][] rows) {
    double[] mean = mean(rows);
    int d = mean.length;
    double[][] c = new double[d][d];
    for (double[] row : rows) {
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          c[a][b] += (row[a] - mean[a]) * (row[b] - mean[b]) / rows.length;
        }
      }
    }
    return c;
  }

  private static <T> T[] repeat(T value, int n) {
    @SuppressWarnings("unchecked")
    T[] copies = (T[]) java.lang.reflect.Array.newInstance(value.getClass(), n);
    Arrays.fill(copies, value);
    return copies;
  }

  private static double[] dirichlet(SplittableRandom random, int size) {
    double[] p = new double[size];
    double sum = 0.0;
    for (int j = 0; j < size; j++) {
      p[j] = -Math.log(1 - random.nextDouble());
      sum += p[j];
    }
    for (int j = 0; j < size; j++) {
      p[j] /= sum;
    }
    return p;
  }
}
