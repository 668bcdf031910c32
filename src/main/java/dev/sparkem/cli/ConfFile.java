package dev.sparkem.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Options from a conf file: {@code --conf FILE} after the subcommand names a Java properties file
 * whose keys are the subcommand's long option names without the dashes ({@code k = 3},
 * {@code max-iter = 200}). Its options are placed before the command line's, so the command line
 * wins. An unknown key is rejected by name. The file is read from the local file system (it
 * travels with the submission, like {@code spark-defaults.conf}).
 */
final class ConfFile {
  static final String OPTION = "--conf";

  private ConfFile() {}

  /**
   * The arguments after expansion, and where each option came from.
   *
   * @param args the subcommand, the conf file's options, then the command line's
   * @param fromFile the conf file of each option it set, by the option's longest name
   * @param fromCommandLine the longest names of the options given on the command line
   */
  record Expansion(String[] args, Map<String, String> fromFile, Set<String> fromCommandLine) {
    Expansion {
      fromFile = Map.copyOf(fromFile);
      fromCommandLine = Set.copyOf(fromCommandLine);
    }
  }

  /**
   * Returns {@code args} with {@code --conf FILE} replaced by the file's options.
   *
   * @throws IllegalArgumentException if the file cannot be read or names an unknown key
   */
  static Expansion expand(CommandLine cli, String[] args) {
    if (args.length == 0 || !cli.getSubcommands().containsKey(args[0])) {
      return new Expansion(args, Map.of(), Set.of());
    }
    CommandSpec command = cli.getSubcommands().get(args[0]).getCommandSpec();
    List<String> rest = new ArrayList<>();
    List<String> fromFile = new ArrayList<>();
    Map<String, String> files = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      String file = args[i].equals(OPTION) && i + 1 < args.length ? args[++i]
          : args[i].startsWith(OPTION + "=") ? args[i].substring(OPTION.length() + 1) : null;
      if (file != null) {
        List<String> options = read(Path.of(file), command);
        fromFile.addAll(options);
        for (int o = 0; o < options.size(); o += 2) {
          files.put(command.findOption(options.get(o)).longestName(), file);
        }
      } else {
        rest.add(args[i]);
      }
    }
    Set<String> given = new HashSet<>();
    for (String arg : rest) {
      OptionSpec option = arg.startsWith("-") ? command.findOption(arg.split("=", 2)[0]) : null;
      if (option != null) {
        given.add(option.longestName());
      }
    }
    List<String> expanded = new ArrayList<>(List.of(args[0]));
    expanded.addAll(fromFile);
    expanded.addAll(rest);
    return new Expansion(expanded.toArray(new String[0]), files, given);
  }

  private static List<String> read(Path file, CommandSpec command) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot read conf file '" + file + "': " + e.getMessage());
    }
    List<String> options = new ArrayList<>();
    for (String key : new TreeSet<>(properties.stringPropertyNames())) {
      OptionSpec option = command.findOption("--" + key);
      if (option == null || key.equals(OPTION.substring(2))) {
        throw new IllegalArgumentException("conf file '" + file + "': unknown key '" + key
            + "' for '" + command.name() + "' (known keys: " + knownKeys(command) + ")");
      }
      options.add("--" + key);
      options.add(properties.getProperty(key).trim());
    }
    return options;
  }

  private static String knownKeys(CommandSpec command) {
    TreeSet<String> keys = new TreeSet<>();
    for (OptionSpec option : command.options()) {
      Arrays.stream(option.names()).filter(n -> n.startsWith("--")).map(n -> n.substring(2))
          .filter(n -> !n.equals("help") && !n.equals("version") && !n.equals("conf"))
          .forEach(keys::add);
    }
    return String.join(", ", keys);
  }
}
