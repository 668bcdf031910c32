package dev.sparkem.cli;

import static dev.sparkem.testing.NumericAssertions.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkem.testing.ReferenceData;
import dev.sparkem.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generate → fit → predict through the jobs' entry point, checking what they write. */
class JobsEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void generateFitPredict() throws IOException {
    String data = dir.resolve("data").toString();
    JobRunner generate = JobRunner.run("generate", "--n", "4000", "--d", "2", "--k", "3",
        "--seed", "11", "--partitions", "3", "--output", data);
    assertEquals(0, generate.exitCode, generate::toString);
    JsonNode truth = JSON.readTree(dir.resolve("data").resolve("_mixture.json").toFile());
    assertEquals(4000, SharedSpark.session().read().parquet(data).count());

    String fitted = dir.resolve("fit").toString();
    JobRunner fit = JobRunner.run("fit", "--input", data, "--k", "3", "--init", "kmeans",
        "--tol", "1e-8", "--max-iter", "300", "--seed", "3", "--output", fitted);
    assertEquals(0, fit.exitCode, fit::toString);
    assertTrue(fit.out.contains("converged after"), fit::toString);
    JsonNode model = JSON.readTree(dir.resolve("fit").resolve("model.json").toFile());
    for (String key : List.of("family", "covarianceType", "weights", "means", "covariances",
        "logLikelihood", "iterations", "converged", "seed", "input")) {
      assertTrue(model.has(key), "model.json lacks " + key);
    }
    assertEquals(3, model.get("seed").asInt());
    assertTrue(model.get("converged").asBoolean());
    // 4000 draws: each fitted mean lies near one true mean (up to label switching).
    for (JsonNode mean : model.get("means")) {
      double nearest = Double.POSITIVE_INFINITY;
      for (JsonNode trueMean : truth.get("means")) {
        nearest = Math.min(nearest, Math.hypot(mean.get(0).asDouble() - trueMean.get(0).asDouble(),
            mean.get(1).asDouble() - trueMean.get(1).asDouble()));
      }
      assertTrue(nearest < 0.25, "fitted mean " + mean + " is " + nearest + " from every true mean");
    }
    List<String> metrics = Files.readAllLines(dir.resolve("fit").resolve("metrics.jsonl"));
    assertEquals(model.get("iterations").asInt() + 1, metrics.size());
    double previous = Double.NEGATIVE_INFINITY;
    for (String line : metrics) {
      JsonNode record = JSON.readTree(line);
      double logLikelihood = record.get("logLikelihood").asDouble();
      assertTrue(logLikelihood >= previous - 1e-9 * Math.abs(previous), "decrease in " + line);
      previous = logLikelihood;
      assertTrue(record.has("iteration") && record.has("delta") && record.has("seconds"));
    }
    assertEquals(model.get("logLikelihood").asDouble(), previous);

    String predicted = dir.resolve("predict").toString();
    JobRunner predict = JobRunner.run("predict", "--input", data, "--model", fitted,
        "--output", predicted);
    assertEquals(0, predict.exitCode, predict::toString);
    Dataset<Row> scored = SharedSpark.session().read().parquet(predicted);
    List<Row> rows = scored.select("prediction", "probability", "logLikelihood").collectAsList();
    assertEquals(4000, rows.size());
    double total = 0.0;
    for (Row row : rows) {
      Vector p = (Vector) row.get(1);
      double sum = 0.0;
      for (double v : p.toArray()) {
        sum += v;
      }
      assertEquals(1.0, sum, 1e-12);
      assertEquals(p.argmax(), row.getInt(0));
      total += row.getDouble(2);
    }
    // The per-row log-likelihoods of predict add up to the fit's, by an independent code path.
    assertRelative(model.get("logLikelihood").asDouble(), total, 1e-10, "sum of row logLikelihood");
  }

  /** LIBSVM input (Spark's sample k-means data: two tight groups of three rows) end to end. */
  @Test
  void libsvmInput() throws IOException {
    String input = ReferenceData.ROOT.resolve("gmm/spark_sample_kmeans_data.txt").toString();
    Path out = dir.resolve("libsvm");
    JobRunner fit = JobRunner.run("fit", "--input", input, "--format", "libsvm", "--k", "2",
        "--init", "kmeans", "--reg-covar", "1e-3", "--output", out.toString());
    assertEquals(0, fit.exitCode, fit::toString);
    JsonNode model = JSON.readTree(out.resolve("model.json").toFile());
    assertEquals("features", model.get("features").get(0).asText());
    assertEquals(3, model.get("dimension").asInt());
    // The groups are {0, 0.1, 0.2} and {9, 9.1, 9.2} in every coordinate: half the weight each.
    assertEquals(0.5, model.get("weights").get(0).asDouble(), 1e-9);
    double low = Math.min(model.get("means").get(0).get(0).asDouble(),
        model.get("means").get(1).get(0).asDouble());
    assertEquals(0.1, low, 1e-9);
    Path scored = dir.resolve("libsvm-scored");
    JobRunner predict = JobRunner.run("predict", "--input", input, "--format", "libsvm",
        "--model", out.resolve("model.json").toString(), "--output", scored.toString());
    assertEquals(0, predict.exitCode, predict::toString);
    List<Row> rows = SharedSpark.session().read().parquet(scored.toString())
        .select("label", "prediction").collectAsList();
    assertEquals(6, rows.size());
    int[] clusterOfGroup = {-1, -1};
    for (Row row : rows) {
      int group = row.getDouble(0) < 3 ? 0 : 1;
      if (clusterOfGroup[group] < 0) {
        clusterOfGroup[group] = row.getInt(1);
      }
      assertEquals(clusterOfGroup[group], row.getInt(1), "rows of one group share a cluster");
    }
    assertNotEquals(clusterOfGroup[0], clusterOfGroup[1]);
  }

  /**
   * The spine's acceptance check: fit --init FILE --tol 0 --max-iter N from the scikit-learn start
   * point reproduces scikit-learn's parameters after N iterations (1 and n_iter) to 1e-6.
   */
  @Test
  void reproducesScikitLearnFromTheSameStartPoint() throws IOException {
    JsonNode reference = ReferenceData.json("sklearn_gmm_iris.json");
    for (JsonNode fit : reference.get("fits")) {
      if (!fit.get("covariance_type").asText().equals("full") || fit.get("k").asInt() != 3) {
        continue;
      }
      Path init = dir.resolve("init-" + fit.get("init_kind").asText() + ".json");
      JSON.writeValue(init.toFile(), fit.get("init"));
      String name = fit.get("init_kind").asText();
      check(init, name, 1, fit.get("after_1_iteration"));
      check(init, name, fit.get("n_iter").asInt(), fit.get("final"));
    }
  }

  private void check(Path init, String name, int iterations, JsonNode expected)
      throws IOException {
    Path out = dir.resolve("iris-" + name + "-" + iterations);
    JobRunner fit = JobRunner.run("fit", "--input",
        ReferenceData.ROOT.resolve("gmm/iris.csv").toString(), "--features",
        "Sepal.Length,Sepal.Width,Petal.Length,Petal.Width", "--init", init.toString(), "--tol",
        "0", "--max-iter", Integer.toString(iterations), "--output", out.toString());
    assertEquals(0, fit.exitCode, fit::toString);
    JsonNode model = JSON.readTree(out.resolve("model.json").toFile());
    assertEquals(iterations, model.get("iterations").asInt());
    for (String key : List.of("weights", "means", "covariances")) {
      double[] want = flatten(expected.get(key));
      double[] got = flatten(model.get(key));
      for (int i = 0; i < want.length; i++) {
        assertEquals(want[i], got[i], 1e-6 * Math.abs(want[i]) + 1e-12,
            key + " entry " + i + " after " + iterations + " iterations");
      }
    }
  }

  private static double[] flatten(JsonNode node) {
    List<Double> values = new ArrayList<>();
    collect(node, values);
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static void collect(JsonNode node, List<Double> into) {
    if (node.isArray()) {
      node.forEach(child -> collect(child, into));
    } else {
      into.add(node.asDouble());
    }
  }
}
