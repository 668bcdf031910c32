package dev.sparkem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.sparkem.report.Table;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fit and select write convergence.png and report.html beside model.json. */
class ReportFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void fitWritesThePlotAndAReportOfItsModel() throws IOException {
    Path out = dir.resolve("fit");
    JobRunner fit = JobRunner.run("fit", "--conf", "conf/faithful-fit.properties", "--n-init",
        "2", "--output", out.toString());
    assertEquals(0, fit.exitCode, fit::toString);
    assertTrue(fit.out.contains("report.html"), fit.out);
    assertPlot(out.resolve(FitReport.PLOT_FILE));
    JsonNode model = JSON.readTree(out.resolve(FitCommand.MODEL_FILE).toFile());
    String html = Files.readString(out.resolve(FitReport.HTML_FILE));
    for (String key : new String[] {"weights", "means", "covariances", "logLikelihoodTrace"}) {
      for (double v : values(model.get(key))) {
        assertTrue(html.contains("title=\"" + v + "\""), key + " " + v + " is not in the report");
      }
    }
    for (String key : new String[] {"logLikelihood", "bic", "aic"}) {
      assertTrue(html.contains("title=\"" + model.get(key).asDouble() + "\""), key);
    }
    assertTrue(html.contains("<table id=\"restarts\">"));
    assertTrue(html.contains("<td>input</td><td>data/faithful.csv</td>"), html);
  }

  @Test
  void selectWritesTheWinnersReportWithTheGrid() throws IOException {
    Path out = dir.resolve("select");
    JobRunner select = JobRunner.run("select", "--input", "data/faithful.csv", "--k-values",
        "1,2", "--covariance-types", "full,diag", "--output", out.toString());
    assertEquals(0, select.exitCode, select::toString);
    assertPlot(out.resolve(FitReport.PLOT_FILE));
    String html = Files.readString(out.resolve(FitReport.HTML_FILE));
    JsonNode table = JSON.readTree(out.resolve(SelectCommand.SELECTION_FILE).toFile());
    for (JsonNode row : table.get("models")) {
      assertTrue(html.contains("title=\"" + row.get("bic").asDouble() + "\""), row.toString());
    }
    JsonNode model = JSON.readTree(out.resolve(FitCommand.MODEL_FILE).toFile());
    for (double v : values(model.get("means"))) {
      assertTrue(html.contains("title=\"" + v + "\""), "mean " + v);
    }
  }

  /**
   * Every number of {@code model}'s {@code keys} is a cell of {@code html}, shown the way
   * {@link Table#number} formats it with the exact value in its title.
   */
  static void assertCells(String html, JsonNode model, String... keys) {
    for (String key : keys) {
      for (double v : values(model.get(key))) {
        String cell = "<td class=\"num\" title=\"" + v + "\">" + Table.number(v) + "</td>";
        assertTrue(html.contains(cell), key + ": " + cell + " is not in the report");
      }
    }
  }

  /** The PNG reads back with ImageIO at the size the jobs draw. */
  static void assertPlot(Path png) throws IOException {
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(FitReport.PLOT_WIDTH, image.getWidth());
    assertEquals(FitReport.PLOT_HEIGHT, image.getHeight());
  }

  /** Every number of a nested array. */
  private static double[] values(JsonNode node) {
    if (node.isNumber()) {
      return new double[] {node.asDouble()};
    }
    java.util.stream.DoubleStream.Builder all = java.util.stream.DoubleStream.builder();
    node.forEach(child -> java.util.Arrays.stream(values(child)).forEach(all::add));
    return all.build().toArray();
  }
}
