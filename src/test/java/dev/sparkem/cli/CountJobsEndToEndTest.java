package dev.sparkem.cli;

import static dev.sparkem.testing.NumericAssertions.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The count families through the jobs: generate → fit → predict recovers the generating
 * parameters (within 5 standard errors derived from n, up to label switching) and predict's rows
 * add up to the fit's log-likelihood; the multinomial job on Spark's LDA sample corpus (LIBSVM).
 */
class CountJobsEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int N = 20_000;
  private static final int K = 3;
  private static final int DOCUMENT_LENGTH = 60;

  @TempDir
  Path dir;

  @Test
  void multinomialRecoversTheGeneratingMixture() throws IOException {
    roundTrip("multinomial", 15, "theta", (centre, weight) -> Math.sqrt(
        centre * (1 - centre) / (N * weight * DOCUMENT_LENGTH)), "--doc-length",
        Integer.toString(DOCUMENT_LENGTH));
  }

  @Test
  void bernoulliRecoversTheGeneratingMixture() throws IOException {
    roundTrip("bernoulli", 20, "mu",
        (centre, weight) -> Math.sqrt(centre * (1 - centre) / (N * weight)));
  }

  @Test
  void poissonRecoversTheGeneratingMixture() throws IOException {
    roundTrip("poisson", 8, "rates", (centre, weight) -> Math.sqrt(centre / (N * weight)));
  }

  /** The standard error of one estimated entry from its true value and component weight. */
  private interface StandardError {
    double of(double centre, double weight);
  }

  private void roundTrip(String family, int d, String key, StandardError error,
      String... generateExtra) throws IOException {
    Path data = dir.resolve(family + "-data");
    String[] generate = Stream.concat(Stream.of("generate", "--family", family, "--n",
        Integer.toString(N), "--d", Integer.toString(d), "--k", Integer.toString(K), "--seed",
        "21", "--partitions", "2", "--output", data.toString()), Stream.of(generateExtra))
        .toArray(String[]::new);
    JobRunner generated = JobRunner.run(generate);
    assertEquals(0, generated.exitCode, generated::toString);
    JsonNode truth = JSON.readTree(data.resolve("_mixture.json").toFile());
    assertEquals(family + "-mixture", truth.get("family").asText());

    Path fit = dir.resolve(family + "-fit");
    JobRunner fitted = JobRunner.run("fit", "--family", family, "--input", data.toString(),
        "--k", Integer.toString(K), "--n-init", "3", "--tol", "1e-9", "--max-iter", "500",
        "--seed", "5", "--output", fit.toString());
    assertEquals(0, fitted.exitCode, fitted::toString);
    JsonNode model = JSON.readTree(fit.resolve("model.json").toFile());
    assertEquals(family + "-mixture", model.get("family").asText());
    for (String k : List.of("logLikelihood", "iterations", "converged", "restarts", "bic", "aic",
        "parameters", "seed", "input", "init", "sparkVersion")) {
      assertTrue(model.has(k), "model.json lacks " + k);
    }
    assertEquals("random", model.get("init").asText());
    assertEquals(3, model.get("restarts").size());
    assertMonotone(fit);

    int[] match = bestMatch(truth, model, key);
    for (int j = 0; j < K; j++) {
      double w = truth.get("weights").get(j).asDouble();
      double fittedWeight = model.get("weights").get(match[j]).asDouble();
      assertEquals(w, fittedWeight, 5 * Math.sqrt(w * (1 - w) / N),
          family + " weight of true component " + j);
      for (int a = 0; a < d; a++) {
        double want = truth.get(key).get(j).get(a).asDouble();
        double got = model.get(key).get(match[j]).get(a).asDouble();
        assertEquals(want, got, 5 * error.of(want, w),
            family + " " + key + "[" + j + "][" + a + "] (fitted component " + match[j] + ")");
      }
    }

    Path scored = dir.resolve(family + "-scored");
    JobRunner predicted = JobRunner.run("predict", "--input", data.toString(), "--model",
        fit.toString(), "--output", scored.toString());
    assertEquals(0, predicted.exitCode, predicted::toString);
    List<Row> rows = SharedSpark.session().read().parquet(scored.toString())
        .select("logLikelihood").collectAsList();
    assertEquals(N, rows.size());
    double total = rows.stream().mapToDouble(r -> r.getDouble(0)).sum();
    assertRelative(model.get("logLikelihood").asDouble(), total, 1e-10, "sum of row logLikelihood");
  }

  /** fitted[match[j]] is true component j: the permutation with the least total difference. */
  private static int[] bestMatch(JsonNode truth, JsonNode model, String key) {
    int[] best = null;
    double bestCost = Double.POSITIVE_INFINITY;
    for (int[] perm : permutations(K)) {
      double cost = 0.0;
      for (int j = 0; j < K; j++) {
        JsonNode want = truth.get(key).get(j);
        JsonNode got = model.get(key).get(perm[j]);
        for (int a = 0; a < want.size(); a++) {
          cost += Math.abs(want.get(a).asDouble() - got.get(a).asDouble());
        }
      }
      if (cost < bestCost) {
        bestCost = cost;
        best = perm;
      }
    }
    return best;
  }

  private static List<int[]> permutations(int k) {
    List<int[]> all = new ArrayList<>();
    permute(IntStream.range(0, k).toArray(), 0, all);
    return all;
  }

  private static void permute(int[] a, int from, List<int[]> into) {
    if (from == a.length) {
      into.add(a.clone());
      return;
    }
    for (int i = from; i < a.length; i++) {
      int t = a[from];
      a[from] = a[i];
      a[i] = t;
      permute(a, from + 1, into);
      a[i] = a[from];
      a[from] = t;
    }
  }

  /** Every restart's objective never decreases (delta is the change of the mean objective). */
  private static void assertMonotone(Path fit) throws IOException {
    for (String line : Files.readAllLines(fit.resolve("metrics.jsonl"))) {
      JsonNode record = JSON.readTree(line);
      if (!record.get("delta").isNull()) {
        assertTrue(record.get("delta").asDouble()
            >= -1e-10 * Math.max(1, Math.abs(record.get("meanLogLikelihood").asDouble())),
            "decrease in " + line);
      }
    }
  }

  @Test
  void multinomialOnTheLdaSampleCorpus() throws IOException {
    String corpus =
        ReferenceData.ROOT.resolve("text/spark_sample_lda_libsvm_data.txt").toString();
    Path vocabulary = dir.resolve("vocabulary.txt");
    Files.write(vocabulary, IntStream.range(0, 11).mapToObj(i -> "term" + i)
        .collect(Collectors.toList()));
    Path fit = dir.resolve("lda-fit");
    JobRunner fitted = JobRunner.run("fit", "--family", "multinomial", "--input", corpus,
        "--format", "libsvm", "--k", "3", "--n-init", "2", "--tol", "1e-10", "--max-iter", "300",
        "--vocabulary", vocabulary.toString(), "--output", fit.toString());
    assertEquals(0, fitted.exitCode, fitted::toString);
    assertTrue(fitted.out.contains("multinomial mixture, alpha=0.01, V=11"), fitted::toString);
    assertTrue(fitted.out.contains("term"), "the summary names the top terms:\n" + fitted);
    JsonNode model = JSON.readTree(fit.resolve("model.json").toFile());
    assertEquals("multinomial-mixture", model.get("family").asText());
    assertEquals(3, model.get("k").asInt());
    assertEquals(11, model.get("dimension").asInt());
    assertEquals(12, model.get("rows").asInt());
    assertEquals(0.01, model.get("alpha").asDouble());
    assertEquals(3 * 10 + 2, model.get("parameters").asInt());
    assertEquals(3, model.get("theta").size());
    double weights = 0.0;
    for (int j = 0; j < 3; j++) {
      weights += model.get("weights").get(j).asDouble();
      JsonNode theta = model.get("theta").get(j);
      assertEquals(11, theta.size());
      double sum = 0.0;
      for (JsonNode p : theta) {
        assertTrue(p.asDouble() > 0, "smoothing keeps every word probability > 0");
        sum += p.asDouble();
      }
      assertEquals(1.0, sum, 1e-12);
    }
    assertEquals(1.0, weights, 1e-12);
    assertEquals(model.get("iterations").asInt() + 1, model.get("logLikelihoodTrace").size());
    assertMonotone(fit);

    Path scored = dir.resolve("lda-scored");
    JobRunner predicted = JobRunner.run("predict", "--input", corpus, "--format", "libsvm",
        "--model", fit.toString(), "--family", "multinomial", "--output", scored.toString());
    assertEquals(0, predicted.exitCode, predicted::toString);
    double total = SharedSpark.session().read().parquet(scored.toString())
        .select("logLikelihood").collectAsList().stream().mapToDouble(r -> r.getDouble(0)).sum();
    assertRelative(model.get("logLikelihood").asDouble(), total, 1e-10, "sum of row logLikelihood");
  }

  /**
   * LIBSVM infers the width from the largest index present: {@code --num-features} widens it for
   * fit, and predict reads with the model's width, so documents without the last words score.
   * Posteriors checked by hand from model.json: r_j ∝ w_j Π θ_jv^x_v.
   */
  @Test
  void libsvmWidthComesFromTheOptionOrTheModel() throws IOException {
    String corpus =
        ReferenceData.ROOT.resolve("text/spark_sample_lda_libsvm_data.txt").toString();
    Path fit = dir.resolve("wide-fit");
    JobRunner fitted = JobRunner.run("fit", "--family", "multinomial", "--input", corpus,
        "--format", "libsvm", "--num-features", "14", "--k", "2", "--seed", "3",
        "--output", fit.toString());
    assertEquals(0, fitted.exitCode, fitted::toString);
    JsonNode model = JSON.readTree(fit.resolve("model.json").toFile());
    assertEquals(14, model.get("dimension").asInt());

    Path narrow = dir.resolve("narrow.libsvm");
    Files.writeString(narrow, "0 1:2 3:1\n0 2:4\n");
    Path scored = dir.resolve("narrow-scored");
    JobRunner predicted = JobRunner.run("predict", "--input", narrow.toString(), "--model",
        fit.toString(), "--output", scored.toString());
    assertEquals(0, predicted.exitCode, predicted::toString);
    List<Row> rows = SharedSpark.session().read().parquet(scored.toString())
        .select("probability").collectAsList();
    int[][] words = {{0, 0, 2}, {1, 1, 1, 1}};
    for (int i = 0; i < words.length; i++) {
      double[] log = new double[2];
      for (int j = 0; j < 2; j++) {
        log[j] = Math.log(model.get("weights").get(j).asDouble());
        for (int v : words[i]) {
          log[j] += Math.log(model.get("theta").get(j).get(v).asDouble());
        }
      }
      double first = 1 / (1 + Math.exp(log[1] - log[0]));
      Vector p = rows.get(i).getAs(0);
      assertRelative(first, p.apply(0), 1e-12, "posterior of component 0, row " + i);
    }

    JobRunner tooNarrow = JobRunner.run("predict", "--input", narrow.toString(), "--model",
        fit.toString(), "--num-features", "2", "--output", dir.resolve("x").toString());
    assertEquals(3, tooNarrow.exitCode, tooNarrow::toString);
    assertTrue(tooNarrow.err.contains("cannot read the input or write the scores")
        && tooNarrow.err.contains("out of bounds"), tooNarrow::toString);
    Path csv = dir.resolve("counts.csv");
    Files.writeString(csv, "a,b\n1,2\n3,4\n");
    JobRunner notLibsvm = JobRunner.run("fit", "--input", csv.toString(), "--num-features", "4",
        "--output", dir.resolve("y").toString());
    assertEquals(2, notLibsvm.exitCode, notLibsvm::toString);
    assertTrue(notLibsvm.err.contains("--num-features"), notLibsvm::toString);
  }
}
