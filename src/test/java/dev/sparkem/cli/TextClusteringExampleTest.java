package dev.sparkem.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkem.mixture.multinomial.MultinomialMixtureParameters;
import dev.sparkem.ml.CountMixture;
import dev.sparkem.ml.CountMixtureModel;
import dev.sparkem.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's text-clustering example through the Spark ML face: CountMixture on the bundled
 * LDA sample corpus gives the model of the README's {@code fit} job (same options, same seed),
 * and the top words per cluster are printed as the README shows.
 */
class TextClusteringExampleTest {
  private static final String CORPUS = "data/sample_lda_libsvm_data.txt";

  @TempDir
  Path dir;

  /** The README snippet: the top {@code n} words of every cluster, one line each. */
  static List<String> topWords(MultinomialMixtureParameters p, int n) {
    List<String> lines = new ArrayList<>();
    for (int j = 0; j < p.k(); j++) {
      double[] theta = p.theta(j);
      String top = IntStream.range(0, theta.length).boxed()
          .sorted((a, b) -> Double.compare(theta[b], theta[a])).limit(n)
          .map(w -> String.format(Locale.ROOT, "#%d %.3f", w, theta[w]))
          .collect(Collectors.joining(", "));
      lines.add(String.format(Locale.ROOT, "cluster %d (weight %.2f): %s", j, p.weights()[j],
          top));
    }
    return lines;
  }

  @Test
  void estimatorGivesTheJobsModelAndPrintsTopWords() throws IOException {
    Dataset<Row> docs = SharedSpark.session().read().format("libsvm").load(CORPUS);
    CountMixtureModel model = new CountMixture().setFamily("multinomial").setK(3).setNInit(5)
        .setTol(1e-8).fit(docs);
    MultinomialMixtureParameters p = (MultinomialMixtureParameters) model.parameters();
    topWords(p, 4).forEach(System.out::println);

    Path out = dir.resolve("lda-multinomial");
    JobRunner fitted = JobRunner.run("fit", "--family", "multinomial", "--input", CORPUS,
        "--format", "libsvm", "--k", "3", "--n-init", "5", "--tol", "1e-8", "--output",
        out.toString());
    assertEquals(0, fitted.exitCode, fitted::toString);
    System.out.println(fitted.out);
    JsonNode job = new ObjectMapper().readTree(out.resolve("model.json").toFile());
    for (int j = 0; j < 3; j++) {
      assertEquals(job.get("weights").get(j).asDouble(), p.weights()[j], 1e-12);
      double[] theta = new double[p.dimension()];
      for (int w = 0; w < theta.length; w++) {
        theta[w] = job.get("theta").get(j).get(w).asDouble();
      }
      assertArrayEquals(theta, p.theta(j), 1e-12, "theta of cluster " + j);
    }
  }
}
