package dev.sparkem.ml;

import dev.sparkem.testing.SharedSpark;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Old Faithful (data/faithful.csv, 272 rows) in the shared session, raw or assembled. */
final class Faithful {
  private Faithful() {}

  /** The columns eruptions and waiting (doubles) in two partitions, cached. */
  static Dataset<Row> raw() {
    return SharedSpark.session().read().option("header", "true")
        .schema(SharedSpark.doubles("eruptions", "waiting")).csv("data/faithful.csv")
        .repartition(2).cache();
  }

  /** The assembler of eruptions and waiting into a "features" vector column. */
  static VectorAssembler assembler() {
    return new VectorAssembler().setInputCols(new String[] {"eruptions", "waiting"})
        .setOutputCol("features");
  }

  /** {@link #raw()} with the "features" column, cached. */
  static Dataset<Row> assembled() {
    return assembler().transform(raw()).cache();
  }
}
