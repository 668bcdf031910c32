package dev.sparkem.testing;

import dev.sparkem.data.FeatureColumns;
import dev.sparkem.data.PackedData;
import dev.sparkem.data.Packing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/** DataFrames of any schema in the shared session, and weighted packing. */
public final class Frames {
  /** The name of the weight column of {@link #weighted}. */
  public static final String WEIGHT = "w";

  private Frames() {}

  /** The rows (cells in schema order) as a DataFrame in exactly {@code partitions} slices. */
  public static Dataset<Row> of(StructType schema, int partitions, Object[]... rows) {
    List<Row> list = new ArrayList<>();
    for (Object[] cells : rows) {
      list.add(RowFactory.create(cells));
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());
    return SharedSpark.session().createDataFrame(jsc.parallelize(list, partitions), schema);
  }

  /** Feature columns x0..x{d-1} and the weight column {@value #WEIGHT}. */
  public static Dataset<Row> weighted(double[][] rows, double[] weights, int partitions) {
    int d = rows[0].length;
    String[] names = new String[d + 1];
    for (int a = 0; a < d; a++) {
      names[a] = "x" + a;
    }
    names[d] = WEIGHT;
    Object[][] cells = new Object[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      cells[i] = new Object[d + 1];
      for (int a = 0; a < d; a++) {
        cells[i][a] = rows[i][a];
      }
      cells[i][d] = weights[i];
    }
    return of(SharedSpark.doubles(names), partitions, cells);
  }

  /** Packs {@code frame}: every column but {@value #WEIGHT} is a feature, weighted by it. */
  public static PackedData packWeighted(Dataset<Row> frame, long blockBytes) {
    List<String> features = new ArrayList<>(Arrays.asList(frame.columns()));
    features.remove(WEIGHT);
    return PackedData.pack(frame, FeatureColumns.resolve(frame, features, List.of(WEIGHT)), WEIGHT,
        Packing.DEFAULT.withBlockBytes(blockBytes).withStorage(StorageLevel.MEMORY_ONLY()));
  }
}
