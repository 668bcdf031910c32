package dev.sparkem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The launchers under jobs/: they parse ({@code bash -n}), and {@code --print-command} shows the
 * spark-submit command line each builds (a stand-in spark-submit under a temporary SPARK_HOME:
 * nothing is submitted). The example conf files hold only known keys.
 */
class LaunchersTest {
  private static final List<String> SCRIPTS = List.of("jobs/submit-local",
      "jobs/submit-standalone", "jobs/submit-yarn", "jobs/submit-k8s",
      "jobs/lib/submit-common.sh", "jobs/run-local");

  @TempDir
  Path sparkHome;

  @BeforeEach
  void fakeSparkSubmit() throws IOException {
    Path bin = Files.createDirectories(sparkHome.resolve("bin"));
    Path submit = Files.writeString(bin.resolve("spark-submit"), "#!/bin/sh\nexit 99\n");
    assertTrue(submit.toFile().setExecutable(true));
  }

  @Test
  void everyScriptParses() throws Exception {
    for (String script : SCRIPTS) {
      Result parsed = run(Map.of(), "bash", "-n", script);
      assertEquals(0, parsed.code, script + ": " + parsed.output);
    }
  }

  @Test
  void yarnShipsTheConfFileInClusterMode() throws Exception {
    Result yarn = run(Map.of(), "jobs/submit-yarn", "--print-command", "fit", "--conf",
        "conf/nightly-fit.properties", "--output", "hdfs:///models/x", "--overwrite");
    assertEquals(0, yarn.code, yarn.output);
    String line = yarn.output;
    assertTrue(line.startsWith(sparkHome.resolve("bin/spark-submit").toString()), line);
    for (String expected : List.of("--master yarn", "--deploy-mode cluster",
        "--class dev.sparkem.cli.SparkEm", "--conf spark.executorEnv.OPENBLAS_NUM_THREADS=1",
        "--conf spark.yarn.appMasterEnv.OPENBLAS_NUM_THREADS=1",
        "--files " + Path.of("conf/nightly-fit.properties").toAbsolutePath(),
        "target/spark-em.jar fit --conf nightly-fit.properties --output hdfs:///models/x "
            + "--overwrite")) {
      assertTrue(line.contains(expected), "no '" + expected + "' in " + line);
    }
    assertModuleOptions(line, "spark.driver.extraJavaOptions");
    assertModuleOptions(line, "spark.executor.extraJavaOptions");
  }

  @Test
  void localAndStandaloneKeepTheConfFileWhereItIs() throws Exception {
    Result local = run(Map.of(), "jobs/submit-local", "--print-command", "fit", "--conf",
        "conf/faithful-fit.properties");
    assertEquals(0, local.code, local.output);
    assertTrue(local.output.contains("--master local[*] --deploy-mode client"), local.output);
    assertTrue(local.output.endsWith("fit --conf conf/faithful-fit.properties"), local.output);
    assertModuleOptions(local.output, "spark.executor.extraJavaOptions");

    Result standalone = run(Map.of("SPARK_MASTER_URL", "spark://10.0.0.1:7077"),
        "jobs/submit-standalone", "--print-command", "select", "--conf=conf/faithful-fit.properties");
    assertEquals(0, standalone.code, standalone.output);
    assertTrue(standalone.output.contains("--master spark://10.0.0.1:7077 --deploy-mode client"),
        standalone.output);
    Result noMaster = run(Map.of(), "jobs/submit-standalone", "--print-command", "fit");
    assertTrue(noMaster.code != 0 && noMaster.output.contains("SPARK_MASTER_URL"),
        noMaster.output);
  }

  @Test
  void kubernetesUsesTheJarInTheImage() throws Exception {
    Result k8s = run(Map.of("K8S_MASTER", "k8s://https://api.example:6443", "SPARK_EM_IMAGE",
        "registry.example/spark-em:0.1.0", "SPARK_EM_UPLOAD_PATH", "s3a://bucket/uploads"),
        "jobs/submit-k8s", "--print-command", "fit", "--conf", "conf/nightly-fit.properties",
        "--output", "s3a://bucket/models/x");
    assertEquals(0, k8s.code, k8s.output);
    for (String expected : List.of("--master k8s://https://api.example:6443",
        "--deploy-mode cluster",
        "--conf spark.kubernetes.container.image=registry.example/spark-em:0.1.0",
        "--conf spark.kubernetes.driverEnv.OPENBLAS_NUM_THREADS=1",
        "--conf spark.kubernetes.file.upload.path=s3a://bucket/uploads",
        "local:///opt/spark-em/spark-em.jar fit --conf nightly-fit.properties")) {
      assertTrue(k8s.output.contains(expected), "no '" + expected + "' in " + k8s.output);
    }
  }

  @Test
  void aMissingConfFileIsAUsageError() throws Exception {
    Result missing = run(Map.of(), "jobs/submit-local", "--print-command", "fit", "--conf",
        "conf/nope.properties");
    assertEquals(2, missing.code, missing.output);
    assertTrue(missing.output.contains("conf file 'conf/nope.properties' does not exist"),
        missing.output);
  }

  @Test
  void theManifestCarriesTheModuleOptionsAndTheConfFilesAreValid() throws Exception {
    String manifest = Files.readString(Path.of("jobs/k8s/spark-em-fit.yaml"));
    for (String option : moduleOptions()) {
      assertEquals(2, manifest.split(Pattern.quote(option), -1).length - 1,
          option + " is not once in the driver's and once in the executor's javaOptions");
    }
    for (String conf : List.of("conf/faithful-fit.properties", "conf/nightly-fit.properties")) {
      CommandLine cli = new CommandLine(new SparkEm());
      ConfFile.Expansion expansion = ConfFile.expand(cli, new String[] {"fit", "--conf", conf});
      assertTrue(expansion.fromFile().containsKey("--input"), conf);
    }
  }

  /** Spark's Java 17 module options (target/jvm-options, the pom's list). */
  private static List<String> moduleOptions() throws IOException {
    return List.of(Files.readString(Path.of("target/jvm-options")).trim().split("\\s+"));
  }

  private static void assertModuleOptions(String line, String key) throws IOException {
    String value = line.substring(line.indexOf(key + "="));
    for (String option : moduleOptions()) {
      assertTrue(value.contains(option), key + " lacks " + option + ": " + line);
    }
    assertTrue(value.contains("--add-modules=jdk.incubator.vector"), line);
  }

  private record Result(int code, String output) {}

  /** Runs a command from the project root; output is stdout and stderr, `\ ` unquoted. */
  private Result run(Map<String, String> env, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command)))
        .redirectErrorStream(true);
    builder.environment().put("SPARK_HOME", sparkHome.toString());
    List.of("SPARK_MASTER_URL", "K8S_MASTER", "SPARK_EM_IMAGE", "SPARK_EM_JAR",
        "SPARK_EM_SUBMIT_ARGS", "SPARK_EM_DEPLOY_MODE").forEach(builder.environment()::remove);
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
    return new Result(process.exitValue(), output.trim().replace("\\ ", " ")
        .replace("\\[", "[").replace("\\]", "]").replace("\\*", "*"));
  }
}
