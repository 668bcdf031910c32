package dev.sparkem.hmm;

import dev.sparkem.data.InvalidDataException;
import dev.sparkem.engine.BlockAccumulator;
import dev.sparkem.engine.DistributedPass;
import dev.sparkem.engine.SufficientStatistics;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;

/**
 * What one pass over a set of sequence blocks learns for fitting: the numbers of sequences and
 * observations, the weighted number of observations Σ_s w_s·T_s (the n of BIC), the largest
 * symbol, the dimension (checked to be the same in every sequence), and a sample of at most
 * {@link #SAMPLE_SIZE} observations for start points. The sample holds the observations with
 * the smallest seeded hash of (sequence id, position): it depends on the data and the seed only,
 * not on the partitioning or the order of the sequences.
 */
public final class SequenceSummary implements SufficientStatistics<SequenceSummary> {
  private static final long serialVersionUID = 1L;
  /** The most observations kept in the sample. */
  public static final int SAMPLE_SIZE = 10_000;

  private long sequences;
  private long observations;
  private double observationWeight;
  private int maxSymbol = -1;
  private int dimension = -1;
  private long dimensionSource = -1;
  private boolean categorical;
  private int size;
  private long[] keys = new long[16];
  private long[] ids = new long[16];
  private int[] positions = new int[16];
  private double[] values = new double[16];

  private SequenceSummary() {}

  /**
   * One pass over {@code blocks}.
   *
   * @param seed the seed of the sample
   * @throws InvalidDataException naming the sequence whose dimension differs from another's
   */
  public static SequenceSummary of(JavaRDD<SequenceBlock> blocks, long seed) {
    SequenceSummary summary = DistributedPass.run(blocks, new Accumulator(), seed).statistics();
    summary.compact();
    return summary;
  }

  public long sequences() {
    return sequences;
  }

  public long observations() {
    return observations;
  }

  /** Σ_s w_s·T_s: the number of observations when unweighted. */
  public double observationWeight() {
    return observationWeight;
  }

  /** The largest symbol (categorical data), or −1. */
  public int maxSymbol() {
    return maxSymbol;
  }

  /** The dimension d of an observation; 1 for categorical data. */
  public int dimension() {
    return dimension;
  }

  public boolean categorical() {
    return categorical;
  }

  /** The sampled observations, ordered by their hash; each of {@link #dimension()} values. */
  public double[][] sample() {
    int d = Math.max(dimension, 1);
    double[][] rows = new double[size][];
    for (int i = 0; i < size; i++) {
      rows[i] = Arrays.copyOfRange(values, i * d, (i + 1) * d);
    }
    return rows;
  }

  @Override
  public void merge(SequenceSummary other) {
    if (other.sequences == 0) {
      return;
    }
    if (sequences > 0) {
      checkDimension(other.dimension, other.categorical, other.dimensionSource);
    } else {
      dimension = other.dimension;
      categorical = other.categorical;
      dimensionSource = other.dimensionSource;
    }
    sequences += other.sequences;
    observations += other.observations;
    observationWeight += other.observationWeight;
    maxSymbol = Math.max(maxSymbol, other.maxSymbol);
    int d = Math.max(dimension, 1);
    for (int i = 0; i < other.size; i++) {
      append(other.keys[i], other.ids[i], other.positions[i], other.values, i * d, d);
    }
    if (size > 2 * SAMPLE_SIZE) {
      compact();
    }
  }

  private void checkDimension(int d, boolean symbols, long source) {
    if (d != dimension || symbols != categorical) {
      throw new InvalidDataException("sequence " + source + " has " + describe(d, symbols)
          + ", expected " + describe(dimension, categorical) + " as sequence " + dimensionSource);
    }
  }

  private static String describe(int d, boolean symbols) {
    return symbols ? "categorical symbols" : d + "-dimensional observations";
  }

  private void add(SequenceBlock block, long seed) {
    if (block.rows() == 0) {
      return;
    }
    if (sequences == 0) {
      dimension = block.dimension();
      categorical = block.isCategorical();
      dimensionSource = block.id(0);
    } else {
      checkDimension(block.dimension(), block.isCategorical(), block.id(0));
    }
    int d = dimension;
    double[] x = new double[d];
    for (int s = 0; s < block.rows(); s++) {
      int length = block.length(s);
      sequences++;
      observations += length;
      observationWeight += block.weight(s) * length;
      for (int t = 0; t < length; t++) {
        if (categorical) {
          x[0] = block.symbol(s, t);
          maxSymbol = Math.max(maxSymbol, block.symbol(s, t));
        } else {
          for (int a = 0; a < d; a++) {
            x[a] = block.value(s, t, a);
          }
        }
        append(hash(seed, block.id(s), t), block.id(s), t, x, 0, d);
      }
      if (size > 2 * SAMPLE_SIZE) {
        compact();
      }
    }
  }

  private void append(long key, long id, int t, double[] from, int offset, int d) {
    if (size == keys.length) {
      int capacity = 2 * size;
      keys = Arrays.copyOf(keys, capacity);
      ids = Arrays.copyOf(ids, capacity);
      positions = Arrays.copyOf(positions, capacity);
      values = Arrays.copyOf(values, capacity * d);
    }
    if (values.length < (size + 1) * d) {
      values = Arrays.copyOf(values, keys.length * d);
    }
    keys[size] = key;
    ids[size] = id;
    positions[size] = t;
    System.arraycopy(from, offset, values, size * d, d);
    size++;
  }

  /** Keeps the SAMPLE_SIZE entries of smallest (key, id, position), in that order. */
  private void compact() {
    int d = Math.max(dimension, 1);
    int[] order = IntStream.range(0, size).boxed()
        .sorted(Comparator.<Integer>comparingLong(i -> keys[i]).thenComparingLong(i -> ids[i])
            .thenComparingInt(i -> positions[i]))
        .limit(SAMPLE_SIZE).mapToInt(Integer::intValue).toArray();
    long[] k = new long[order.length];
    long[] id = new long[order.length];
    int[] p = new int[order.length];
    double[] v = new double[order.length * d];
    for (int i = 0; i < order.length; i++) {
      k[i] = keys[order[i]];
      id[i] = ids[order[i]];
      p[i] = positions[order[i]];
      System.arraycopy(values, order[i] * d, v, i * d, d);
    }
    keys = k.length == 0 ? new long[16] : k;
    ids = id.length == 0 ? new long[16] : id;
    positions = p.length == 0 ? new int[16] : p;
    values = v.length == 0 ? new double[16] : v;
    size = order.length;
  }

  /** SplitMix64's finaliser over seed, id and position: a seeded pseudo-random key. */
  private static long hash(long seed, long id, int t) {
    long z = seed + 0x9E3779B97F4A7C15L * (mix(id) + 0xBF58476D1CE4E5B9L * t + 1);
    return mix(z);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The summary's E-step: no parameters but the sample's seed. */
  private static final class Accumulator
      implements BlockAccumulator<SequenceBlock, Long, SequenceSummary> {
    private static final long serialVersionUID = 1L;

    @Override
    public SequenceSummary zero(Long seed) {
      return new SequenceSummary();
    }

    @Override
    public double accumulate(Long seed, SequenceBlock block, SequenceSummary stats) {
      stats.add(block, seed);
      return 0.0;
    }
  }
}
