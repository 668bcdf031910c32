package dev.sparkem.engine;

import dev.sparkem.data.DataBlock;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * One pass over the cached blocks for one or several models: broadcast the parameters, run every
 * accumulator over every block of every partition (in block order), reduce the partition results
 * in partition order, release the broadcast. Several models (restarts, a grid of model sizes)
 * share the read of each block. The result is the same for the same data, parameters and
 * partitioning, whatever the order in which tasks run or are retried.
 *
 * <p>Large statistics are reduced by part: when the statistics of the pass's models hold more
 * than {@value #DEFAULT_KEYED_REDUCTION_BYTES} bytes in all (by
 * {@link BlockAccumulator#statisticsValues}; k·V·8 for the k×V word sums of a multinomial
 * mixture), every partition's statistics are split into their {@link SufficientStatistics#parts()}
 * (one per component) and each part is reduced by key on the executors
 * ({@link OrderedTreeReduce#reduceParts}), so that no task and not the driver holds a partition's
 * whole statistics beside another's; only the merged parts reach the driver. The numbers are
 * bit-identical to the whole reduction (same summation order). The threshold in bytes is read
 * from the Spark thread-local property or the Spark conf {@value #KEYED_REDUCTION_BYTES}; the
 * first pass of each size logs "reducing statistics per component (N numbers …)".
 */
public final class DistributedPass {
  /** The Spark property (local property or conf) holding the threshold in bytes. */
  public static final String KEYED_REDUCTION_BYTES = "spark.sparkem.keyedReductionBytes";
  /** The default threshold: 16 MiB of statistics (e.g. k·V = 2·10⁶ doubles). */
  public static final long DEFAULT_KEYED_REDUCTION_BYTES = 16L << 20;
  private static final Logger LOG = LoggerFactory.getLogger(DistributedPass.class);
  private static final AtomicLong LOGGED_VALUES = new AtomicLong(-1);

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
      long values = 0;
      for (Scoring<B, ?, ?> scoring : scorings) {
        values += scoring.statisticsValues();
      }
      if (8 * values > threshold(context)) {
        if (LOGGED_VALUES.getAndSet(values) != values) {
          LOG.info("reducing statistics per component ({} numbers summed over {} model(s): {} MB "
              + "per copy, above {}={} bytes)", values, scorings.size(), (8 * values) >> 20,
              KEYED_REDUCTION_BYTES, threshold(context));
        }
        return reduceByPart(perPartition, scorings.size());
      }
      return OrderedTreeReduce.reduce(perPartition, DistributedPass::mergeAll);
    } finally {
      broadcast.destroy();
    }
  }

  private static long threshold(JavaSparkContext context) {
    String local = context.getLocalProperty(KEYED_REDUCTION_BYTES);
    return local != null ? Long.parseLong(local)
        : context.getConf().getLong(KEYED_REDUCTION_BYTES, DEFAULT_KEYED_REDUCTION_BYTES);
  }

  /** Splits every scoring's result into its parts, reduces each part by key, joins them. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<PassResult<?>> reduceByPart(
      JavaRDD<ArrayList<PassResult<?>>> perPartition, int scorings) {
    JavaRDD<List<Tuple2<PartKey, PassResult<?>>>> parts = perPartition.map(results -> {
      List<Tuple2<PartKey, PassResult<?>>> split = new ArrayList<>();
      for (int i = 0; i < results.size(); i++) {
        PassResult<?> result = results.get(i);
        int count = result.statistics().parts();
        for (int p = 0; p < count; p++) {
          split.add(new Tuple2<>(new PartKey(i, p), result.part(p)));
        }
        results.set(i, null); // the parts replace the whole
      }
      return split;
    });
    List<Tuple2<PartKey, PassResult<?>>> merged = new ArrayList<>(OrderedTreeReduce.reduceParts(
        parts, (earlier, later) -> ((PassResult) earlier).merge(later)));
    merged.sort(Comparator.comparing((Tuple2<PartKey, PassResult<?>> t) -> t._1().scoring())
        .thenComparing(t -> t._1().part()));
    List<List<PassResult>> byScoring = new ArrayList<>();
    for (int i = 0; i < scorings; i++) {
      byScoring.add(new ArrayList<>());
    }
    merged.forEach(t -> byScoring.get(t._1().scoring()).add(t._2()));
    List<PassResult<?>> results = new ArrayList<>();
    for (List<PassResult> list : byScoring) {
      results.add(PassResult.join((List) list));
    }
    return results;
  }

  /** Part {@code part} of the statistics of scoring {@code scoring}. */
  private record PartKey(int scoring, int part) implements Serializable {}

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
