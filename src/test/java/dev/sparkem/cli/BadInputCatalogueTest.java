package dev.sparkem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input catalogue (issue 7): every case runs a job as a user would and asserts the
 * documented exit code (2: usage, option or configuration; 3: bad data), a message naming the
 * problem, and that no output — not even a staging directory — is left behind.
 */
class BadInputCatalogueTest {
  @TempDir
  static Path dir;

  private static final String GOOD = "a,b\n1,2\n2,3.5\n3,1\n4,4\n5,2.5\n";

  @BeforeAll
  static void fixtures() throws IOException {
    write("good.csv", GOOD);
    write("three.csv", "a,b,c\n1,2,3\n2,3,4\n3,1,5\n");
    write("nan.csv", "a,b\n1,2\n2,NaN\n3,4\n");
    write("inf.csv", "a,b\n1,2\nInfinity,3\n3,4\n");
    write("ninf.csv", "a,b\n1,2\n2,-Infinity\n3,4\n");
    write("width.csv", "a,b\n1,2\n2,3,4\n3,4\n");
    write("header-only.csv", "a,b\n");
    write("same.csv", "a,b\n1,1\n1,1\n1,1\n1,1\n");
    write("malformed.csv", "a,b\n1,2\n1.2.3,4\n");
    write("counts-negative.csv", "a,b\n1,2\n-1,3\n");
    write("counts-fraction.csv", "a,b\n1,2\n1.5,3\n");
    write("bits.csv", "a,b\n1,0\n0,2\n");
    write("weights.csv", "a,b,w\n1,2,1\n2,3,-1\n3,4,1\n");
    write("unknown-key.properties", "k = 2\nmax-itr = 10\n");
    write("corrupt.parquet", "this is not parquet");
    write("truncated.json", "{\"weights\": [0.5, 0.5], \"means\": [[1, 2]");
    write("future.json", "{\"formatVersion\": 99, \"weights\": [1], \"means\": [[1, 2]],"
        + " \"covariances\": [[[1, 0], [0, 1]]]}");
    write("poisson.json", "{\"family\": \"poisson-mixture\", \"weights\": [1],"
        + " \"rates\": [[1, 2]]}");
    write("model.json", "{\"weights\": [0.5, 0.5], \"means\": [[1, 2], [4, 3]],"
        + " \"covariances\": [[[1, 0], [0, 1]], [[1, 0], [0, 1]]]}");
    write("a-file", "not a directory");
    Files.createDirectories(dir.resolve("existing-output"));
  }

  private static void write(String name, String content) throws IOException {
    Files.writeString(dir.resolve(name), content);
  }

  private static String at(String name) {
    return dir.resolve(name).toString();
  }

  private static final String OUT = "catalogue-out";

  private static Arguments fit(String name, int exit, List<String> fragments, String... args) {
    return job(name, exit, fragments, Stream.concat(Stream.of("fit", "--output", at(OUT)),
        Stream.of(args)).toArray(String[]::new));
  }

  private static Arguments job(String name, int exit, List<String> fragments, String... args) {
    return Arguments.of(Named.of(name, (Function<Void, String[]>) unused -> args), exit,
        fragments);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        fit("NaN feature", 3, List.of("input row 1 of file:", "nan.csv", "column 'b'", "NaN"),
            "--input", at("nan.csv")),
        fit("+Infinity feature", 3, List.of("input row 1 of file:", "inf.csv", "column 'a'",
            "Infinity"), "--input", at("inf.csv")),
        fit("-Infinity feature", 3, List.of("row 1 of file:", "ninf.csv", "column 'b'",
            "-Infinity"), "--input", at("ninf.csv")),
        fit("row of the wrong width", 3, List.of("Malformed CSV record"),
            "--input", at("width.csv")),
        fit("header only", 3, List.of("no rows"), "--input", at("header-only.csv")),
        fit("all rows identical", 3, List.of("distinct"), "--input", at("same.csv"),
            "--init", "kmeans"),
        fit("k larger than the rows", 3, List.of("k=9", "(5)"), "--input", at("good.csv"),
            "--k", "9"),
        fit("malformed number", 3, List.of("malformed.csv", "column 'a'", "'1.2.3'"),
            "--input", at("malformed.csv")),
        fit("negative count", 3, List.of("row 1 of file:", "counts-negative.csv", "column 'a'",
            "-1.0", "expected a count"),
            "--input", at("counts-negative.csv"), "--family", "multinomial"),
        fit("fractional count", 3, List.of("column 'a'", "1.5", "expected a count"),
            "--input", at("counts-fraction.csv"), "--family", "poisson"),
        fit("non-binary value", 3, List.of("bits.csv", "column 'b'", "expected 0 or 1"),
            "--input", at("bits.csv"), "--family", "bernoulli"),
        fit("unknown column", 3, List.of("'zz'", "missing"), "--input", at("good.csv"),
            "--features", "a,zz"),
        fit("CSV read as Parquet", 3, List.of("cannot read input", "good.csv"),
            "--input", at("good.csv"), "--format", "parquet"),
        fit("corrupt Parquet", 3, List.of("corrupt.parquet"), "--input", at("corrupt.parquet")),
        fit("missing path", 3, List.of("no-such.csv"), "--input", at("no-such.csv")),
        fit("negative weight", 3, List.of("weight column 'w'", "-1.0"),
            "--input", at("weights.csv"), "--features", "a,b", "--weight-col", "w"),
        fit("missing weight column", 3, List.of("weight column 'nope'", "missing"),
            "--input", at("good.csv"), "--weight-col", "nope"),
        fit("unknown conf key", 2, List.of("unknown key 'max-itr'"), "--input", at("good.csv"),
            "--conf", at("unknown-key.properties")),
        fit("k = 0", 2, List.of("--k is 0"), "--input", at("good.csv"), "--k", "0"),
        fit("negative --reg-covar", 2, List.of("--reg-covar is -1.0"), "--input",
            at("good.csv"), "--reg-covar", "-1"),
        fit("--n-init 0", 2, List.of("--n-init is 0"), "--input", at("good.csv"),
            "--n-init", "0"),
        fit("negative --max-iter", 2, List.of("--max-iter is -1"), "--input", at("good.csv"),
            "--max-iter", "-1"),
        fit("negative --tol", 2, List.of("--tol is -1.0"), "--input", at("good.csv"),
            "--tol", "-1"),
        fit("unknown covariance type", 2, List.of("'banana'"), "--input", at("good.csv"),
            "--covariance", "banana"),
        fit("unknown format", 2, List.of("'banana'"), "--input", at("good.csv"),
            "--format", "banana"),
        fit("--partitions 0", 2, List.of("--partitions is 0"), "--input", at("good.csv"),
            "--partitions", "0"),
        fit("--init model of another dimension", 2, List.of("dimension 2", "3 features"),
            "--input", at("three.csv"), "--init", at("model.json")),
        fit("unknown option", 2, List.of("--bogus"), "--input", at("good.csv"), "--bogus", "1"),
        job("output is a file", 2, List.of("is a file"), "fit", "--input", at("good.csv"),
            "--output", at("a-file")),
        job("existing output without --overwrite", 2, List.of("pass --overwrite"), "fit",
            "--input", at("good.csv"), "--output", at("existing-output")),
        job("truncated model JSON", 2, List.of("truncated.json", "not valid JSON"), "predict",
            "--input", at("good.csv"), "--model", at("truncated.json"), "--output", at(OUT)),
        job("model of a future format version", 2, List.of("formatVersion is 99"), "predict",
            "--input", at("good.csv"), "--model", at("future.json"), "--output", at(OUT)),
        job("model of another dimension", 3, List.of("expected 2"), "predict",
            "--input", at("three.csv"), "--features", "a,b,c", "--model", at("model.json"),
            "--output", at(OUT)),
        job("model of another family", 2, List.of("poisson"), "predict", "--input",
            at("good.csv"), "--model", at("poisson.json"), "--family", "gaussian",
            "--output", at(OUT)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isRejectedWithItsExitCodeAndAMessageAndNoOutput(Function<Void, String[]> args,
      int exitCode, List<String> fragments) throws IOException {
    JobRunner run = JobRunner.run(args.apply(null));
    assertEquals(exitCode, run.exitCode, run::toString);
    for (String fragment : fragments) {
      assertTrue(run.err.contains(fragment), "stderr lacks '" + fragment + "':\n" + run);
    }
    assertFalse(run.err.contains("\tat "), "a stack trace reached the user:\n" + run);
    try (Stream<Path> left = Files.list(dir)) {
      assertFalse(left.anyMatch(p -> p.getFileName().toString().contains(OUT)),
          "an output or staging directory was left behind");
    }
  }
}
