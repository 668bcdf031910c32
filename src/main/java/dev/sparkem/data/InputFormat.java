package dev.sparkem.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The file formats the jobs read. */
public enum InputFormat {
  /** Parquet: a vector column {@code features}, or numeric columns. */
  PARQUET,
  /** CSV with a header line; values are parsed as doubles. */
  CSV,
  /** LIBSVM text ({@code label index:value ...}, 1-based indices), read as a vector column. */
  LIBSVM;

  /** Parses {@code parquet}, {@code csv} or {@code libsvm} (any case). */
  public static InputFormat parse(String name) {
    for (InputFormat f : values()) {
      if (f.name().equalsIgnoreCase(name.trim())) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown input format '" + name + "', expected one of "
        + Arrays.stream(values()).map(InputFormat::toString).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
