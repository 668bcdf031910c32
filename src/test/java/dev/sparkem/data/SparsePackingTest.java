package dev.sparkem.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkem.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The sparse block layout holds exactly the rows of the dense one; domains are enforced. */
class SparsePackingTest {
  private static final StructType VECTORS = DataTypes.createStructType(
      List.of(DataTypes.createStructField("features", SQLDataTypes.VectorType(), false)));

  private static Dataset<Row> sparseFrame(double[][] rows) {
    List<Row> list = new ArrayList<>();
    for (double[] row : rows) {
      list.add(RowFactory.create(Vectors.dense(row).toSparse()));
    }
    return SharedSpark.session().createDataFrame(list, VECTORS).repartition(1);
  }

  private static List<double[]> unpack(PackedData data) {
    List<double[]> rows = new ArrayList<>();
    for (RowBlock block : data.blocks().collect()) {
      for (int i = 0; i < block.rows(); i++) {
        rows.add(block.row(i));
      }
    }
    data.release();
    return rows;
  }

  @Test
  void sparseAndDenseLayoutsHoldTheSameRows() {
    Random random = new Random(3);
    double[][] rows = new double[500][40];
    for (double[] row : rows) {
      for (int a = 0; a < row.length; a++) {
        row[a] = random.nextDouble() < 0.1 ? random.nextInt(5) : 0.0;
      }
    }
    Dataset<Row> frame = sparseFrame(rows);
    FeatureColumns features = FeatureColumns.resolve(frame, List.of(), List.of());
    assertTrue(features.isVector());
    // A 600-byte budget makes several sparse blocks of about 50 entries each.
    Packing sparse = Packing.DEFAULT.withSparse(true).withBlockBytes(600);
    PackedData packed = PackedData.pack(frame, features, null, sparse);
    assertTrue(packed.blocks().collect().stream().allMatch(RowBlock::isSparse));
    assertTrue(packed.blocks().count() > 5);
    List<double[]> fromSparse = unpack(packed);
    List<double[]> fromDense = unpack(PackedData.pack(frame, features, null, Packing.DEFAULT));
    assertEquals(rows.length, fromSparse.size());
    for (int i = 0; i < rows.length; i++) {
      assertArrayEquals(rows[i], fromSparse.get(i), "row " + i);
      assertArrayEquals(rows[i], fromDense.get(i), "row " + i);
    }
  }

  @Test
  void denseValuesOfASparseBlockFillTheZeros() {
    RowBlock block = RowBlock.sparse(2, 3, new int[] {0, 1, 3}, new int[] {2, 0, 1},
        new double[] {5, 6, 7}, null);
    assertArrayEquals(new double[] {0, 0, 5, 6, 7, 0}, block.denseValues());
  }

  @Test
  void valuesOutsideTheDomainAreRejectedWithTheirPlace() {
    Dataset<Row> frame = SharedSpark.frame(new double[][] {{1, 2}, {3, -1}}, 1);
    FeatureColumns features = FeatureColumns.resolve(frame, List.of(), List.of());
    InvalidDataException counts = assertThrows(
        InvalidDataException.class, () -> PackedData.pack(frame, features, null,
            Packing.DEFAULT.withDomain(ValueDomain.COUNT)));
    assertTrue(counts.getMessage().contains("input row 1 of partition 0: column 'x1' is -1.0, "
        + "expected a count"), counts.getMessage());
    InvalidDataException bits = assertThrows(
        InvalidDataException.class, () -> PackedData.pack(frame, features, null,
            Packing.DEFAULT.withDomain(ValueDomain.BINARY)));
    assertTrue(bits.getMessage().contains("column 'x1' is 2.0, expected 0 or 1"),
        bits.getMessage());
  }
}
