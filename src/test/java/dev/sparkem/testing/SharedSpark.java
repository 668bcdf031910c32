package dev.sparkem.testing;

import dev.sparkem.data.FeatureColumns;
import dev.sparkem.data.PackedData;
import dev.sparkem.data.Packing;
import dev.sparkem.engine.DistributedPass;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/** The one local[2] SparkSession that every test shares, and helpers to put arrays into it. */
public final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2]")
          .appName("spark-em-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .getOrCreate();
    }
    return session;
  }

  /** The rows as a DataFrame of numeric columns x0..x{d-1} in exactly {@code partitions} slices. */
  public static Dataset<Row> frame(double[][] rows, int partitions) {
    int d = rows[0].length;
    List<StructField> fields = new ArrayList<>();
    for (int a = 0; a < d; a++) {
      fields.add(DataTypes.createStructField("x" + a, DataTypes.DoubleType, false));
    }
    List<Row> list = new ArrayList<>();
    for (double[] row : rows) {
      Object[] cells = new Object[d];
      for (int a = 0; a < d; a++) {
        cells[a] = row[a];
      }
      list.add(RowFactory.create(cells));
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session().sparkContext());
    return session().createDataFrame(jsc.parallelize(list, partitions),
        DataTypes.createStructType(fields));
  }

  /** The rows packed into cached blocks of at most {@code blockBytes}, in {@code partitions}. */
  public static PackedData pack(double[][] rows, int partitions, long blockBytes) {
    Dataset<Row> frame = frame(rows, partitions);
    return PackedData.pack(frame, FeatureColumns.resolve(frame, List.of(), List.of()), null,
        Packing.DEFAULT.withBlockBytes(blockBytes).withStorage(StorageLevel.MEMORY_ONLY()));
  }

  public static PackedData pack(double[][] rows, int partitions) {
    return pack(rows, partitions, Packing.DEFAULT_BLOCK_BYTES);
  }

  /**
   * {@code body} run with the keyed reduction threshold
   * {@link DistributedPass#KEYED_REDUCTION_BYTES} at {@code bytes} (0: always reduce by part;
   * {@link Long#MAX_VALUE}: never).
   */
  public static <T> T withKeyedReductionBytes(long bytes, Supplier<T> body) {
    SparkContext context = session().sparkContext();
    context.setLocalProperty(DistributedPass.KEYED_REDUCTION_BYTES, Long.toString(bytes));
    try {
      return body.get();
    } finally {
      context.setLocalProperty(DistributedPass.KEYED_REDUCTION_BYTES, null);
    }
  }

  /** Schema helper for tests that build their own frames. */
  public static StructType doubles(String... names) {
    List<StructField> fields = new ArrayList<>();
    for (String name : names) {
      fields.add(DataTypes.createStructField(name, DataTypes.DoubleType, true));
    }
    return DataTypes.createStructType(fields);
  }
}
