package dev.sparkem.engine;

import dev.sparkem.data.DataBlock;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * One pass over the cached blocks for one or several models: broadcast the parameters, run every
 * accumulator over every block of every partition (in block order), reduce the partition results
 * in partition order, release the broadcast. Several models (restarts, a grid of model sizes)
 * share the read of each block. The result is the same for the same data, parameters and
 * partitioning, whatever the order in which tasks run or are retried.
 */
public final class DistributedPass {
  private DistributedPass() {}

  /** Runs {@code accumulator} under {@code params} over all of {@code blocks}. */
  @SuppressWarnings("unchecked")
  public static <B extends DataBlock, P extends Serializable, S extends SufficientStatistics<S>>
      PassResult<S> run(JavaRDD<B> blocks, BlockAccumulator<B, P, S> accumulator, P params) {
    return (PassResult<S>) runAll(blocks, List.of(new Scoring<>(accumulator, params))).get(0);
  }

  /**
   * Runs every scoring over all of {@code blocks} in one pass.
   *
   * @return one result per scoring, in the same order; result i holds the statistics type of
   *     scoring i
   */
  public static <B extends DataBlock> List<PassResult<?>> runAll(
      JavaRDD<B> blocks, List<Scoring<B, ?, ?>> scorings) {
    JavaSparkContext context = JavaSparkContext.fromSparkContext(blocks.context());
    Broadcast<ArrayList<Scoring<B, ?, ?>>> broadcast =
        context.broadcast(new ArrayList<>(scorings));
    try {
      JavaRDD<ArrayList<PassResult<?>>> perPartition = blocks.mapPartitions(partition -> {
        List<Scoring<B, ?, ?>> all = broadcast.value();
        ArrayList<PassResult<?>> results = new ArrayList<>();
        for (Scoring<B, ?, ?> scoring : all) {
          results.add(scoring.empty());
        }
        while (partition.hasNext()) {
          B block = partition.next();
          for (int i = 0; i < all.size(); i++) {
            add(all.get(i), block, results.get(i));
          }
        }
        return List.of(results).iterator();
      });
      return OrderedTreeReduce.reduce(perPartition, DistributedPass::mergeAll);
    } finally {
      broadcast.destroy();
    }
  }

  @SuppressWarnings("unchecked")
  private static <B extends DataBlock, S extends SufficientStatistics<S>> void add(
      Scoring<B, ?, S> scoring, B block, PassResult<?> into) {
    scoring.add(block, (PassResult<S>) into);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static ArrayList<PassResult<?>> mergeAll(
      ArrayList<PassResult<?>> earlier, ArrayList<PassResult<?>> later) {
    for (int i = 0; i < earlier.size(); i++) {
      ((PassResult) earlier.get(i)).merge(later.get(i));
    }
    return earlier;
  }
}
