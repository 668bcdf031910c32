package dev.sparkem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input for the count families through the jobs: values outside the family's domain exit 3
 * naming the row and column, in fit and in predict; options that do not apply to the family, and
 * unknown families, exit 2 naming the option.
 */
class CountJobsBadInputTest {
  @TempDir
  Path dir;

  private Path csv(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  private JobRunner fit(String family, Path input, String... extra) {
    return JobRunner.run(Stream.concat(Stream.of("fit", "--family", family, "--input",
        input.toString(), "--output", dir.resolve("out").toString(), "--k", "2"),
        Stream.of(extra)).toArray(String[]::new));
  }

  private void assertFails(JobRunner run, int exitCode, String... fragments) throws IOException {
    assertEquals(exitCode, run.exitCode, run::toString);
    for (String fragment : fragments) {
      assertTrue(run.err.contains(fragment), "stderr lacks '" + fragment + "':\n" + run);
    }
    try (Stream<Path> left = Files.list(dir)) {
      assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith("out")),
          "an output directory was left behind");
    }
  }

  private static final String COUNTS = "a,b\n1,2\n0,3\n4,0\n2,2\n";

  @Test
  void negativeAndNonIntegerCountsAreRejectedForMultinomialAndPoisson() throws IOException {
    for (String family : new String[] {"multinomial", "poisson"}) {
      assertFails(fit(family, csv(family + "-neg.csv", "a,b\n1,2\n0,3\n4,-1\n")), 3,
          "input row 2", "column 'b'", "-1.0", "expected a count (an integer >= 0)");
      assertFails(fit(family, csv(family + "-frac.csv", "a,b\n1,2\n0.5,3\n4,1\n")), 3,
          "input row 1", "column 'a'", "0.5", "expected a count");
    }
  }

  @Test
  void valuesOtherThanZeroOrOneAreRejectedForBernoulli() throws IOException {
    assertFails(fit("bernoulli", csv("bits.csv", "a,b,c\n1,0,1\n0,1,1\n1,2,0\n")), 3,
        "input row 2", "column 'b'", "2.0", "expected 0 or 1");
  }

  @Test
  void predictChecksTheModelsValueDomain() throws IOException {
    Path model = dir.resolve("model");
    JobRunner good = JobRunner.run("fit", "--family", "poisson", "--input",
        csv("counts.csv", COUNTS).toString(), "--k", "2", "--output", model.toString());
    assertEquals(0, good.exitCode, good::toString);
    assertFails(JobRunner.run("predict", "--input", csv("bad.csv", "a,b\n1,2\n3,-2\n")
        .toString(), "--model", model.toString(), "--output", dir.resolve("out").toString()), 3,
        "input row 1", "column 'b'", "-2.0", "expected a count");
    assertFails(JobRunner.run("predict", "--input", csv("ok.csv", COUNTS).toString(), "--model",
        model.toString(), "--family", "bernoulli", "--output", dir.resolve("out").toString()), 2,
        "--family is bernoulli", "holds a poisson mixture");
  }

  @Test
  void optionsThatDoNotApplyToTheFamilyAreRejected() throws IOException {
    Path input = csv("ok.csv", COUNTS);
    assertFails(fit("multinomial", input, "--covariance", "diag"), 2,
        "--covariance does not apply to the multinomial family, which takes --alpha");
    assertFails(fit("poisson", input, "--reg-covar", "1e-3"), 2,
        "--reg-covar does not apply to the poisson family");
    assertFails(fit("bernoulli", input, "--rate-floor", "1e-3"), 2,
        "--rate-floor does not apply to the bernoulli family");
    assertFails(fit("gaussian", input, "--alpha", "1"), 2,
        "--alpha does not apply to the gaussian family, which takes --covariance, --reg-covar");
    assertFails(fit("poisson", input, "--init", "kmeans"), 2,
        "init mode 'kmeans' does not apply to the poisson family",
        "random, random-responsibilities");
    assertFails(fit("dirichlet", input), 2, "--family is 'dirichlet'", "multinomial");
    assertFails(fit("multinomial", input, "--alpha", "-1"), 2, "alpha is -1.0");
  }
}
