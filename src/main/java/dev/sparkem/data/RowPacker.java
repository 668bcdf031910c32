package dev.sparkem.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Row;

/**
 * Turns one partition of rows into {@link RowBlock}s of at most {@code rowsPerBlock} rows, reading
 * and checking every value with a {@link RowReader}; errors name the partition and the row within
 * it (0-based).
 */
final class RowPacker implements Function2<Integer, Iterator<Row>, Iterator<RowBlock>> {
  private static final long serialVersionUID = 1L;

  private final RowReader reader;
  private final int rowsPerBlock;

  RowPacker(RowReader reader, int rowsPerBlock) {
    this.reader = reader;
    this.rowsPerBlock = rowsPerBlock;
  }

  @Override
  public Iterator<RowBlock> call(Integer partition, Iterator<Row> rows) {
    return new Iterator<>() {
      private long rowIndex;

      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public RowBlock next() {
        if (!rows.hasNext()) {
          throw new NoSuchElementException();
        }
        int d = reader.dimension();
        double[] values = new double[rowsPerBlock * d];
        double[] weights = reader.weighted() ? new double[rowsPerBlock] : null;
        int n = 0;
        while (n < rowsPerBlock && rows.hasNext()) {
          Row row = rows.next();
          String where = "input row " + rowIndex + " of partition " + partition;
          reader.readFeatures(row, values, n * d, where);
          if (weights != null) {
            weights[n] = reader.readWeight(row, where);
          }
          n++;
          rowIndex++;
        }
        if (n < rowsPerBlock) {
          values = Arrays.copyOf(values, n * d);
          weights = weights == null ? null : Arrays.copyOf(weights, n);
        }
        return new RowBlock(n, d, values, weights);
      }
    };
  }
}
