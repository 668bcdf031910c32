package dev.sparkem.cli;

import dev.sparkem.report.Table;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The effective configuration of one run of a subcommand: every option with its value and its
 * source (default, a conf file, or the command line), then the Spark settings the driver was
 * given ({@code spark.*} system properties, as spark-submit passes them). Values of keys whose
 * name contains {@code secret}, {@code password}, {@code token} or {@code key} (any case) are
 * shown as {@value #MASK}. Echoed as one block on stderr when a job starts, and shown in
 * report.html.
 */
final class Configuration {
  static final String MASK = "****";
  private static final Pattern SECRET = Pattern.compile("(?i).*(secret|password|token|key).*");
  static final String DEFAULT = "default";
  static final String COMMAND_LINE = "command line";
  static final String SPARK = "spark conf";

  /** One setting: its name, its value (masked when secret; "(unset)" when null) and source. */
  record Entry(String name, String value, String source) {}

  private final String command;
  private final List<Entry> entries;

  private Configuration(String command, List<Entry> entries) {
    this.command = command;
    this.entries = List.copyOf(entries);
  }

  /**
   * The configuration of the parsed subcommand {@code spec}.
   *
   * @param expansion where each option came from ({@link ConfFile#expand})
   * @param spark Spark settings by key, e.g. the {@code spark.*} system properties
   */
  static Configuration of(CommandSpec spec, ConfFile.Expansion expansion,
      Map<String, String> spark) {
    List<Entry> entries = new ArrayList<>();
    for (OptionSpec option : spec.options()) {
      if (option.usageHelp() || option.versionHelp()) {
        continue;
      }
      String name = option.names()[0].replaceFirst("^--?", "");
      String source = expansion.fromCommandLine().contains(option.longestName()) ? COMMAND_LINE
          : expansion.fromFile().containsKey(option.longestName())
              ? "conf file " + expansion.fromFile().get(option.longestName()) : DEFAULT;
      entries.add(new Entry(name, mask(name, text(option.getValue())), source));
    }
    new TreeMap<>(spark).forEach((key, value) -> entries.add(new Entry(key, mask(key, value),
        SPARK)));
    return new Configuration(spec.name(), entries);
  }

  /** The {@code spark.*} system properties: what spark-submit hands the driver. */
  static Map<String, String> sparkSystemProperties() {
    Map<String, String> spark = new TreeMap<>();
    System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("spark."))
        .forEach(k -> spark.put(k, System.getProperty(k)));
    return spark;
  }

  /** {@value #MASK} when {@code name} looks like a secret's, else {@code value}. */
  static String mask(String name, String value) {
    return SECRET.matcher(name).matches() && value != null ? MASK : value;
  }

  private static String text(Object value) {
    if (value == null || value instanceof Collection<?> values && values.isEmpty()) {
      return null;
    }
    return value instanceof Collection<?> values
        ? values.stream().map(String::valueOf).collect(Collectors.joining(","))
        : String.valueOf(value);
  }

  List<Entry> entries() {
    return entries;
  }

  /** The block echoed on stderr: a header line, then one aligned line per setting. */
  String logBlock() {
    int width = entries.stream().mapToInt(e -> e.name().length()).max().orElse(1);
    StringBuilder block = new StringBuilder("spark-em " + command + ": configuration ("
        + entries.size() + " settings; secrets masked)\n");
    for (Entry e : entries) {
      block.append("  ").append(String.format("%-" + width + "s", e.name())).append(" = ")
          .append(e.value() == null ? "(unset)" : e.value()).append("   [").append(e.source())
          .append("]\n");
    }
    return block.toString();
  }

  /** The same as a table of the HTML report. */
  Table table() {
    Table table = new Table("configuration", "Configuration (secrets masked)",
        List.of("setting", "value", "source"));
    entries.forEach(e -> table.row(e.name(), e.value(), e.source()));
    return table;
  }

  /** A subcommand that uses its run's configuration (in its report). */
  interface Aware {
    /** Called before the subcommand runs. */
    void configuration(Configuration configuration);
  }
}
