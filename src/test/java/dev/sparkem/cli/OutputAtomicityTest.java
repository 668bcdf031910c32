package dev.sparkem.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkem.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fit job that fails after the fit — while writing, moving the old result aside, renaming the
 * new one into place — leaves the previous result byte for byte as it was and no staging
 * directory behind; an existing result is replaced only with --overwrite. The failures come from
 * {@link FailingFileSystem}, in this JVM.
 */
class OutputAtomicityTest {
  @TempDir
  Path dir;

  @BeforeAll
  static void registerTheFailingFileSystem() {
    FailingFileSystem.register(SharedSpark.session().sparkContext().hadoopConfiguration());
  }

  @AfterEach
  void reset() {
    FailingFileSystem.reset();
  }

  private JobRunner fit(String output, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("fit", "--input", "data/faithful.csv",
        "--init", "random", "--seed", "4", "--max-iter", "5", "--output",
        FailingFileSystem.SCHEME + "://" + dir.resolve(output)));
    args.addAll(List.of(more));
    return JobRunner.run(args.toArray(String[]::new));
  }

  /** Every file under the parent directory, by relative path, with its bytes. */
  private Map<String, byte[]> snapshot() throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }

  private void assertUnchanged(Map<String, byte[]> before) throws IOException {
    Map<String, byte[]> after = snapshot();
    assertEquals(before.keySet(), after.keySet(), "files under " + dir);
    before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name));
  }

  @Test
  void aFailedJobLeavesThePreviousResultIntact() throws IOException {
    JobRunner first = fit("out");
    assertEquals(0, first.exitCode, first::toString);
    Map<String, byte[]> before = snapshot();
    assertTrue(before.keySet().containsAll(List.of("out/metrics.jsonl", "out/model.json")),
        before::toString);
    assertTrue(before.keySet().stream().allMatch(name -> name.startsWith("out/")),
        before::toString);

    JobRunner refused = fit("out", "--seed", "5");
    assertEquals(SparkEm.USAGE_ERROR, refused.exitCode, refused::toString);
    assertTrue(refused.err.contains("exists; pass --overwrite"), refused::toString);
    assertUnchanged(before);

    FailingFileSystem.failCreateOf = "metrics.jsonl";
    assertFailedAndUnchanged(fit("out", "--seed", "5", "--overwrite"), before);
    FailingFileSystem.reset();
    FailingFileSystem.failRenameOf = "out";
    assertFailedAndUnchanged(fit("out", "--seed", "5", "--overwrite"), before);
    FailingFileSystem.reset();
    FailingFileSystem.failRenameOf = ".out.staging-";
    assertFailedAndUnchanged(fit("out", "--seed", "5", "--overwrite"), before);
    FailingFileSystem.reset();

    JobRunner replaced = fit("out", "--seed", "5", "--overwrite");
    assertEquals(0, replaced.exitCode, replaced::toString);
    Map<String, byte[]> after = snapshot();
    assertEquals(before.keySet(), after.keySet());
    assertNotEquals(new String(before.get("out/model.json")),
        new String(after.get("out/model.json")));
  }

  private void assertFailedAndUnchanged(JobRunner job, Map<String, byte[]> before)
      throws IOException {
    assertEquals(1, job.exitCode, job::toString);
    assertTrue(job.err.contains("injected failure"), job::toString);
    assertUnchanged(before);
  }

  @Test
  void anOldResultThatCannotBeDeletedDoesNotFailTheJob() throws IOException {
    assertEquals(0, fit("out").exitCode);
    FailingFileSystem.failDeleteOf = ".out.previous-";
    JobRunner replaced = fit("out", "--seed", "5", "--overwrite");
    assertEquals(0, replaced.exitCode, replaced::toString);
    try (Stream<Path> names = Files.list(dir)) {
      assertTrue(names.anyMatch(p -> p.getFileName().toString().startsWith(".out.previous-")));
    }
    assertTrue(Files.readString(dir.resolve("out/model.json")).contains("\"seed\" : 5"));
  }
}
