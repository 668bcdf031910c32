package dev.sparkem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The configuration echoed at the start of a job: sources and masked secrets (no Spark). */
class ConfigurationTest {
  @TempDir
  Path dir;

  @Test
  void everyOptionWithItsSource() throws IOException {
    Path conf = dir.resolve("fit.properties");
    Files.writeString(conf, "k = 3\ntol = 1e-5\ninput = from-file.csv\n");
    Configuration configuration = parse("fit", "--conf", conf.toString(), "--input",
        "data.csv", "--k=4", "--output", "out", "--overwrite");
    Map<String, Configuration.Entry> byName = configuration.entries().stream()
        .collect(Collectors.toMap(Configuration.Entry::name, Function.identity()));
    assertEquals(new Configuration.Entry("k", "4", "command line"), byName.get("k"));
    assertEquals(new Configuration.Entry("input", "data.csv", "command line"),
        byName.get("input"));
    assertEquals(new Configuration.Entry("tol", "1.0E-5", "conf file " + conf),
        byName.get("tol"));
    assertEquals(new Configuration.Entry("max-iter", "100", "default"), byName.get("max-iter"));
    assertEquals(new Configuration.Entry("overwrite", "true", "command line"),
        byName.get("overwrite"));
    assertEquals(new Configuration.Entry("seed", "1", "default"), byName.get("seed"));
    assertEquals(null, byName.get("weight-col").value());
    assertFalse(byName.containsKey("help"));
    assertEquals("4", byName.get("k").value());
    assertEquals("spark conf", byName.get("spark.app.name").source());
    String block = configuration.logBlock();
    assertTrue(block.startsWith("spark-em fit: configuration"), block);
    assertTrue(block.contains("  weight-col"), block);
    assertTrue(block.contains("(unset)"), block);
  }

  @Test
  void secretsAreMaskedWhateverTheirCase() throws IOException {
    Configuration configuration = parse("generate", "--n", "10", "--output", "o");
    Map<String, String> values = new HashMap<>();
    configuration.entries().forEach(e -> values.put(e.name(), e.value()));
    assertEquals("****", values.get("spark.hadoop.fs.s3a.secret.key"));
    assertEquals("****", values.get("spark.hadoop.fs.s3a.access.KEY"));
    assertEquals("****", values.get("spark.ssl.keyStorePassword"));
    assertEquals("****", values.get("spark.authenticate.Secret"));
    assertEquals("****", values.get("spark.some.Token"));
    assertEquals("my-app", values.get("spark.app.name"));
    assertFalse(configuration.logBlock().contains("hunter2"), configuration.logBlock());
    assertFalse(configuration.table().toHtml().contains("hunter2"));
    assertEquals("****", Configuration.mask("apiKey", "v"));
    assertEquals("****", Configuration.mask("DB_PASSWORD", "v"));
    assertEquals("v", Configuration.mask("input", "v"));
    assertEquals(null, Configuration.mask("token", null));
  }

  @Test
  void theJobEchoesTheBlockOnStderrButNotForHelp() {
    StringWriter err = new StringWriter();
    int code = SparkEm.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "fit",
        "--help");
    assertEquals(0, code);
    assertFalse(err.toString().contains("configuration"), err.toString());
    err = new StringWriter();
    code = SparkEm.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "fit",
        "--input", "x.csv", "--output", dir.resolve("o").toString(), "--tol", "-1");
    assertEquals(SparkEm.USAGE_ERROR, code, err.toString());
    assertTrue(err.toString().startsWith("spark-em fit: configuration"), err.toString());
    assertTrue(err.toString().contains("error: --tol is -1.0"), err.toString());
  }

  /** Parses {@code args} as SparkEm does and returns the subcommand's configuration. */
  private static Configuration parse(String... args) {
    CommandLine cli = new CommandLine(new SparkEm());
    cli.setOverwrittenOptionsAllowed(true);
    ConfFile.Expansion expansion = ConfFile.expand(cli, args);
    CommandLine.ParseResult parsed = cli.parseArgs(expansion.args());
    return Configuration.of(parsed.subcommand().commandSpec(), expansion, Map.of(
        "spark.app.name", "my-app", "spark.hadoop.fs.s3a.secret.key", "hunter2",
        "spark.hadoop.fs.s3a.access.KEY", "hunter2", "spark.ssl.keyStorePassword", "hunter2",
        "spark.authenticate.Secret", "hunter2", "spark.some.Token", "hunter2"));
  }
}
