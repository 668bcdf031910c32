package dev.sparkem.cli;

import dev.sparkem.testing.SharedSpark;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the jobs in-process on the shared SparkSession and captures what they print. */
final class JobRunner {
  final int exitCode;
  final String out;
  final String err;

  private JobRunner(int exitCode, String out, String err) {
    this.exitCode = exitCode;
    this.out = out;
    this.err = err;
  }

  static JobRunner run(String... args) {
    SharedSpark.session();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SparkEm.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new JobRunner(code, out.toString(), err.toString());
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
