package dev.sparkem.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.function.Supplier;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the features (and optionally the weight) of rows of a known schema, densely into a packed
 * {@code double[]} or as their non-zero entries, checking every value: a missing or non-numeric
 * feature, one outside the {@link ValueDomain} (NaN and infinities are outside every domain), a
 * vector of the wrong width, or a negative or non-finite weight is an
 * {@link InvalidDataException} whose message starts with the caller's description of the row
 * (asked for only when a value is rejected, so reading costs no string per row).
 */
public final class RowReader implements Serializable {
  private static final long serialVersionUID = 1L;

  private final FeatureColumns features;
  private final ValueDomain domain;
  private final int[] featurePositions;
  private final String weightColumn;
  private final int weightPosition;

  /**
   * @param schema the schema of the rows to read; must hold the feature columns
   * @param domain the feature values accepted
   * @param weightColumn the weight column, or {@code null} when rows are unweighted
   */
  public RowReader(StructType schema, FeatureColumns features, ValueDomain domain,
      String weightColumn) {
    this.features = features;
    this.domain = domain;
    this.featurePositions = features.names().stream().mapToInt(schema::fieldIndex).toArray();
    this.weightColumn = weightColumn;
    this.weightPosition = weightColumn == null ? -1 : schema.fieldIndex(weightColumn);
  }

  /** The row width d. */
  public int dimension() {
    return features.dimension();
  }

  /** True when a weight column is read. */
  public boolean weighted() {
    return weightColumn != null;
  }

  /** Receives the non-zero features of a row, in ascending column order. */
  @FunctionalInterface
  public interface EntryConsumer {
    void accept(int column, double value);
  }

  /** Writes the d features of {@code row} to {@code out[offset..offset+d)}. */
  public void readFeatures(Row row, double[] out, int offset, Supplier<String> where) {
    Arrays.fill(out, offset, offset + features.dimension(), 0.0);
    readNonZeros(row, where, (column, value) -> out[offset + column] = value);
  }

  /**
   * Passes the non-zero features of {@code row} to {@code consumer}: for a sparse vector in time
   * proportional to its stored entries, not to d.
   */
  public void readNonZeros(Row row, Supplier<String> where, EntryConsumer consumer) {
    if (features.isVector()) {
      readVector(row, where, consumer);
      return;
    }
    for (int j = 0; j < featurePositions.length; j++) {
      String column = features.names().get(j);
      double value =
          check(number(row.get(featurePositions[j]), where, column), where, column, -1);
      if (value != 0.0) {
        consumer.accept(j, value);
      }
    }
  }

  /** The weight of {@code row}: a finite number ≥ 0. */
  public double readWeight(Row row, Supplier<String> where) {
    double w = number(row.get(weightPosition), where, weightColumn);
    if (!(w >= 0.0) || Double.isInfinite(w)) {
      throw new InvalidDataException(where.get() + ": weight column '" + weightColumn + "' is "
          + w + ", expected a finite number >= 0");
    }
    return w;
  }

  private void readVector(Row row, Supplier<String> where, EntryConsumer consumer) {
    String column = features.names().get(0);
    Object cell = row.get(featurePositions[0]);
    if (cell == null) {
      throw new InvalidDataException(where.get() + ": column '" + column + "' is missing (null)");
    }
    Vector v = (Vector) cell;
    if (v.size() != features.dimension()) {
      throw new InvalidDataException(where.get() + ": column '" + column + "' has " + v.size()
          + " values, expected " + features.dimension());
    }
    if (v instanceof SparseVector) {
      SparseVector sparse = (SparseVector) v;
      int[] indices = sparse.indices();
      double[] active = sparse.values();
      for (int t = 0; t < indices.length; t++) {
        double value = check(active[t], where, column, indices[t]);
        if (value != 0.0) {
          consumer.accept(indices[t], value);
        }
      }
    } else {
      double[] dense = v.toArray();
      for (int i = 0; i < dense.length; i++) {
        double value = check(dense[i], where, column, i);
        if (value != 0.0) {
          consumer.accept(i, value);
        }
      }
    }
  }

  private static double number(Object cell, Supplier<String> where, String column) {
    if (cell == null) {
      throw new InvalidDataException(where.get() + ": column '" + column + "' is missing (null)");
    }
    if (cell instanceof Number) {
      return ((Number) cell).doubleValue();
    }
    String text = cell.toString().trim();
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new InvalidDataException(
          where.get() + ": column '" + column + "' is '" + text + "', expected a number");
    }
  }

  /** {@code x} when the domain holds it; {@code index} ≥ 0 names an entry of a vector column. */
  private double check(double x, Supplier<String> where, String column, int index) {
    if (!domain.contains(x)) {
      String named = index < 0 ? column : column + "[" + index + "]";
      throw new InvalidDataException(
          where.get() + ": column '" + named + "' is " + x + ", expected " + domain.expected());
    }
    return x;
  }
}
