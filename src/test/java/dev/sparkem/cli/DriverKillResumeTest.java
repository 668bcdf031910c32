package dev.sparkem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fit job runs in a child JVM (as {@code jobs/run-local} runs it) with --checkpoint-dir and
 * is killed with SIGKILL once it has checkpointed iteration 2; {@code fit --resume} then ends
 * with the model file of an uninterrupted fit, bit for bit (parameters and log-likelihood
 * trace), and deletes the checkpoints. Resuming with another --tol, --family or input is
 * refused (exit 2) naming what differs. An HMM fit crashed in process resumes the same way.
 */
class DriverKillResumeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** tol 0: the fit runs every iteration, long enough to be killed midway. */
  private static final List<String> FIT = List.of("fit", "--input", "data/faithful.csv",
      "--k", "2", "--init", "random", "--seed", "3", "--max-iter", "100", "--tol", "0");

  @TempDir
  static Path dir;

  private static JobRunner reference;

  @BeforeAll
  static void uninterruptedFit() {
    reference = JobRunner.run(args("--output", dir.resolve("reference").toString()));
    assertEquals(0, reference.exitCode, reference::toString);
  }

  private static String[] args(String... more) {
    List<String> all = new ArrayList<>(FIT);
    all.addAll(Arrays.asList(more));
    return all.toArray(String[]::new);
  }

  /** model.json without createdAt, the one entry that differs between two runs. */
  private static ObjectNode model(String output) throws IOException {
    ObjectNode model = (ObjectNode) JSON.readTree(dir.resolve(output).resolve("model.json")
        .toFile());
    model.remove("createdAt");
    return model;
  }

  /** metrics.jsonl without the wall times. */
  private static List<String> metrics(String output) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve(output).resolve("metrics.jsonl"))) {
      ObjectNode record = (ObjectNode) JSON.readTree(line);
      record.remove("seconds");
      lines.add(record.toString());
    }
    return lines;
  }

  /** Starts the fit job in a new JVM with the test classpath and Spark's JVM options. */
  private static Process startJob(Path log, String... more) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(
        Files.readString(Path.of("target", "jvm-options")).trim().split("\\s+")));
    command.addAll(List.of("-Xmx1g", "-Dspark.master=local[2]", "-Dspark.ui.enabled=false",
        "-Dlog4j2.configurationFile=" + Path.of("conf", "log4j2.properties").toAbsolutePath(),
        "-cp", System.getProperty("java.class.path"), SparkEm.class.getName()));
    command.addAll(Arrays.asList(args(more)));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("OPENBLAS_NUM_THREADS", "1");
    return builder.start();
  }

  /** The highest iteration checkpointed in {@code checkpoints} so far, or -1. */
  private static int checkpointed(Path checkpoints) throws IOException {
    if (!Files.isDirectory(checkpoints)) {
      return -1;
    }
    try (Stream<Path> files = Files.list(checkpoints)) {
      return files.map(p -> p.getFileName().toString())
          .filter(name -> name.matches("checkpoint-\\d+\\.json"))
          .mapToInt(name -> Integer.parseInt(name.replaceAll("\\D", ""))).max().orElse(-1);
    }
  }

  @Test
  void aKilledFitResumesToTheUninterruptedModel() throws Exception {
    String checkpoints = dir.resolve("checkpoints").toString();
    Path log = dir.resolve("killed.log");
    Process job = startJob(log, "--checkpoint-dir", checkpoints, "--output",
        dir.resolve("killed").toString());
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (checkpointed(Path.of(checkpoints)) < 2 && job.isAlive()
          && System.nanoTime() < deadline) {
        Thread.onSpinWait();
        job.waitFor(10, TimeUnit.MILLISECONDS);
      }
      assertTrue(job.isAlive(), () -> "the job ended before it could be killed:\n" + read(log));
      assertTrue(checkpointed(Path.of(checkpoints)) >= 2, () -> read(log));
    } finally {
      job.destroyForcibly();
      job.waitFor();
    }
    int killedAt = checkpointed(Path.of(checkpoints));
    assertTrue(killedAt < 100, "the job had finished: checkpoint " + killedAt);
    assertFalse(Files.exists(dir.resolve("killed")), "a killed job wrote its output");

    refused("tol is '0.0' in the checkpoint, '1.0E-9' now", "--tol", "1e-9");
    refused("family is 'gaussian' in the checkpoint, 'poisson' now", "--family", "poisson");
    Path copy = dir.resolve("faithful-copy.csv");
    Files.copy(Path.of("data", "faithful.csv"), copy);
    refused("input is 'data/faithful.csv' in the checkpoint, '" + copy + "' now",
        "--input", copy.toString());
    JobRunner fresh = JobRunner.run(args("--checkpoint-dir", checkpoints, "--output",
        dir.resolve("fresh").toString()));
    assertEquals(SparkEm.USAGE_ERROR, fresh.exitCode, fresh::toString);
    assertTrue(fresh.err.contains("pass --resume to continue it"), fresh::toString);

    JobRunner resumed = JobRunner.run(args("--checkpoint-dir", checkpoints, "--resume",
        "--output", dir.resolve("resumed").toString()));
    assertEquals(0, resumed.exitCode, resumed::toString);
    assertTrue(resumed.err.contains("resuming from"), resumed::toString);
    assertEquals(model("reference"), model("resumed"));
    assertEquals(100, model("resumed").get("logLikelihoodTrace").size() - 1);
    assertEquals(metrics("reference"), metrics("resumed"));
    assertFalse(Files.exists(Path.of(checkpoints)), "the checkpoints were not deleted");
  }

  private static void refused(String message, String... options) {
    List<String> all = new ArrayList<>(Arrays.asList(options));
    all.addAll(List.of("--checkpoint-dir", dir.resolve("checkpoints").toString(), "--resume",
        "--output", dir.resolve("refused").toString()));
    JobRunner job = JobRunner.run(args(all.toArray(String[]::new)));
    assertEquals(SparkEm.USAGE_ERROR, job.exitCode, job::toString);
    assertTrue(job.err.contains(message), job::toString);
    assertNotEquals(-1, job.err.indexOf("written by a different run"), job::toString);
    assertFalse(Files.exists(dir.resolve("refused")));
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Test
  void requireConvergenceExitsFourAndStillWritesTheModel() throws IOException {
    JobRunner job = JobRunner.run("fit", "--input", "data/faithful.csv", "--init", "random",
        "--seed", "3", "--max-iter", "2", "--tol", "0", "--require-convergence", "--output",
        dir.resolve("unconverged").toString());
    assertEquals(SparkEm.NOT_CONVERGED, job.exitCode, job::toString);
    assertTrue(job.err.contains("did not converge in 2 iterations"), job::toString);
    assertEquals("max_iterations", model("unconverged").get("status").asText());
    JobRunner converged = JobRunner.run("fit", "--input", "data/faithful.csv", "--init",
        "random", "--seed", "3",
        "--max-iter", "300", "--require-convergence", "--output",
        dir.resolve("converged").toString());
    assertEquals(0, converged.exitCode, converged::toString);
  }

  /**
   * fit --family hmm checkpoints too: a fit whose checkpoint of iteration 3 cannot be written
   * ({@link FailingFileSystem}) dies there, as a driver would, keeping the checkpoints of
   * iterations 1 and 2; --resume then ends with the model file of an uninterrupted fit, bit for
   * bit, and its metrics (the same lines, the restored ones replayed restart by restart), and
   * deletes the checkpoints; another --tol is refused.
   */
  @Test
  void aHiddenMarkovFitResumesToTheUninterruptedModel() throws IOException {
    FailingFileSystem.register(
        dev.sparkem.testing.SharedSpark.session().sparkContext().hadoopConfiguration());
    List<String> hmm = List.of("fit", "--family", "hmm", "--emission", "gaussian", "--states",
        "2", "--input", "data/nile.csv", "--id-col", "series", "--position-col", "year",
        "--features", "flow", "--n-init", "2", "--seed", "3", "--max-iter", "8", "--tol", "0");
    JobRunner uninterrupted = JobRunner.run(with(hmm, "--output",
        dir.resolve("hmm-reference").toString()));
    assertEquals(0, uninterrupted.exitCode, uninterrupted::toString);
    Path local = dir.resolve("hmm-checkpoints");
    String checkpoints = FailingFileSystem.SCHEME + "://" + local;
    try {
      FailingFileSystem.failCreateOf = ".checkpoint-000003";
      JobRunner crashed = JobRunner.run(with(hmm, "--checkpoint-dir", checkpoints, "--output",
          dir.resolve("hmm-crashed").toString()));
      assertEquals(1, crashed.exitCode, crashed::toString);
    } finally {
      FailingFileSystem.reset();
    }
    assertEquals(2, checkpointed(local));
    assertFalse(Files.exists(dir.resolve("hmm-crashed")), "a crashed job wrote its output");
    JobRunner otherTol = JobRunner.run(with(hmm, "--tol", "1e-9", "--checkpoint-dir",
        checkpoints, "--resume", "--output", dir.resolve("hmm-refused").toString()));
    assertEquals(SparkEm.USAGE_ERROR, otherTol.exitCode, otherTol::toString);
    assertTrue(otherTol.err.contains("tol is '0.0' in the checkpoint, '1.0E-9' now"),
        otherTol::toString);

    JobRunner resumed = JobRunner.run(with(hmm, "--checkpoint-dir", checkpoints, "--resume",
        "--output", dir.resolve("hmm-resumed").toString()));
    assertEquals(0, resumed.exitCode, resumed::toString);
    assertTrue(resumed.err.contains("resuming from"), resumed::toString);
    assertTrue(resumed.err.contains("(iteration 2)"), resumed::toString);
    assertEquals(model("hmm-reference"), model("hmm-resumed"));
    // the restored iterations are replayed restart by restart, then the rest interleaved
    assertEquals(metrics("hmm-reference").stream().sorted().toList(),
        metrics("hmm-resumed").stream().sorted().toList());
    assertFalse(Files.exists(local), "the checkpoints were not deleted");
  }

  private static String[] with(List<String> options, String... more) {
    List<String> all = new ArrayList<>(options);
    all.addAll(Arrays.asList(more));
    return all.toArray(String[]::new);
  }
}
