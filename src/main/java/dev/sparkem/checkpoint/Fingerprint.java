package dev.sparkem.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What makes a fit the one a checkpoint belongs to: named values (the input and its files' sizes
 * and modification times, the family, every option that changes the result). A checkpoint is
 * resumed only by a run of the same fingerprint. Immutable; values are compared as text.
 */
public final class Fingerprint {
  private final Map<String, String> values;

  private Fingerprint(Map<String, String> values) {
    this.values = values;
  }

  /** A fingerprint of {@code values}, in their iteration order (a null value is "null"). */
  public static Fingerprint of(Map<String, ?> values) {
    Map<String, String> copy = new LinkedHashMap<>();
    values.forEach((key, value) -> copy.put(key, String.valueOf(value)));
    return new Fingerprint(copy);
  }

  /** The fingerprint as a JSON object of strings. */
  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    values.forEach(node::put);
    return node;
  }

  /**
   * Reads {@link #toJson()}.
   *
   * @throws IllegalArgumentException naming {@code source} if it is not an object of strings
   */
  public static Fingerprint fromJson(JsonNode node, String source) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(source + ": fingerprint must be an object");
    }
    Map<String, String> values = new LinkedHashMap<>();
    node.fields().forEachRemaining(field -> {
      if (!field.getValue().isTextual()) {
        throw new IllegalArgumentException(source + ": fingerprint." + field.getKey() + " is "
            + field.getValue() + ", expected a string");
      }
      values.put(field.getKey(), field.getValue().asText());
    });
    return new Fingerprint(values);
  }

  /**
   * What differs from {@code now}, one entry per name, e.g. {@code "tol is 0.001 in the
   * checkpoint, 1.0E-4 now"}; empty when the two are the same.
   */
  public List<String> differences(Fingerprint now) {
    Set<String> names = new LinkedHashSet<>(values.keySet());
    names.addAll(now.values.keySet());
    List<String> differences = new ArrayList<>();
    for (String name : names) {
      String then = values.get(name);
      String current = now.values.get(name);
      if (!Objects.equals(then, current)) {
        differences.add(name + " is " + (then == null ? "absent" : "'" + then + "'")
            + " in the checkpoint, " + (current == null ? "absent" : "'" + current + "'")
            + " now");
      }
    }
    return differences;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Fingerprint f && f.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
