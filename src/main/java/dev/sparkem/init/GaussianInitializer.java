package dev.sparkem.init;

import dev.sparkem.data.InvalidDataException;
import dev.sparkem.data.PackedData;
import dev.sparkem.data.RowBlock;
import dev.sparkem.mixture.gaussian.CovarianceType;
import dev.sparkem.mixture.gaussian.GaussianMixtureParameters;
import dev.sparkem.mixture.gaussian.GaussianStarts;
import java.util.ArrayList;
import java.util.List;
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
      case RANDOM -> GaussianStarts.fromRows(data.blocks(), randomRows(data.blocks(), k, seed),
          type, regCovar);
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

  private static double[][] randomRows(JavaRDD<RowBlock> blocks, int k, long seed) {
    return rowsOf(blocks).takeSample(false, k, seed).toArray(new double[0][]);
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
