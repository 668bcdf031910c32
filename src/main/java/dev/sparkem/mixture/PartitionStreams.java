package dev.sparkem.mixture;

import java.util.SplittableRandom;

/**
 * How synthetic rows are spread over partitions: partition p draws rows [start(p), start(p+1))
 * from its own random stream, so the data depend only on the seed and the partition count, not
 * on where or in which order the tasks run.
 */
public final class PartitionStreams {
  private PartitionStreams() {}

  /**
   * The random stream of partition p.
   *
   * @throws IllegalArgumentException if p is negative
   */
  public static SplittableRandom random(long seed, int p) {
    if (p < 0) {
      throw new IllegalArgumentException("partition is " + p + ", expected >= 0");
    }
    return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (p + 1)));
  }

  /** The first row of partition p when {@code rows} rows are split into {@code partitions}. */
  public static long start(long rows, int partitions, int p) {
    return rows * p / partitions;
  }
}
