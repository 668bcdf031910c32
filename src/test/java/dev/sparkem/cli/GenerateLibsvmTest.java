package dev.sparkem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkem.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate --format libsvm}: the same seed writes the same documents as Parquet (read back
 * through Spark's LIBSVM reader), {@code fit} reads them, and wide count data default to it.
 */
class GenerateLibsvmTest {
  @TempDir
  Path dir;

  private static List<String> sorted(Stream<double[]> rows) {
    return rows.map(Arrays::toString).sorted().toList();
  }

  @Test
  void libsvmHoldsTheSameDocumentsAsParquetAndFitReadsIt() throws IOException {
    String[] common = {"generate", "--family", "multinomial", "--n", "300", "--d", "40", "--k",
        "3", "--doc-length", "30", "--seed", "8", "--partitions", "2"};
    Path libsvm = dir.resolve("libsvm");
    Path parquet = dir.resolve("parquet");
    JobRunner sparse = JobRunner.run(Stream.concat(Arrays.stream(common),
        Stream.of("--format", "libsvm", "--output", libsvm.toString())).toArray(String[]::new));
    assertEquals(0, sparse.exitCode, sparse::toString);
    assertTrue(sparse.out.contains("(libsvm)"), sparse.out);
    JobRunner dense = JobRunner.run(Stream.concat(Arrays.stream(common),
        Stream.of("--output", parquet.toString())).toArray(String[]::new));
    assertEquals(0, dense.exitCode, dense::toString);
    assertTrue(dense.out.contains("(parquet)"), "d=40 defaults to parquet: " + dense.out);
    assertEquals(Files.readString(parquet.resolve(GenerateCommand.MIXTURE_FILE)),
        Files.readString(libsvm.resolve(GenerateCommand.MIXTURE_FILE)));

    List<Row> fromLibsvm = SharedSpark.session().read().format("libsvm")
        .option("numFeatures", "40").load(libsvm.toString()).collectAsList();
    List<Row> fromParquet =
        SharedSpark.session().read().parquet(parquet.toString()).collectAsList();
    assertEquals(300, fromLibsvm.size());
    assertTrue(fromLibsvm.stream().allMatch(r -> r.getDouble(0) == 0.0), "label 0");
    assertTrue(fromLibsvm.stream().allMatch(r -> r.get(1) instanceof SparseVector));
    assertEquals(sorted(fromParquet.stream().map(r -> {
      double[] x = new double[40];
      for (int a = 0; a < 40; a++) {
        x[a] = r.getDouble(r.fieldIndex("x" + a));
      }
      return x;
    })), sorted(fromLibsvm.stream().map(r -> r.<Vector>getAs(1).toArray())));

    Path fit = dir.resolve("fit");
    JobRunner fitted = JobRunner.run("fit", "--family", "multinomial", "--input",
        libsvm.toString(), "--format", "libsvm", "--k", "3", "--max-iter", "5", "--output",
        fit.toString());
    assertEquals(0, fitted.exitCode, fitted::toString);
    assertEquals(300, new ObjectMapper().readTree(fit.resolve("model.json").toFile())
        .get("rows").asInt());
  }

  @Test
  void wideCountDataDefaultToLibsvm() {
    Path out = dir.resolve("wide");
    JobRunner run = JobRunner.run("generate", "--family", "poisson", "--n", "20", "--d", "1001",
        "--k", "2", "--partitions", "1", "--output", out.toString());
    assertEquals(0, run.exitCode, run::toString);
    assertTrue(run.out.contains("(libsvm)"), run.out);
    assertEquals(20, SharedSpark.session().read().format("libsvm").option("numFeatures", "1001")
        .load(out.toString()).count());
  }
}
