package dev.sparkem.engine;

import dev.sparkem.data.DataBlock;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * One pass over the cached blocks: broadcast the parameters, run the accumulator over every block
 * of every partition (in block order), reduce the partition results in partition order, release
 * the broadcast. The result is the same for the same data, parameters and partitioning, whatever
 * the order in which tasks run or are retried.
 */
public final class DistributedPass {
  private DistributedPass() {}

  /** Runs {@code accumulator} under {@code params} over all of {@code blocks}. */
  public static <B extends DataBlock, P extends Serializable, S extends SufficientStatistics<S>>
      PassResult<S> run(JavaRDD<B> blocks, BlockAccumulator<B, P, S> accumulator, P params) {
    JavaSparkContext context = JavaSparkContext.fromSparkContext(blocks.context());
    Broadcast<P> broadcast = context.broadcast(params);
    try {
      JavaRDD<PassResult<S>> perPartition = blocks.mapPartitions(partition -> {
        P p = broadcast.value();
        PassResult<S> result = new PassResult<>(accumulator.zero(p));
        while (partition.hasNext()) {
          B block = partition.next();
          double logLikelihood = accumulator.accumulate(p, block, result.statistics());
          result.add(logLikelihood, block.totalWeight(), block.rows());
        }
        return List.of(result).iterator();
      });
      return OrderedTreeReduce.reduce(perPartition, PassResult::merge);
    } finally {
      broadcast.destroy();
    }
  }
}
