package dev.sparkem.engine;

import java.io.Serializable;
import java.util.List;

/**
 * Expected sufficient statistics of a model family, summed over rows: a small mergeable value
 * (size independent of the number of rows). Contract: merging the statistics of the parts of a
 * data set gives the statistics of the whole, up to floating-point round-off.
 *
 * <p>Statistics may also split into {@link #parts()} pieces (one per component, say) for a
 * reduction by part when they are large ({@link DistributedPass}): {@code part(p)} of several
 * statistics merge like the whole, and {@link #joinParts} puts the merged parts back together,
 * so that the result is bit-identical to merging the whole statistics. By default statistics
 * are one part.
 *
 * @param <S> the implementing type
 */
public interface SufficientStatistics<S extends SufficientStatistics<S>> extends Serializable {
  /**
   * Adds {@code other} into this object.
   *
   * @throws IllegalArgumentException if {@code other} has other dimensions (components, width)
   */
  void merge(S other);

  /** The number of parts these statistics split into, ≥ 1 (default 1: not split). */
  default int parts() {
    return 1;
  }

  /**
   * Statistics holding only part {@code index} (0 ≤ index &lt; {@link #parts()}) of these; they
   * merge with the same part of other statistics as the whole would, number by number.
   * Default: these statistics themselves (one part).
   */
  @SuppressWarnings("unchecked")
  default S part(int index) {
    if (index != 0) {
      throw new IllegalArgumentException("part " + index + " of statistics of 1 part");
    }
    return (S) this;
  }

  /**
   * The whole statistics from their parts 0..parts()−1 in order (the inverse of {@link #part});
   * called on any statistics of the same type. Default: the single part.
   *
   * @throws IllegalArgumentException if the parts do not fit together
   */
  default S joinParts(List<S> parts) {
    if (parts.size() != 1) {
      throw new IllegalArgumentException("found " + parts.size() + " parts, expected 1");
    }
    return parts.get(0);
  }
}
