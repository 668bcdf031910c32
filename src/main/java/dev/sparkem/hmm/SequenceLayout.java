package dev.sparkem.hmm;

import java.io.Serializable;
import java.util.List;

/**
 * Where the sequences are in a DataFrame. Either the <b>array layout</b>, one sequence per row
 * in an array column (optionally with an integer id column and a weight column), or the <b>long
 * layout</b>, one observation per row with a sequence id column, a position column ordering the
 * observations of a sequence, and the observation columns (one integer column for symbols or
 * counts, or d numeric columns for a d-dimensional real observation). In the long layout
 * {@code presorted} says that all rows of a sequence are already together in one partition,
 * ordered by position, so the sequences are assembled without a shuffle.
 *
 * @param sequenceColumn the array column (array layout), or null
 * @param idColumn the sequence id column (integer type): required in the long layout; in the
 *     array layout null means the row number in the frame's order
 * @param positionColumn the position column (numeric; long layout), or null
 * @param observationColumns the observation columns (long layout), or empty
 * @param weightColumn a numeric column of sequence weights (array layout), or null for all 1
 * @param presorted long layout only: the data are already partitioned by id and sorted by
 *     position within each sequence
 */
public record SequenceLayout(String sequenceColumn, String idColumn, String positionColumn,
    List<String> observationColumns, String weightColumn, boolean presorted)
    implements Serializable {
  /** @throws IllegalArgumentException if the columns do not make one of the two layouts */
  public SequenceLayout {
    observationColumns = observationColumns == null ? List.of() : List.copyOf(observationColumns);
    if (sequenceColumn != null) {
      if (positionColumn != null || !observationColumns.isEmpty() || presorted) {
        throw new IllegalArgumentException("the array layout (sequence column " + sequenceColumn
            + ") takes no position column, observation columns or presorted flag");
      }
    } else {
      if (idColumn == null || positionColumn == null || observationColumns.isEmpty()) {
        throw new IllegalArgumentException("the long layout needs an id column, a position "
            + "column and observation columns, found id " + idColumn + ", position "
            + positionColumn + ", observations " + observationColumns);
      }
      if (weightColumn != null) {
        throw new IllegalArgumentException("the long layout takes no weight column (weights "
            + "are per sequence: use the array layout)");
      }
    }
  }

  /** The array layout: one sequence per row of {@code sequenceColumn}. */
  public static SequenceLayout array(String sequenceColumn, String idColumn,
      String weightColumn) {
    return new SequenceLayout(sequenceColumn, idColumn, null, List.of(), weightColumn, false);
  }

  /** The long layout: one observation per row. */
  public static SequenceLayout longFormat(String idColumn, String positionColumn,
      List<String> observationColumns, boolean presorted) {
    return new SequenceLayout(null, idColumn, positionColumn, observationColumns, null,
        presorted);
  }

  /** True for the long layout. */
  public boolean isLong() {
    return sequenceColumn == null;
  }
}
