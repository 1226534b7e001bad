package dev.chirp.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Immutable copies for the spec records where {@link List#copyOf} and {@link Map#copyOf} do not
 * fit: a map keeps its order (variables and values are emitted in the order written) and both keep
 * null values (a YAML {@code null}), and an absent collection stays null.
 */
final class Copies {
  private Copies() {}

  static <K, V> Map<K, V> map(Map<K, V> m) {
    return m == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }

  static <T> List<T> list(List<T> l) {
    return l == null ? null : Collections.unmodifiableList(new ArrayList<>(l));
  }
}
