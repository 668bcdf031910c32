/**
 * The jobs run by {@code spark-submit} and {@code jobs/run-local}: one entry point,
 * {@link dev.sparkem.cli.SparkEm}, with the subcommands {@code fit}, {@code predict} and
 * {@code generate}; options from a conf file and the command line; outputs committed atomically.
 */
package dev.sparkem.cli;
