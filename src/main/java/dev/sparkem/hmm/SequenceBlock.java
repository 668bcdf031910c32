package dev.sparkem.hmm;

import dev.sparkem.data.DataBlock;
import dev.sparkem.data.InvalidDataException;

/**
 * A block of whole sequences, the E-step unit of an HMM: either categorical symbols (ints
 * 0..M−1) or d-dimensional real observations, packed contiguously with an offset per sequence,
 * plus a sequence id (for messages) and a weight per sequence. {@link #rows()} is the number of
 * sequences. Immutable.
 *
 * <p>It lives in {@code dev.sparkem.hmm} rather than {@code dev.sparkem.data} because only HMM
 * families read it; the engine sees it only through {@link DataBlock}.
 */
public final class SequenceBlock implements DataBlock {
  private static final long serialVersionUID = 1L;

  private final long[] ids;
  private final int[] offsets;
  private final int dimension;
  private final int[] symbols;
  private final double[] values;
  private final double[] weights;
  private final double totalWeight;

  private SequenceBlock(long[] ids, int[] offsets, int dimension, int[] symbols, double[] values,
      double[] weights) {
    this.ids = ids;
    this.offsets = offsets;
    this.dimension = dimension;
    this.symbols = symbols;
    this.values = values;
    this.weights = weights;
    double sum = 0.0;
    for (double w : weights) {
      sum += w;
    }
    this.totalWeight = sum;
  }

  /**
   * A block of categorical sequences.
   *
   * @param ids one id per sequence (used in messages), or null for 0, 1, 2, …
   * @param sequences non-empty sequences of symbols ≥ 0
   * @param weights one finite weight ≥ 0 per sequence, or null for all 1
   * @throws InvalidDataException naming the sequence id (and position) of an empty sequence or a
   *     negative symbol
   * @throws IllegalArgumentException if ids or weights have the wrong length or a bad weight
   */
  public static SequenceBlock categorical(long[] ids, int[][] sequences, double[] weights) {
    long[] idArray = ids(ids, sequences.length);
    double[] w = weights(weights, sequences.length);
    int[] offsets = new int[sequences.length + 1];
    for (int s = 0; s < sequences.length; s++) {
      checkLength(sequences[s] == null ? 0 : sequences[s].length, idArray[s]);
      offsets[s + 1] = Math.addExact(offsets[s], sequences[s].length);
    }
    int[] symbols = new int[offsets[sequences.length]];
    for (int s = 0; s < sequences.length; s++) {
      for (int t = 0; t < sequences[s].length; t++) {
        if (sequences[s][t] < 0) {
          throw new InvalidDataException("sequence " + idArray[s] + " position " + t
              + ": symbol is " + sequences[s][t] + ", expected an integer >= 0");
        }
        symbols[offsets[s] + t] = sequences[s][t];
      }
    }
    return new SequenceBlock(idArray, offsets, 0, symbols, null, w);
  }

  /**
   * A block of real-valued sequences: {@code sequences[s][t]} is the observation (a vector of
   * length d ≥ 1) at position t of sequence s.
   *
   * @param ids one id per sequence (used in messages), or null for 0, 1, 2, …
   * @param weights one finite weight ≥ 0 per sequence, or null for all 1
   * @throws InvalidDataException naming the sequence id and position of an empty sequence, a
   *     non-finite value or an observation whose dimension differs from the first one
   */
  public static SequenceBlock real(long[] ids, double[][][] sequences, double[] weights) {
    long[] idArray = ids(ids, sequences.length);
    double[] w = weights(weights, sequences.length);
    int[] offsets = new int[sequences.length + 1];
    int d = -1;
    for (int s = 0; s < sequences.length; s++) {
      checkLength(sequences[s] == null ? 0 : sequences[s].length, idArray[s]);
      offsets[s + 1] = Math.addExact(offsets[s], sequences[s].length);
      if (d < 0) {
        d = sequences[s][0].length;
      }
    }
    if (d == 0) {
      throw new InvalidDataException("observations have dimension 0, expected >= 1");
    }
    double[] values = new double[Math.max(0, d) * offsets[sequences.length]];
    for (int s = 0; s < sequences.length; s++) {
      for (int t = 0; t < sequences[s].length; t++) {
        double[] x = sequences[s][t];
        if (x == null) {
          throw new InvalidDataException("sequence " + idArray[s] + " position " + t
              + ": observation is null, expected " + d + " numbers");
        }
        if (x.length != d) {
          throw new InvalidDataException("sequence " + idArray[s] + " position " + t
              + ": observation has dimension " + x.length + ", expected " + d);
        }
        for (int a = 0; a < d; a++) {
          if (!Double.isFinite(x[a])) {
            throw new InvalidDataException("sequence " + idArray[s] + " position " + t
                + " coordinate " + a + ": value is " + x[a] + ", expected a finite number");
          }
          values[(offsets[s] + t) * d + a] = x[a];
        }
      }
    }
    return new SequenceBlock(idArray, offsets, Math.max(d, 1), null, values, w);
  }

  private static void checkLength(int length, long id) {
    if (length == 0) {
      throw new InvalidDataException("sequence " + id + " is empty, expected length >= 1");
    }
  }

  private static long[] ids(long[] ids, int n) {
    if (ids == null) {
      long[] generated = new long[n];
      for (int s = 0; s < n; s++) {
        generated[s] = s;
      }
      return generated;
    }
    if (ids.length != n) {
      throw new IllegalArgumentException("ids has " + ids.length + " entries, expected " + n);
    }
    return ids.clone();
  }

  private static double[] weights(double[] weights, int n) {
    if (weights == null) {
      double[] ones = new double[n];
      java.util.Arrays.fill(ones, 1.0);
      return ones;
    }
    if (weights.length != n) {
      throw new IllegalArgumentException(
          "weights has " + weights.length + " entries, expected " + n);
    }
    for (int s = 0; s < n; s++) {
      if (!(weights[s] >= 0) || Double.isInfinite(weights[s])) {
        throw new IllegalArgumentException(
            "weights[" + s + "] is " + weights[s] + ", expected a finite number >= 0");
      }
    }
    return weights.clone();
  }

  @Override
  public int rows() {
    return ids.length;
  }

  @Override
  public double totalWeight() {
    return totalWeight;
  }

  /** True for symbol sequences, false for real vectors. */
  public boolean isCategorical() {
    return symbols != null;
  }

  /** The dimension d of a real observation; 1 for categorical blocks. */
  public int dimension() {
    return isCategorical() ? 1 : dimension;
  }

  /** The number of observations T of sequence s. */
  public int length(int s) {
    return offsets[s + 1] - offsets[s];
  }

  /** The id of sequence s (as given, or its index). */
  public long id(int s) {
    return ids[s];
  }

  public double weight(int s) {
    return weights[s];
  }

  /** The largest symbol in the block, or −1 for a real block. */
  public int maxSymbol() {
    int max = -1;
    if (symbols != null) {
      for (int v : symbols) {
        max = Math.max(max, v);
      }
    }
    return max;
  }

  /** The symbol at position t of sequence s (categorical blocks). */
  public int symbol(int s, int t) {
    return symbols[offsets[s] + t];
  }

  /** Coordinate a of the observation at position t of sequence s (real blocks). */
  public double value(int s, int t, int a) {
    return values[(offsets[s] + t) * dimension + a];
  }
}
