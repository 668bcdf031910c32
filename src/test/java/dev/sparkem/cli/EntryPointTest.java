package dev.sparkem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkem.testing.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entry point hands everything a job printed to its streams before it returns. */
class EntryPointTest {
  @TempDir
  Path dir;

  @Test
  void outputIsFlushedBeforeTheExitCodeIsReturned() {
    SharedSpark.session();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = SparkEm.run(new PrintWriter(out), new PrintWriter(err), "generate", "--n", "10",
        "--output", dir.resolve("g").toString());
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("wrote 10 rows"), out::toString);
    int usage = SparkEm.run(new PrintWriter(out), new PrintWriter(err), "fit", "--input", "x.csv",
        "--output", dir.resolve("f").toString(), "--nope");
    assertEquals(SparkEm.USAGE_ERROR, usage);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--nope"), err::toString);
  }
}
