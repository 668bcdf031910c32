package dev.sparkem.cli;

import dev.sparkem.SparkEmException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The entry point of the jobs: {@code spark-submit --class dev.sparkem.cli.SparkEm spark-em.jar
 * SUBCOMMAND [OPTIONS]}. Exit codes: 0 success; 2 a usage, option or configuration error; 3 bad
 * input data or a fit that degenerated; 4 a fit that did not converge, with
 * {@code --require-convergence} (its model is written); 1 anything unexpected. Errors are one line
 * on stderr naming the problem.
 */
@Command(name = "spark-em", mixinStandardHelpOptions = true, version = "spark-em 0.1.0",
    description = "Expectation-Maximization for latent-variable models on Apache Spark.",
    subcommands = {FitCommand.class, SelectCommand.class, PredictCommand.class,
        DecodeCommand.class, GenerateCommand.class, BenchCommand.class})
public final class SparkEm implements Runnable {
  /** Exit code of a usage, option or configuration error. */
  public static final int USAGE_ERROR = 2;
  /** Exit code of bad input data or a degenerate fit. */
  public static final int DATA_ERROR = 3;
  /** Exit code of a fit that stopped at its iteration limit, with --require-convergence. */
  public static final int NOT_CONVERGED = 4;

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the jobs with {@code args} and returns the exit code (for tests and embedding). */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** As {@link #run(String...)}, printing the summary to {@code out} and progress and errors to
   * {@code err}. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new SparkEm());
    cli.setOut(out);
    cli.setErr(err);
    cli.setOverwrittenOptionsAllowed(true);
    cli.setExecutionExceptionHandler(SparkEm::report);
    ConfFile.Expansion expansion;
    try {
      expansion = ConfFile.expand(cli, args);
    } catch (IllegalArgumentException e) {
      cli.getErr().println("error: " + e.getMessage());
      return USAGE_ERROR;
    }
    cli.setExecutionStrategy(parsed -> {
      echoConfiguration(parsed, expansion, cli.getErr());
      return new CommandLine.RunLast().execute(parsed);
    });
    try {
      return cli.execute(expansion.args());
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * Prints the subcommand's effective configuration as one block on {@code err} (not for
   * --help or --version) and hands it to a subcommand that reports it.
   */
  private static void echoConfiguration(CommandLine.ParseResult parsed,
      ConfFile.Expansion expansion, PrintWriter err) {
    if (!parsed.hasSubcommand() || parsed.subcommand().isUsageHelpRequested()
        || parsed.subcommand().isVersionHelpRequested()) {
      return;
    }
    CommandLine.Model.CommandSpec command = parsed.subcommand().commandSpec();
    Configuration configuration = Configuration.of(command, expansion,
        Configuration.sparkSystemProperties());
    err.print(configuration.logBlock());
    err.flush();
    if (command.userObject() instanceof Configuration.Aware aware) {
      aware.configuration(configuration);
    }
  }

  private static int report(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SparkEmException) {
        err.println("error: " + t.getMessage());
        return DATA_ERROR;
      }
    }
    if (e instanceof IllegalArgumentException) {
      err.println("error: " + e.getMessage());
      return USAGE_ERROR;
    }
    err.println("error: " + e);
    e.printStackTrace(err);
    return 1;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "a subcommand is needed: fit, select, predict, decode, generate or bench");
  }
}
