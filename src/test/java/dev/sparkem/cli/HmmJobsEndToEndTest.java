package dev.sparkem.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkem.hmm.Decoder;
import dev.sparkem.hmm.HmmFloorTest;
import dev.sparkem.hmm.HmmJson;
import dev.sparkem.hmm.HmmParameters;
import dev.sparkem.hmm.SequenceBlock;
import dev.sparkem.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * generate → fit → decode for hidden Markov models through the jobs' entry point: partition
 * invariance, the monotone log-likelihood, the long layout with and without --presorted, decode
 * against the Java API's Decoder, the plot and the HTML report, bad input named by sequence
 * id and position (exit 3), and --reg-covar and --rate-floor on states that collapse without them
 * (exit 3) and are held at the ridge or floor with them ({@link HmmFloorTest}'s closed form).
 */
class HmmJobsEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;

  private static String array;
  private static String longLayout;
  /** The fit of the array layout in one partition, shared by the tests. */
  private static JsonNode one;

  @BeforeAll
  static void generateAndFit() throws IOException {
    array = dir.resolve("data-array").toString();
    longLayout = dir.resolve("data-long").toString();
    for (String[] layout : new String[][] {{"array", array}, {"long", longLayout}}) {
      JobRunner generate = JobRunner.run("generate", "--family", "hmm", "--n", "200",
          "--length", "20", "--states", "2", "--symbols", "3", "--seed", "5", "--partitions",
          "2", "--layout", layout[0], "--output", layout[1]);
      assertEquals(0, generate.exitCode, generate::toString);
    }
    one = fit("fit1", "--input", array, "--partitions", "1");
  }

  private static JsonNode fit(String name, String... options) throws IOException {
    String[] common = {"fit", "--family", "hmm", "--states", "2", "--init", "random", "--seed",
        "3", "--max-iter", "10", "--tol", "0", "--output"};
    String[] all = new String[common.length + 1 + options.length];
    System.arraycopy(common, 0, all, 0, common.length);
    all[common.length] = dir.resolve(name).toString();
    System.arraycopy(options, 0, all, common.length + 1, options.length);
    JobRunner fit = JobRunner.run(all);
    assertEquals(0, fit.exitCode, fit::toString);
    assertTrue(fit.out.contains("2-state hmm, categorical emission"), fit::toString);
    return JSON.readTree(dir.resolve(name).resolve("model.json").toFile());
  }

  private static void assertSameModel(JsonNode expected, JsonNode actual, String what) {
    assertClose(expected.get("logLikelihood"), actual.get("logLikelihood"), what);
    for (String key : List.of("start", "transitions", "emissionProbabilities")) {
      List<Double> a = numbers(expected.get(key));
      List<Double> b = numbers(actual.get(key));
      assertEquals(a.size(), b.size());
      for (int i = 0; i < a.size(); i++) {
        assertEquals(a.get(i), b.get(i), 1e-9, what + ": " + key + "[" + i + "]");
      }
    }
  }

  private static void assertClose(JsonNode a, JsonNode b, String what) {
    assertEquals(a.asDouble(), b.asDouble(), 1e-9 * Math.abs(a.asDouble()), what);
  }

  private static List<Double> numbers(JsonNode node) {
    List<Double> values = new java.util.ArrayList<>();
    if (node.isArray()) {
      node.forEach(child -> values.addAll(numbers(child)));
    } else {
      values.add(node.asDouble());
    }
    return values;
  }

  @Test
  void fitIsPartitionInvariantMonotoneAndTheSameInEveryLayout() throws IOException {
    JsonNode four = fit("fit4", "--input", array, "--partitions", "4");
    assertSameModel(one, four, "1 vs 4 partitions");
    assertEquals("hmm", one.get("family").asText());
    assertEquals(200, one.get("sequences").asInt());
    assertEquals(4000, one.get("observations").asInt());
    // 2 states, 3 symbols: 1 + 2 + 2·2 = 7 free parameters; n = 4000 observations
    assertEquals(7, one.get("parameters").asInt());
    assertEquals(-2 * one.get("logLikelihood").asDouble() + 7 * Math.log(4000),
        one.get("bic").asDouble(), 1e-9);
    List<String> metrics = Files.readAllLines(dir.resolve("fit1").resolve("metrics.jsonl"));
    assertEquals(11, metrics.size());
    double previous = Double.NEGATIVE_INFINITY;
    for (String line : metrics) {
      double ll = JSON.readTree(line).get("logLikelihood").asDouble();
      assertTrue(ll >= previous - 1e-10 * Math.abs(previous), "decrease at " + line);
      previous = ll;
    }
    JsonNode shuffled = fit("long", "--input", longLayout, "--id-col", "id", "--position-col",
        "position", "--features", "x", "--partitions", "3");
    assertSameModel(one, shuffled, "long layout, one repartition by id");
    JsonNode presorted = fit("presorted", "--input", longLayout, "--id-col", "id",
        "--position-col", "position", "--features", "x", "--presorted");
    assertSameModel(one, presorted, "long layout, --presorted");
    assertEquals("position", presorted.get("positionCol").asText());
  }

  @Test
  void fitWritesThePlotAndAReportOfItsParameters() throws IOException {
    Path out = dir.resolve("fit1");
    ReportFilesTest.assertPlot(out.resolve(FitReport.PLOT_FILE));
    String html = Files.readString(out.resolve(FitReport.HTML_FILE));
    ReportFilesTest.assertCells(html, one, "transitions", "start", "emissionProbabilities",
        "logLikelihoodTrace", "bic", "aic");
    assertTrue(html.contains("<table id=\"transitions\">"), html);
    assertTrue(html.contains("<td>emission type</td><td>categorical</td>"), html);
    assertTrue(html.contains("<td>sequences</td><td class=\"num\">200</td>"), html);
    assertTrue(html.contains("<td>input</td><td>" + array + "</td>"), html);
  }

  @Test
  void decodeAgreesWithTheJavaDecoder() throws IOException {
    JsonNode model = one;
    HmmParameters params = HmmJson.fromJson(model, "model.json");
    String out = dir.resolve("decoded").toString();
    JobRunner decode = JobRunner.run("decode", "--input", array, "--model",
        dir.resolve("fit1").toString(), "--output", out);
    assertEquals(0, decode.exitCode, decode::toString);
    List<Row> decoded = SharedSpark.session().read().parquet(out).orderBy("id").collectAsList();
    List<Row> input = SharedSpark.session().read().parquet(array).orderBy("id").collectAsList();
    assertEquals(200, decoded.size());
    Decoder decoder = new Decoder(params);
    double total = 0.0;
    for (int s = 0; s < decoded.size(); s++) {
      Row row = decoded.get(s);
      assertEquals(input.get(s).getLong(0), row.getLong(row.fieldIndex("id")));
      int[] x = input.get(s).<Integer>getList(1).stream().mapToInt(Integer::intValue).toArray();
      SequenceBlock block = SequenceBlock.categorical(null, new int[][] {x}, null);
      assertArrayEquals(decoder.viterbi(block, 0), row.<Integer>getList(row.fieldIndex("path"))
          .stream().mapToInt(Integer::intValue).toArray());
      double score = row.getDouble(row.fieldIndex("score"));
      assertEquals(decoder.logLikelihood(block, 0), score, 1e-12 * Math.abs(score));
      double[][] gamma = decoder.posteriors(block, 0);
      List<scala.collection.Seq<Double>> posteriors = row.getList(row.fieldIndex("posteriors"));
      for (int t = 0; t < x.length; t++) {
        for (int k = 0; k < 2; k++) {
          assertEquals(gamma[t][k], posteriors.get(t).apply(k), 1e-12);
        }
      }
      total += score;
    }
    assertEquals(model.get("logLikelihood").asDouble(), total, 1e-9 * Math.abs(total),
        "the scores add up to the fit's log-likelihood");
    JobRunner predict = JobRunner.run("predict", "--input", array, "--model",
        dir.resolve("fit1").toString(), "--output", dir.resolve("p").toString());
    assertEquals(2, predict.exitCode, predict::toString);
    assertTrue(predict.err.contains("holds a hidden Markov model (family 'hmm'), expected a "
        + "mixture: decode sequences with the decode job"), predict::toString);
  }

  @Test
  void badInputExitsWith3NamingSequenceAndPosition() throws IOException {
    // decode: symbol 5 is unknown to a 3-symbol model
    StructType symbols = new StructType().add("id", DataTypes.LongType)
        .add("sequence", DataTypes.createArrayType(DataTypes.IntegerType));
    String unknown = write("unknown", symbols, RowFactory.create(70L, new Integer[] {0, 1, 2}),
        RowFactory.create(71L, new Integer[] {0, 1, 5, 1}));
    assertFails(3, "sequence 71 position 2: symbol is 5, expected 0..2", "decode", "--input",
        unknown, "--model", dir.resolve("fit1").toString(), "--output", out("d-unknown"));
    String empty = write("empty", symbols, RowFactory.create(70L, new Integer[] {0, 1}),
        RowFactory.create(72L, new Integer[] {}));
    assertFails(3, "sequence 72 is empty, expected length >= 1", "fit", "--family", "hmm",
        "--input", empty, "--output", out("f-empty"));
    StructType vectors = new StructType().add("id", DataTypes.LongType).add("sequence",
        DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.DoubleType)));
    String mismatched = write("mismatched", vectors, RowFactory.create(9L, new Object[] {
        new Double[] {1.0, 2.0}, new Double[] {1.5, 2.5}, new Double[] {3.0}}));
    assertFails(3, "sequence 9 position 2: observation has dimension 1, expected 2", "fit",
        "--family", "hmm", "--emission", "gaussian", "--input", mismatched, "--output",
        out("f-dim"));
    StructType longReal = new StructType().add("id", DataTypes.LongType)
        .add("t", DataTypes.IntegerType).add("a", DataTypes.DoubleType);
    String nan = write("nan", longReal, RowFactory.create(4L, 0, 1.0),
        RowFactory.create(4L, 1, Double.NaN));
    assertFails(3, "sequence 4 position 1 (t = 1.0) column a: value is NaN", "fit", "--family",
        "hmm", "--emission", "gaussian", "--id-col", "id", "--position-col", "t", "--features",
        "a", "--input", nan, "--output", out("f-nan"));
    assertFails(2, "--covariance does not apply to the hmm family", "fit", "--family", "hmm",
        "--covariance", "diag", "--input", array, "--output", out("f-cov"));
    assertFails(2, "--emission does not apply to the gaussian family", "fit", "--emission",
        "gaussian", "--input", array, "--output", out("f-emission"));
  }

  @Test
  void regCovarAndRateFloorHoldACollapsingStateAtTheRidgeOrFloor() throws IOException {
    StructType vectors = new StructType().add("id", DataTypes.LongType).add("sequence",
        DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.DoubleType)));
    List<Row> real = new java.util.ArrayList<>();
    double[][][] sequences = HmmFloorTest.sequences(1);
    for (int s = 0; s < sequences.length; s++) {
      Double[][] x = new Double[sequences[s].length][];
      for (int t = 0; t < x.length; t++) {
        x[t] = new Double[] {sequences[s][t][0]};
      }
      real.add(RowFactory.create((long) s, x));
    }
    String gaussian = write("constant-state", vectors, real.toArray(new Row[0]));
    String gaussianStart = writeModel("gaussian-start.json", HmmFloorTest.gaussianStart());
    JsonNode ridged = fitFrom("ridged", gaussian, gaussianStart, "--reg-covar", "0.01");
    assertEquals(0.01, ridged.get("variances").get(1).get(0).asDouble(), 0.0);
    assertEquals(0.01, ridged.get("regCovar").asDouble(), 0.0);
    assertFails(3, "state 1 coordinate 0: variance is 0.0", "fit", "--family", "hmm",
        "--input", gaussian, "--init", gaussianStart, "--tol", "0", "--output", out("f-var"));

    StructType symbols = new StructType().add("id", DataTypes.LongType)
        .add("sequence", DataTypes.createArrayType(DataTypes.IntegerType));
    List<Row> counted = new java.util.ArrayList<>();
    int[][] counts = HmmFloorTest.counts();
    for (int s = 0; s < counts.length; s++) {
      counted.add(RowFactory.create((long) s,
          java.util.Arrays.stream(counts[s]).boxed().toArray(Integer[]::new)));
    }
    String poisson = write("zero-state", symbols, counted.toArray(new Row[0]));
    String poissonStart = writeModel("poisson-start.json", HmmFloorTest.poissonStart());
    JsonNode floored = fitFrom("floored", poisson, poissonStart, "--rate-floor", "0.001");
    assertEquals(0.001, floored.get("rates").get(1).asDouble(), 0.0);
    assertEquals(0.001, floored.get("rateFloor").asDouble(), 0.0);
    assertFails(3, "state 1: rate is 0.0", "fit", "--family", "hmm", "--input", poisson,
        "--init", poissonStart, "--tol", "0", "--output", out("f-rate"));

    assertFails(2, "--reg-covar does not apply to poisson emissions, only to gaussian and "
        + "full-gaussian ones", "fit", "--family", "hmm", "--input", poisson, "--init",
        poissonStart, "--reg-covar", "0.01", "--output", out("f-reg-poisson"));
    assertFails(2, "--rate-floor does not apply to categorical emissions, only to poisson ones",
        "fit", "--family", "hmm", "--input", array, "--rate-floor", "0.01", "--output",
        out("f-floor-categorical"));
    assertFails(2, "--reg-covar is -1.0, expected a finite number >= 0", "fit", "--family",
        "hmm", "--input", gaussian, "--init", gaussianStart, "--reg-covar", "-1", "--output",
        out("f-reg-negative"));
  }

  private static JsonNode fitFrom(String name, String input, String start, String... options)
      throws IOException {
    List<String> args = new java.util.ArrayList<>(List.of("fit", "--family", "hmm", "--input",
        input, "--init", start, "--max-iter", "10", "--tol", "0", "--output", out(name)));
    args.addAll(List.of(options));
    JobRunner fit = JobRunner.run(args.toArray(new String[0]));
    assertEquals(0, fit.exitCode, fit::toString);
    return JSON.readTree(dir.resolve(name).resolve("model.json").toFile());
  }

  private static String writeModel(String name, HmmParameters params) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, HmmJson.toJson(params).toString());
    return file.toString();
  }

  private static String out(String name) {
    return dir.resolve(name).toString();
  }

  private static String write(String name, StructType schema, Row... rows) {
    String path = dir.resolve(name).toString();
    SharedSpark.session().createDataFrame(List.of(rows), schema).coalesce(1).write()
        .parquet(path);
    return path;
  }

  private static void assertFails(int code, String message, String... args) {
    JobRunner run = JobRunner.run(args);
    assertEquals(code, run.exitCode, run::toString);
    assertTrue(run.err.contains("error: " + message) || run.err.contains(message),
        run::toString);
    assertTrue(run.err.lines().anyMatch(l -> l.startsWith("error: ") && l.contains(message)),
        run::toString);
  }
}
