package dev.sparkem.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkem.cli.SparkEm;
import dev.sparkem.testing.SharedSpark;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fit job on a real Spark standalone cluster: {@code jobs/standalone-cluster} starts a Master
 * and two Workers on 127.0.0.1 (each its own JVM, the executors JVMs launched by the Workers), and
 * the job is submitted with {@code jobs/submit-standalone} (spark-submit, client mode: the driver
 * is the launcher's JVM) as a cluster user would. A fit that loses an
 * executor JVM (SIGKILL, by PID) mid-fit finishes through Spark's task retry with bit-for-bit the
 * model of the uninterrupted fit, which equals the fit of the same data on {@code local[2]}. One
 * cluster serves the class; every process it started is stopped by PID afterwards, also when a
 * test fails or the JVM is interrupted.
 */
class StandaloneClusterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Path SCRIPT = ROOT.resolve("jobs/standalone-cluster");
  private static final Path LAUNCHER = ROOT.resolve("jobs/submit-standalone");
  private static final Path APP_JAR = ROOT.resolve("target/cluster-app/spark-em-app.jar");
  private static final int ITERATIONS = 20;
  /** The executor is killed once the fit has printed this iteration. */
  private static final int KILL_AFTER = 2;
  private static final Pattern PROGRESS =
      Pattern.compile("^spark-em: iteration (\\d+)/" + ITERATIONS + " ");
  private static final long JOB_MINUTES = 5;

  private static Path dir;
  private static Path data;
  private static Thread stopOnExit;
  /** The jobs submitted and not yet finished, stopped with the cluster. */
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
  private static JsonNode localModel;
  /** The model of the fit without failures, submitted once for both tests. */
  private static Future<JsonNode> uninterrupted;

  @BeforeAll
  static void startClusterAndFitLocally() throws Exception {
    dir = Files.createTempDirectory(ROOT.resolve("target"), "standalone-cluster-");
    stopOnExit = new Thread(StandaloneClusterTest::stopCluster);
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    ProcessBuilder starting = new ProcessBuilder(SCRIPT.toString(), "start", dir.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("start.log").toFile());
    // Should this JVM be killed before it can stop the cluster, the script's watchdog does.
    starting.environment().put("STANDALONE_OWNER_PID",
        Long.toString(ProcessHandle.current().pid()));
    Process start = starting.start();
    // While the cluster comes up, this JVM draws the data: 4 Parquet files, which every fit
    // below reads as the same 4 partitions.
    data = dir.resolve("data");
    run("generate", "--n", "30000", "--d", "3", "--k", "3", "--seed", "5", "--partitions", "4",
        "--output", data.toString());
    if (!start.waitFor(JOB_MINUTES, TimeUnit.MINUTES)) {
      start.destroyForcibly();
      fail("jobs/standalone-cluster start did not finish in " + JOB_MINUTES + " min");
    }
    assertEquals(0, start.exitValue(), () -> "jobs/standalone-cluster start failed:\n"
        + read(dir.resolve("start.log")));
    // The uninterrupted fit runs on the cluster while this JVM fits the same files on local[2].
    FutureTask<JsonNode> submitted = new FutureTask<>(() -> {
      Path output = dir.resolve("fit-uninterrupted");
      submit(output, line -> { });
      return model(output);
    });
    new Thread(submitted, "uninterrupted cluster fit").start();
    uninterrupted = submitted;
    Path local = dir.resolve("fit-local");
    run(fitArguments(local));
    localModel = model(local);
  }

  @AfterAll
  static void stopClusterAfterTests() {
    stopCluster();
    Runtime.getRuntime().removeShutdownHook(stopOnExit);
  }

  @Test
  void clusterFitEqualsLocalFit() throws Exception {
    assertEquals(localModel, uninterrupted());
  }

  @Test
  void executorLossLeavesTheModelBitForBitUnchanged() throws Exception {
    JsonNode expected = uninterrupted();
    ExecutorKiller killer = new ExecutorKiller();
    Path output = dir.resolve("fit-killed");
    List<String> stderr = submit(output, killer);
    assertTrue(killer.killedAt >= 0, "no executor was killed:\n" + String.join("\n", stderr));
    assertTrue(killer.lastIteration > killer.killedAt, "the fit ended at iteration "
        + killer.lastIteration + ", no later than the kill at " + killer.killedAt);
    assertTrue(stderr.stream().anyMatch(line -> line.contains("Lost executor")),
        "the driver did not notice the lost executor:\n" + String.join("\n", stderr));
    // The Master replaced the executor: the application's executors, one folder each under
    // the Workers' work directories, are the two first ones and at least one more.
    try (Stream<Path> workers = Files.list(dir)) {
      long executors = workers.filter(p -> p.getFileName().toString().matches("worker-\\d+"))
          .map(worker -> worker.resolve(killer.application))
          .filter(Files::isDirectory)
          .mapToLong(StandaloneClusterTest::entries).sum();
      assertTrue(executors >= 3, "application " + killer.application + " had " + executors
          + " executors, expected a replacement for the killed one");
    }
    assertEquals(expected, model(output));
  }

  /** The uninterrupted fit's model.json, once it has finished. */
  private static JsonNode uninterrupted() throws Exception {
    try {
      return uninterrupted.get(JOB_MINUTES, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private static String[] fitArguments(Path output) {
    return new String[] {"fit", "--input", data.toString(), "--k", "3", "--init", "random",
        "--seed", "3", "--tol", "0", "--max-iter", Integer.toString(ITERATIONS),
        "--output", output.toString()};
  }

  /** Runs a job in this JVM on the shared local[2] session and checks that it succeeded. */
  private static void run(String... args) {
    SharedSpark.session();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SparkEm.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    assertEquals(0, code, () -> String.join(" ", args) + ": exit " + code + "\n" + out + err);
  }

  /**
   * Submits {@code fit} to the cluster, hands every stderr line to {@code watcher} as it comes,
   * and checks that the job succeeded.
   *
   * @return the lines of the driver's stderr
   */
  private static List<String> submit(Path output, Consumer<String> watcher) throws Exception {
    Path stdout = Path.of(output + ".stdout");
    ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(LAUNCHER.toString()),
        Stream.of(fitArguments(output))).toList()).redirectOutput(stdout.toFile());
    Map<String, String> environment = builder.environment();
    environment.put("SPARK_MASTER_URL", Files.readString(dir.resolve("master-url")).trim());
    environment.put("SPARK_EM_JAR", APP_JAR.toString());
    // The client compiler only (driver and executors), the serial collector and no whole-stage
    // code generation halve the CPU these JVMs spend on a job this small; the numbers do not
    // change (Java arithmetic does not depend on the compiler).
    environment.put("SPARK_EM_SUBMIT_ARGS", String.join(" ", "--jars", libraries(),
        "--conf", "spark.ui.enabled=false",
        "--conf", "spark.executor.memory=512m",
        "--conf", "spark.executor.defaultJavaOptions=-XX:TieredStopAtLevel=1",
        "--conf", "spark.sql.codegen.wholeStage=false"));
    environment.put("JAVA_TOOL_OPTIONS", "-Xmx1g -XX:TieredStopAtLevel=1 -XX:+UseSerialGC "
        + "-Dlog4j2.configurationFile=" + ROOT.resolve("conf/log4j2.properties"));
    environment.put("SPARK_LOCAL_IP", "127.0.0.1");
    // The launcher's own Spark (target/spark-home), not one of this machine's.
    environment.remove("SPARK_HOME");
    environment.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
    Process job = builder.start();
    RUNNING.add(job);
    List<String> lines = new ArrayList<>();
    try (BufferedReader err = new BufferedReader(
        new InputStreamReader(job.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line = err.readLine(); line != null; line = err.readLine()) {
        lines.add(line);
        watcher.accept(line);
      }
    } finally {
      if (!job.waitFor(JOB_MINUTES, TimeUnit.MINUTES)) {
        job.destroyForcibly();
      }
      RUNNING.remove(job);
    }
    assertEquals(0, job.exitValue(), () -> "the submitted fit failed:\n" + String.join("\n", lines)
        + "\n--- stdout\n" + read(stdout));
    return lines;
  }

  /**
   * Watches the driver's progress lines and, once iteration {@link #KILL_AFTER} is done, SIGKILLs
   * one executor JVM: a CoarseGrainedExecutorBackend that a Worker of this cluster launched.
   */
  private static final class ExecutorKiller implements Consumer<String> {
    int killedAt = -1;
    int lastIteration = -1;
    String application;

    @Override
    public void accept(String line) {
      Matcher progress = PROGRESS.matcher(line);
      if (!progress.find()) {
        return;
      }
      lastIteration = Integer.parseInt(progress.group(1));
      if (killedAt >= 0 || lastIteration < KILL_AFTER) {
        return;
      }
      ProcessHandle executor = workerPids().stream().flatMap(pid -> ProcessHandle.of(pid).stream())
          .flatMap(ProcessHandle::descendants)
          .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
          .findFirst().orElseThrow(() -> new AssertionError("no executor JVM found"));
      application = argumentAfter(executor, "--app-id");
      assertTrue(executor.destroyForcibly(), "could not kill executor " + executor.pid());
      killedAt = lastIteration;
    }

    private static String argumentAfter(ProcessHandle process, String option) {
      Iterator<String> arguments = List.of(process.info().arguments().orElseThrow()).iterator();
      while (arguments.hasNext()) {
        if (arguments.next().equals(option)) {
          return arguments.next();
        }
      }
      throw new AssertionError("no " + option + " in " + process.info().commandLine());
    }
  }

  /** The PIDs of the Workers, from the cluster's pids file ("NAME PID" per line). */
  private static List<Long> workerPids() {
    try {
      return Files.readAllLines(dir.resolve("pids")).stream()
          .map(line -> line.split(" "))
          .filter(fields -> fields[0].startsWith("worker-"))
          .map(fields -> Long.parseLong(fields[1])).toList();
    } catch (IOException e) {
      throw new AssertionError("no pids file in " + dir, e);
    }
  }

  /** The application's libraries (target/cluster-app/lib) as spark-submit's --jars list. */
  private static String libraries() throws IOException {
    try (Stream<Path> jars = Files.list(APP_JAR.resolveSibling("lib"))) {
      return jars.map(Path::toString).sorted().collect(Collectors.joining(","));
    }
  }

  /** model.json of a fit without its creation time, the only field that differs between runs. */
  private static JsonNode model(Path output) throws IOException {
    ObjectNode model = (ObjectNode) JSON.readTree(output.resolve("model.json").toFile());
    model.remove("createdAt");
    return model;
  }

  private static long entries(Path folder) {
    try (Stream<Path> children = Files.list(folder)) {
      return children.count();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(" + file + " unreadable: " + e + ")";
    }
  }

  /** Stops the jobs still running, then every process the cluster started (by PID). */
  private static void stopCluster() {
    RUNNING.forEach(Process::destroyForcibly);
    if (dir == null) {
      return;
    }
    try {
      Process stop = new ProcessBuilder(SCRIPT.toString(), "stop", dir.toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("stop.log").toFile()).start();
      stop.waitFor(1, TimeUnit.MINUTES);
    } catch (IOException e) {
      throw new AssertionError("jobs/standalone-cluster stop failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
