package dev.sparkem.data;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * A data set packed into cached {@link RowBlock}s, validated and counted: the input of every EM
 * pass. Packing reads the source once; later passes read the cache. Call {@link #release()} when
 * the fit is done.
 */
public final class PackedData {
  private final JavaRDD<RowBlock> blocks;
  private final FeatureColumns features;
  private final long rows;
  private final double totalWeight;

  private PackedData(JavaRDD<RowBlock> blocks, FeatureColumns features, long rows,
      double totalWeight) {
    this.blocks = blocks;
    this.features = features;
    this.rows = rows;
    this.totalWeight = totalWeight;
  }

  /**
   * Packs, caches and counts {@code data}: a Spark job over the whole input that also validates
   * every value.
   *
   * @param weightColumn the column of row weights, or {@code null} for weight 1 on every row
   * @param packing the accepted values, the block layout and size, and the storage level
   * @throws InvalidDataException on any bad value, on empty input or zero total weight
   */
  public static PackedData pack(Dataset<Row> data, FeatureColumns features, String weightColumn,
      Packing packing) {
    List<Column> columns = new ArrayList<>();
    for (String name : features.names()) {
      columns.add(column(name));
    }
    if (weightColumn != null) {
      if (!List.of(data.columns()).contains(weightColumn)) {
        throw new InvalidDataException("weight column '" + weightColumn
            + "' is missing from the input (columns found: " + String.join(", ", data.columns())
            + ")");
      }
      columns.add(column(weightColumn));
    }
    Dataset<Row> selected = data.select(columns.toArray(new Column[0]));
    RowReader reader =
        new RowReader(selected.schema(), features, packing.domain(), weightColumn);
    JavaRDD<RowBlock> blocks = selected.javaRDD()
        .mapPartitionsWithIndex(new RowPacker(reader, packing), true)
        .persist(packing.storage());
    blocks.setName("spark-em packed blocks (d=" + features.dimension() + ")");
    double[] counts;
    try {
      counts = blocks.map(b -> new double[] {b.rows(), b.totalWeight()})
          .fold(new double[2], (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]});
    } catch (Exception e) { // Spark's job failures are checked exceptions thrown from Scala
      blocks.unpersist(false);
      throw DatasetReader.readFailure("cannot read the input", e);
    }
    if (counts[0] == 0) {
      blocks.unpersist(false);
      throw new InvalidDataException("input has no rows");
    }
    if (!(counts[1] > 0)) {
      blocks.unpersist(false);
      throw new InvalidDataException(
          "total weight of the input is " + counts[1] + ", expected a positive number");
    }
    return new PackedData(blocks, features, (long) counts[0], counts[1]);
  }

  /** The column {@code name} taken literally: dots in CSV headers are not struct fields. */
  static Column column(String name) {
    return functions.col("`" + name.replace("`", "``") + "`");
  }

  /** The cached blocks. */
  public JavaRDD<RowBlock> blocks() {
    return blocks;
  }

  public FeatureColumns features() {
    return features;
  }

  public int dimension() {
    return features.dimension();
  }

  /** The number of rows. */
  public long rows() {
    return rows;
  }

  /** Σ of the row weights (the number of rows when unweighted). */
  public double totalWeight() {
    return totalWeight;
  }

  /**
   * Checks that a model of k components can be fitted: k must not exceed the number of rows.
   *
   * @throws InvalidDataException if it does
   */
  public void requireRowsFor(int k) {
    if (k > rows) {
      throw new InvalidDataException(
          "k=" + k + " exceeds the number of rows in the input (" + rows + ")");
    }
  }

  /** Drops the cached blocks. */
  public void release() {
    blocks.unpersist(false);
  }
}
