package dev.sparkem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkem.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's HMM example on the bundled Nile flows (data/nile.csv, CSV in the long layout):
 * a 2-state Gaussian HMM finds the well-known change point of 1898 (Cobb 1978), the Viterbi path
 * switching state once, between 1898 and 1899, and the two levels near 1100 and 850; the report
 * shows the Gaussian emission.
 */
class NileHmmExampleTest {
  @TempDir
  Path dir;

  @Test
  void twoStatesFindTheChangePointOf1898() throws IOException {
    String model = dir.resolve("hmm-nile").toString();
    JobRunner fit = JobRunner.run("fit", "--family", "hmm", "--emission", "gaussian",
        "--states", "2", "--input", "data/nile.csv", "--id-col", "series", "--position-col",
        "year", "--features", "flow", "--n-init", "3", "--tol", "1e-8", "--max-iter", "300",
        "--output", model);
    assertEquals(0, fit.exitCode, fit::toString);
    JsonNode json = new ObjectMapper().readTree(dir.resolve("hmm-nile/model.json").toFile());
    double[] means = {json.get("means").get(0).get(0).asDouble(),
        json.get("means").get(1).get(0).asDouble()};
    java.util.Arrays.sort(means);
    assertEquals(850, means[0], 30, "the level after the dam");
    assertEquals(1100, means[1], 30, "the level before");
    ReportFilesTest.assertPlot(dir.resolve("hmm-nile").resolve(FitReport.PLOT_FILE));
    String html = java.nio.file.Files.readString(
        dir.resolve("hmm-nile").resolve(FitReport.HTML_FILE));
    ReportFilesTest.assertCells(html, json, "transitions", "start", "means", "variances");
    assertTrue(html.contains("<table id=\"restarts\">"), html);
    String decoded = dir.resolve("hmm-nile-decoded").toString();
    JobRunner decode = JobRunner.run("decode", "--model", model, "--input", "data/nile.csv",
        "--output", decoded);
    assertEquals(0, decode.exitCode, decode::toString);
    List<Row> rows = SharedSpark.session().read().parquet(decoded).collectAsList();
    assertEquals(1, rows.size());
    List<Integer> path = rows.get(0).getList(rows.get(0).fieldIndex("path"));
    assertEquals(100, path.size());
    int switches = 0;
    for (int t = 1; t < path.size(); t++) {
      if (!path.get(t).equals(path.get(t - 1))) {
        switches++;
        assertEquals(1899, 1871 + t, "the path switches between 1898 and 1899");
      }
    }
    assertEquals(1, switches);
    assertTrue(fit.out.contains("2-state hmm, gaussian emission"), fit::toString);
  }
}
