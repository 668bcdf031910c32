package dev.sparkem.init;

import dev.sparkem.data.InvalidDataException;
import dev.sparkem.data.PackedData;
import dev.sparkem.data.RowBlock;
import dev.sparkem.mixture.RandomStarts;
import dev.sparkem.mixture.gaussian.CovarianceType;
import dev.sparkem.mixture.gaussian.GaussianMixtureParameters;
import dev.sparkem.mixture.gaussian.GaussianStarts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.clustering.KMeans;
import org.apache.spark.mllib.clustering.KMeansModel;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;

/**
 * Start points for a Gaussian mixture from the data. Same data, partitioning and seed give the
 * same start point.
 */
public final class GaussianInitializer {
  /** The most rows the k-means++ mode seeds from. */
  public static final int SAMPLE_ROWS = 10_000;
  private static final int KMEANS_MAX_ITERATIONS = 20;

  private GaussianInitializer() {}

  /**
   * The start point of {@code mode} for k components.
   *
   * @throws InvalidDataException if the data have fewer rows (or distinct rows, for k-means)
   *     than k
   */
  public static GaussianMixtureParameters start(InitMode mode, PackedData data, int k,
      CovarianceType type, long seed, double regCovar) {
    if (k < 1) {
      throw new IllegalArgumentException("k is " + k + ", expected >= 1");
    }
    data.requireRowsFor(k);
    return switch (mode) {
      case KMEANS -> kMeansParallel(data.blocks(), k, type, seed, regCovar);
      case KMEANS_PLUS_PLUS -> GaussianStarts.fromCentres(data.blocks(),
          kMeansPlusPlus(data, k, seed), type, regCovar);
      case RANDOM -> GaussianStarts.fromRows(data.blocks(),
          RandomStarts.randomRows(data.blocks(), k, seed), type, regCovar);
      case RANDOM_RESPONSIBILITIES -> GaussianStarts.fromRandomResponsibilities(data.blocks(), k,
          RandomStarts.randomRows(data.blocks(), 1, seed)[0], type, seed, regCovar);
    };
  }

  private static GaussianMixtureParameters kMeansParallel(JavaRDD<RowBlock> blocks, int k,
      CovarianceType type, long seed, double regCovar) {
    JavaRDD<Vector> rows = rowsOf(blocks).map(Vectors::dense);
    KMeansModel model = new KMeans().setK(k).setSeed(seed)
        .setInitializationMode(KMeans.K_MEANS_PARALLEL()).setMaxIterations(KMEANS_MAX_ITERATIONS)
        .run(rows.rdd());
    Vector[] centres = model.clusterCenters();
    if (centres.length < k) {
      throw new InvalidDataException("k-means found only " + centres.length
          + " distinct centres for k=" + k + ": the input has fewer distinct rows than k");
    }
    double[][] means = new double[k][];
    for (int j = 0; j < k; j++) {
      means[j] = centres[j].toArray();
    }
    return GaussianStarts.fromCentres(blocks, means, type, regCovar);
  }

  /** D² seeding on a uniform sample: each next centre drawn with probability ∝ distance². */
  private static double[][] kMeansPlusPlus(PackedData data, int k, long seed) {
    int size = (int) Math.min(data.rows(), SAMPLE_ROWS);
    List<double[]> sample = rowsOf(data.blocks()).takeSample(false, size, seed);
    SplittableRandom random = new SplittableRandom(seed);
    double[][] centres = new double[k][];
    centres[0] = sample.get(random.nextInt(size));
    double[] distances = new double[size];
    Arrays.fill(distances, Double.POSITIVE_INFINITY);
    for (int c = 1; c < k; c++) {
      double total = 0.0;
      for (int i = 0; i < size; i++) {
        distances[i] = Math.min(distances[i], squaredDistance(sample.get(i), centres[c - 1]));
        total += distances[i];
      }
      if (!(total > 0)) {
        throw new InvalidDataException("k-means++ found only " + c + " distinct rows in a sample "
            + "of " + size + " for k=" + k + ": the input has fewer distinct rows than k");
      }
      double target = random.nextDouble() * total;
      int chosen = 0;
      for (double cumulative = distances[0]; cumulative <= target && chosen < size - 1; ) {
        cumulative += distances[++chosen];
      }
      centres[c] = sample.get(chosen);
    }
    return centres;
  }

  private static double squaredDistance(double[] x, double[] y) {
    double sum = 0.0;
    for (int a = 0; a < x.length; a++) {
      sum += (x[a] - y[a]) * (x[a] - y[a]);
    }
    return sum;
  }

  private static JavaRDD<double[]> rowsOf(JavaRDD<RowBlock> blocks) {
    return blocks.flatMap(block -> {
      List<double[]> rows = new ArrayList<>(block.rows());
      for (int i = 0; i < block.rows(); i++) {
        rows.add(block.row(i));
      }
      return rows.iterator();
    });
  }
}
