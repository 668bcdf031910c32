package dev.sparkem.mixture;

import dev.sparkem.data.FeatureColumns;
import dev.sparkem.data.PackedData;
import dev.sparkem.data.Packing;
import dev.sparkem.data.ValueDomain;
import dev.sparkem.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/** Data frames, packing and label matching for the count and binary family tests. */
public final class FamilyFixtures {
  private static final StructType VECTORS = DataTypes.createStructType(
      List.of(DataTypes.createStructField("features", SQLDataTypes.VectorType(), false)));

  private FamilyFixtures() {}

  /** The rows as one column of sparse Spark ML vectors, in exactly {@code partitions} slices. */
  public static Dataset<Row> vectors(double[][] rows, int partitions) {
    List<Vector> list = new ArrayList<>(rows.length);
    for (double[] row : rows) {
      list.add(Vectors.dense(row).toSparse());
    }
    return vectorFrame(list, partitions);
  }

  /** Given vectors as a one-column frame in exactly {@code partitions} slices. */
  public static Dataset<Row> vectorFrame(List<Vector> vectors, int partitions) {
    List<Row> list = new ArrayList<>(vectors.size());
    for (Vector v : vectors) {
      list.add(RowFactory.create(v));
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());
    return SharedSpark.session().createDataFrame(jsc.parallelize(list, partitions), VECTORS);
  }

  /** Packs a frame for {@code domain}, sparse or dense, in memory. */
  public static PackedData pack(Dataset<Row> frame, ValueDomain domain, boolean sparse) {
    return PackedData.pack(frame, FeatureColumns.resolve(frame, List.of(), List.of()), null,
        Packing.DEFAULT.withDomain(domain).withSparse(sparse)
            .withStorage(StorageLevel.MEMORY_ONLY()));
  }

  /** Packs rows as sparse vectors over {@code partitions} slices. */
  public static PackedData pack(double[][] rows, int partitions, ValueDomain domain,
      boolean sparse) {
    return pack(vectors(rows, partitions), domain, sparse);
  }

  /**
   * The permutation p minimising Σ_j |expected[j] − actual[p[j]]|² (label switching), by trying
   * every permutation (k ≤ 6).
   */
  public static int[] match(double[][] expected, double[][] actual) {
    int k = expected.length;
    int[] best = new int[k];
    double[] bestCost = {Double.POSITIVE_INFINITY};
    permute(new int[k], new boolean[k], 0, expected, actual, best, bestCost);
    return best;
  }

  private static void permute(int[] p, boolean[] used, int j, double[][] e, double[][] a,
      int[] best, double[] bestCost) {
    if (j == p.length) {
      double cost = 0.0;
      for (int c = 0; c < p.length; c++) {
        for (int t = 0; t < e[c].length; t++) {
          cost += (e[c][t] - a[p[c]][t]) * (e[c][t] - a[p[c]][t]);
        }
      }
      if (cost < bestCost[0]) {
        bestCost[0] = cost;
        System.arraycopy(p, 0, best, 0, p.length);
      }
      return;
    }
    for (int c = 0; c < p.length; c++) {
      if (!used[c]) {
        used[c] = true;
        p[j] = c;
        permute(p, used, j + 1, e, a, best, bestCost);
        used[c] = false;
      }
    }
  }

  /**
   * Asserts |actual − expected| ≤ 5·se for every entry, naming the worst one: the recovery
   * tolerance of a parameter estimated from n rows.
   */
  public static void assertWithinFiveStandardErrors(double[] expected, double[] actual,
      double[] standardErrors, String what) {
    for (int a = 0; a < expected.length; a++) {
      double gap = Math.abs(actual[a] - expected[a]);
      org.junit.jupiter.api.Assertions.assertTrue(gap <= 5 * standardErrors[a],
          what + "[" + a + "]: expected " + expected[a] + ", found " + actual[a] + ", "
              + gap / standardErrors[a] + " standard errors (" + standardErrors[a] + ") away");
    }
  }
}
