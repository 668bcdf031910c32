package dev.sparkem.hmm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

/**
 * Builds cached RDDs of {@link SequenceBlock}s from in-memory sequences (tests, small data):
 * the sequences are cut, in order, into {@code partitions} contiguous runs, one block per
 * partition. Sequence ids are the indices into the given arrays.
 */
public final class SequenceBlocks {
  private SequenceBlocks() {}

  /**
   * @param weights one weight per sequence, or null for all 1
   * @throws IllegalArgumentException if partitions &lt; 1 or there are no sequences
   * @throws dev.sparkem.data.InvalidDataException as {@link SequenceBlock#categorical}
   */
  public static JavaRDD<SequenceBlock> categorical(JavaSparkContext jsc, int[][] sequences,
      double[] weights, int partitions) {
    List<SequenceBlock> blocks = new ArrayList<>();
    for (int[] range : ranges(sequences.length, partitions)) {
      blocks.add(SequenceBlock.categorical(ids(range), Arrays.copyOfRange(sequences, range[0],
          range[1]), weights == null ? null : Arrays.copyOfRange(weights, range[0], range[1])));
    }
    return jsc.parallelize(blocks, blocks.size()).persist(StorageLevel.MEMORY_ONLY());
  }

  /** As {@link #categorical}, for real vectors: {@code sequences[s][t]} is one observation. */
  public static JavaRDD<SequenceBlock> real(JavaSparkContext jsc, double[][][] sequences,
      double[] weights, int partitions) {
    List<SequenceBlock> blocks = new ArrayList<>();
    for (int[] range : ranges(sequences.length, partitions)) {
      blocks.add(SequenceBlock.real(ids(range), Arrays.copyOfRange(sequences, range[0],
          range[1]), weights == null ? null : Arrays.copyOfRange(weights, range[0], range[1])));
    }
    return jsc.parallelize(blocks, blocks.size()).persist(StorageLevel.MEMORY_ONLY());
  }

  private static long[] ids(int[] range) {
    long[] ids = new long[range[1] - range[0]];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = range[0] + i;
    }
    return ids;
  }

  private static List<int[]> ranges(int count, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions is " + partitions + ", expected >= 1");
    }
    if (count == 0) {
      throw new IllegalArgumentException("no sequences, expected at least 1");
    }
    List<int[]> ranges = new ArrayList<>();
    int parts = Math.min(partitions, count);
    for (int p = 0; p < parts; p++) {
      ranges.add(new int[] {(int) ((long) count * p / parts),
          (int) ((long) count * (p + 1) / parts)});
    }
    return ranges;
  }
}
