package dev.sparkem.engine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.HashPartitioner;
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
 *
 * <p>{@link #reduceParts} does the same for values split into keyed parts, each key reduced
 * through the same tree on the executors, so that no task and not the driver holds more than
 * one copy of a part at a time beyond the group being merged.
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
    int fanIn = fanIn(groups);
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

  /**
   * Reduces keyed parts: every partition holds exactly one list of (key, part) pairs with the
   * same keys; the parts of each key are merged in partition order through the same tree of
   * groups as {@link #reduce} (so every number is summed in the same order as when reducing the
   * whole values: bit-identical), the last level on the executors too, the keys spread over as
   * many tasks as there are partitions.
   *
   * @return the merged part of every key (in no particular order)
   */
  static <K extends Serializable, T> List<Tuple2<K, T>> reduceParts(
      JavaRDD<List<Tuple2<K, T>>> perPartition, Merge<T> merge) {
    int partitions = perPartition.getNumPartitions();
    int groups = partitions;
    JavaPairRDD<Tuple2<K, Integer>, Tuple2<Integer, T>> level = JavaPairRDD.fromJavaRDD(
        perPartition.mapPartitionsWithIndex((index, values) -> {
          List<Tuple2<Tuple2<K, Integer>, Tuple2<Integer, T>>> keyed = new ArrayList<>();
          for (Tuple2<K, T> part : values.next()) {
            keyed.add(new Tuple2<>(new Tuple2<>(part._1(), index), new Tuple2<>(index, part._2())));
          }
          return keyed.iterator();
        }, true));
    HashPartitioner byKey = new HashPartitioner(partitions);
    int fanIn = fanIn(groups);
    while (groups > fanIn) {
      groups = (groups + fanIn - 1) / fanIn;
      int width = fanIn;
      level = level
          .mapToPair(e -> new Tuple2<>(new Tuple2<>(e._1()._1(), e._2()._1() / width), e._2()))
          .groupByKey(byKey)
          .mapToPair(group -> {
            List<Tuple2<Integer, T>> members = new ArrayList<>();
            group._2().forEach(members::add);
            return new Tuple2<>(group._1(),
                new Tuple2<>(group._1()._2(), mergeInOrder(members, merge)));
          });
    }
    return level.mapToPair(e -> new Tuple2<>(e._1()._1(), e._2()))
        .groupByKey(byKey)
        .mapValues(members -> {
          List<Tuple2<Integer, T>> list = new ArrayList<>();
          members.forEach(list::add);
          return mergeInOrder(list, merge);
        })
        .collect();
  }

  /** Groups of this many consecutive partitions (or groups) are merged together. */
  private static int fanIn(int groups) {
    return Math.max(8, (int) Math.ceil(Math.sqrt(groups)));
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
