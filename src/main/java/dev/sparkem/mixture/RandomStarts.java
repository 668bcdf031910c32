package dev.sparkem.mixture;

import dev.sparkem.data.RowBlock;
import dev.sparkem.engine.BlockAccumulator;
import dev.sparkem.engine.DistributedPass;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;

/**
 * The data-driven halves of the random start points of the count and binary families: k random
 * rows, or the statistics of random responsibilities. Each family turns them into parameters
 * (smoothing rows, or running its M-step on the statistics). Same data, partitioning and seed
 * give the same result.
 */
public final class RandomStarts {
  private RandomStarts() {}

  /**
   * k distinct rows drawn uniformly without replacement (dense copies). The rows are sampled in
   * their sparse form (non-zeros only) and only the k drawn ones are made dense, so that a
   * vocabulary of 10⁶ words costs O(nnz) per row, not O(V).
   *
   * @throws IllegalArgumentException if k &lt; 1 or the data have fewer than k rows
   */
  public static double[][] randomRows(JavaRDD<RowBlock> blocks, int k, long seed) {
    if (k < 1) {
      throw new IllegalArgumentException("k is " + k + ", expected >= 1");
    }
    JavaRDD<SparseRow> rows = blocks.flatMap(block -> {
      NonZeros x = NonZeros.of(block);
      List<SparseRow> list = new ArrayList<>(block.rows());
      for (int i = 0; i < block.rows(); i++) {
        int from = x.rowStarts()[i];
        int to = x.rowStarts()[i + 1];
        list.add(new SparseRow(block.dimension(), Arrays.copyOfRange(x.indices(), from, to),
            Arrays.copyOfRange(x.values(), from, to)));
      }
      return list.iterator();
    });
    List<SparseRow> sample = rows.takeSample(false, k, seed);
    if (sample.size() < k) {
      throw new IllegalArgumentException(
          "k=" + k + " exceeds the number of rows in the input (" + sample.size() + ")");
    }
    return sample.stream().map(SparseRow::dense).toArray(double[][]::new);
  }

  /** One row's non-zeros. */
  record SparseRow(int dimension, int[] indices, double[] values) implements Serializable {
    double[] dense() {
      double[] row = new double[dimension];
      for (int t = 0; t < indices.length; t++) {
        row[indices[t]] = values[t];
      }
      return row;
    }
  }

  /**
   * The statistics of one pass in which every row's responsibilities are drawn from a flat
   * Dirichlet distribution (times the row weight), seeded per block by {@code seed} and the
   * block's contents. All-zero rows are skipped (counted) when {@code skipEmptyRows}.
   */
  public static ComponentSums randomResponsibilities(JavaRDD<RowBlock> blocks, int k, long seed,
      boolean skipEmptyRows) {
    if (k < 1) {
      throw new IllegalArgumentException("k is " + k + ", expected >= 1");
    }
    int d = blocks.first().dimension();
    return DistributedPass.run(blocks, new Accumulator(), new Spec(k, d, seed, skipEmptyRows))
        .statistics();
  }

  /** What the random pass needs on the executors. */
  record Spec(int k, int d, long seed, boolean skipEmptyRows) implements Serializable {}

  private static final class Accumulator implements BlockAccumulator<RowBlock, Spec, ComponentSums> {
    private static final long serialVersionUID = 1L;

    @Override
    public ComponentSums zero(Spec spec) {
      return new ComponentSums(spec.k(), spec.d());
    }

    @Override
    public long statisticsValues(Spec spec) {
      return ComponentSums.values(spec.k(), spec.d());
    }

    @Override
    public double accumulate(Spec spec, RowBlock block, ComponentSums stats) {
      NonZeros x = NonZeros.of(block);
      SplittableRandom random = blockRandom(x, spec.seed());
      int k = spec.k();
      double[] responsibilities = new double[block.rows() * k];
      for (int i = 0; i < block.rows(); i++) {
        if (spec.skipEmptyRows() && x.rowStarts()[i] == x.rowStarts()[i + 1]) {
          stats.skip(block.weight(i));
          continue;
        }
        drawResponsibilities(random, block.weight(i), responsibilities, i * k, k);
      }
      stats.add(x, responsibilities);
      return 0.0;
    }
  }

  /**
   * A random stream for one block, seeded by {@code seed} and the block's contents, so that the
   * same data, partitioning and seed draw the same numbers.
   */
  public static SplittableRandom blockRandom(RowBlock block, long seed) {
    return blockRandom(NonZeros.of(block), seed);
  }

  private static SplittableRandom blockRandom(NonZeros x, long seed) {
    long hash = 31L * Arrays.hashCode(x.rowStarts()) + Arrays.hashCode(x.indices());
    return new SplittableRandom(seed ^ (hash * 0x9E3779B97F4A7C15L) ^ Arrays.hashCode(x.values()));
  }

  /**
   * Writes k responsibilities drawn from a flat Dirichlet distribution, times {@code weight}, to
   * {@code out[offset..offset+k)}.
   */
  public static void drawResponsibilities(SplittableRandom random, double weight, double[] out,
      int offset, int k) {
    double sum = 0.0;
    for (int j = 0; j < k; j++) {
      out[offset + j] = -Math.log(1.0 - random.nextDouble());
      sum += out[offset + j];
    }
    for (int j = 0; j < k; j++) {
      out[offset + j] *= weight / sum;
    }
  }
}
