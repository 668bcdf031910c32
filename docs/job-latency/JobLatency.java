import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * The floor of one EM iteration on Spark: the wall time of a trivial job shaped like spark-em's
 * pass (broadcast a small array, mapPartitions over 4 cached partitions of 1,000 numbers,
 * collect one value per partition, destroy the broadcast) on {@code local[2]}, and the same job
 * without the broadcast. Prints the median and the fastest of the last 40 of 60 jobs, in ms.
 * Lambdas must be loaded from compiled classes (not the single-file source launcher):
 *
 * <pre>
 * mvn -q -B -DskipTests package
 * javac -cp "target/classes:$(cat target/classpath.txt)" -d target/job-latency docs/job-latency/JobLatency.java
 * java $(cat target/jvm-options) -cp "target/job-latency:target/classes:$(cat target/classpath.txt)" JobLatency
 * </pre>
 */
public class JobLatency {
  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().master("local[2]").appName("job latency")
        .getOrCreate();
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      numbers.add(i);
    }
    JavaRDD<Integer> cached = context.parallelize(numbers, 4).cache();
    cached.count();
    for (boolean broadcast : new boolean[] {false, true}) {
      double[] millis = new double[60];
      for (int r = 0; r < millis.length; r++) {
        long began = System.nanoTime();
        Broadcast<double[]> parameters = broadcast ? context.broadcast(new double[1000]) : null;
        cached.mapPartitions(values -> {
          long sum = parameters == null ? 0 : parameters.value().length;
          while (values.hasNext()) {
            sum += values.next();
          }
          return List.of(sum).iterator();
        }).collect();
        if (parameters != null) {
          parameters.destroy();
        }
        millis[r] = (System.nanoTime() - began) / 1e6;
      }
      double[] last = Arrays.copyOfRange(millis, 20, 60);
      Arrays.sort(last);
      System.out.printf(Locale.ROOT, "job-latency broadcast=%b median_ms=%.1f min_ms=%.1f%n",
          broadcast, (last[19] + last[20]) / 2, last[0]);
    }
    spark.stop();
  }
}
