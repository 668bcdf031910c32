package dev.sparkem.engine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * Reduces an RDD of one value per partition with a merge that is applied in partition order, so
 * that the floating-point result never depends on which task finished first (Spark's own
 * {@code treeAggregate} and {@code reduce} merge in completion order). With many partitions it
 * merges in a tree: groups of {@code fanIn} consecutive partitions are merged on the executors,
 * and only the group results reach the driver, which bounds the driver's memory.
 */
final class OrderedTreeReduce {
  private OrderedTreeReduce() {}

  /**
   * @param perPartition exactly one value per partition
   * @param merge merges a later value into an earlier one and returns the result
   */
  static <T> T reduce(JavaRDD<T> perPartition, Merge<T> merge) {
    int groups = perPartition.getNumPartitions();
    JavaPairRDD<Integer, T> level = JavaPairRDD.fromJavaRDD(perPartition.mapPartitionsWithIndex(
        (index, values) -> List.of(new Tuple2<>(index, values.next())).iterator(), true));
    int fanIn = Math.max(8, (int) Math.ceil(Math.sqrt(groups)));
    while (groups > fanIn) {
      groups = (groups + fanIn - 1) / fanIn;
      int width = fanIn;
      level = level
          .mapToPair(indexed -> new Tuple2<>(indexed._1() / width, indexed))
          .groupByKey(new IdentityPartitioner(groups))
          .mapToPair(group -> {
            List<Tuple2<Integer, T>> members = new ArrayList<>();
            group._2().forEach(members::add);
            return new Tuple2<>(group._1(), mergeInOrder(members, merge));
          });
    }
    return mergeInOrder(new ArrayList<>(level.collect()), merge);
  }

  private static <T> T mergeInOrder(List<Tuple2<Integer, T>> indexed, Merge<T> merge) {
    indexed.sort(Comparator.comparing(Tuple2::_1));
    T result = indexed.get(0)._2();
    for (int i = 1; i < indexed.size(); i++) {
      result = merge.apply(result, indexed.get(i)._2());
    }
    return result;
  }

  /** Merges a later value into an earlier one and returns the result; shipped to executors. */
  interface Merge<T> extends Serializable {
    T apply(T earlier, T later);
  }

  /** Sends integer key g to partition g. */
  private static final class IdentityPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int partitions;

    IdentityPartitioner(int partitions) {
      this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
      return partitions;
    }

    @Override
    public int getPartition(Object key) {
      return (Integer) key;
    }
  }
}
