package dev.sparkem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input through the jobs: a clear one-line error naming the problem, a non-zero exit code,
 * and no output (nor staging directory) left behind; a previous result survives a failed run.
 */
class JobsBadInputTest {
  @TempDir
  Path dir;

  private Path csv(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  private JobRunner fit(Path input, String... extra) {
    String[] args = Stream.concat(
        Stream.of("fit", "--input", input.toString(), "--format", "csv", "--output",
            dir.resolve("out").toString(), "--k", "2", "--init", "random"),
        Stream.of(extra)).toArray(String[]::new);
    return JobRunner.run(args);
  }

  private void assertFails(JobRunner run, int exitCode, String... fragments) throws IOException {
    assertEquals(exitCode, run.exitCode, run::toString);
    for (String fragment : fragments) {
      assertTrue(run.err.contains(fragment), "stderr lacks '" + fragment + "':\n" + run);
    }
    try (Stream<Path> left = Files.list(dir)) {
      assertFalse(left.anyMatch(p -> p.getFileName().toString().contains("out")),
          "an output or staging directory was left behind");
    }
  }

  private static final String GOOD = "a,b\n1,2\n2,3.5\n3,1\n4,4\n5,2.5\n";

  @Test
  void nanAndInfinityAreRejectedWithTheirColumn() throws IOException {
    assertFails(fit(csv("nan.csv", "a,b\n1,2\n2,NaN\n3,4\n")), 3, "column 'b'", "NaN");
    assertFails(fit(csv("inf.csv", "a,b\n1,2\nInfinity,3\n3,4\n")), 3, "column 'a'", "Infinity");
  }

  @Test
  void aNonNumericValueIsRejected() throws IOException {
    assertFails(fit(csv("text.csv", "a,b\n1,2\n2,oops\n3,4\n")), 3, "column 'b'", "'oops'");
  }

  @Test
  void rowsOfDifferentWidthAreRejected() throws IOException {
    assertFails(fit(csv("width.csv", "a,b\n1,2\n2,3,4\n3,4\n")), 3, "error:", "alformed");
  }

  @Test
  void emptyInputIsRejected() throws IOException {
    assertFails(fit(csv("empty.csv", "a,b\n")), 3, "no rows");
  }

  @Test
  void kLargerThanTheRowsIsRejected() throws IOException {
    assertFails(fit(csv("few.csv", GOOD), "--k", "9"), 3, "k=9", "number of rows", "(5)");
  }

  @Test
  void aMissingColumnIsNamed() throws IOException {
    assertFails(fit(csv("cols.csv", GOOD), "--features", "a,zz"), 3, "'zz'", "missing");
  }

  @Test
  void anUnreadablePathIsNamed() throws IOException {
    assertFails(fit(dir.resolve("no-such-file.csv")), 3, "no-such-file.csv");
    Files.createDirectory(dir.resolve("model-dir.json"));
    assertFails(fit(csv("ok.csv", GOOD), "--init", dir.resolve("model-dir.json").toString()), 2,
        "model-dir.json", "is a directory");
  }

  @Test
  void unknownOptionsAndConfKeysAreRejectedByName() throws IOException {
    assertFails(fit(csv("ok.csv", GOOD), "--bogus", "1"), 2, "--bogus");
    Path conf = csv("fit.properties", "k = 2\nmax-itr = 10\n");
    assertFails(fit(csv("ok.csv", GOOD), "--conf", conf.toString()), 2, "unknown key 'max-itr'");
  }

  @Test
  void aFailedRunLeavesThePreviousResultIntact() throws IOException {
    JobRunner good = fit(csv("ok.csv", GOOD), "--tol", "0", "--max-iter", "3");
    assertEquals(0, good.exitCode, good::toString);
    Path model = dir.resolve("out").resolve("model.json");
    String before = Files.readString(model);
    JobRunner bad = fit(csv("bad.csv", "a,b\n1,2\n2,NaN\n"), "--overwrite");
    assertEquals(3, bad.exitCode, bad::toString);
    assertEquals(before, Files.readString(model));
    JobRunner again = fit(csv("ok.csv", GOOD));
    assertEquals(2, again.exitCode, again::toString);
    assertTrue(again.err.contains("exists; pass --overwrite"), again::toString);
    assertEquals(before, Files.readString(model));
    JobRunner replaced = fit(csv("ok.csv", GOOD), "--overwrite", "--tol", "0", "--max-iter", "1");
    assertEquals(0, replaced.exitCode, replaced::toString);
    assertTrue(Files.readString(model).contains("\"iterations\" : 1"));
    try (Stream<Path> left = Files.list(dir)) {
      assertFalse(left.anyMatch(p -> p.getFileName().toString().contains("staging")));
    }
  }

  @Test
  void confFileValuesApplyAndTheCommandLineWins() throws IOException {
    Path conf = csv("fit.properties", "max-iter = 2\ntol = 0\nk = 3\n");
    JobRunner run = fit(csv("ok.csv", GOOD), "--conf", conf.toString(), "--k", "2");
    assertEquals(0, run.exitCode, run::toString);
    String model = Files.readString(dir.resolve("out").resolve("model.json"));
    assertTrue(model.contains("\"iterations\" : 2"), model);
    assertTrue(model.contains("\"k\" : 2"), model);
    // One progress line per iteration, with the bound on the time left.
    assertTrue(run.err.contains("spark-em: iteration 1/2 "), run::toString);
    List<String> last = run.err.lines().filter(l -> l.startsWith("spark-em: iteration 2/2 "))
        .toList();
    assertEquals(1, last.size(), run::toString);
    assertTrue(last.get(0).endsWith("eta <= 0.0 s"), last.get(0));
  }
}
