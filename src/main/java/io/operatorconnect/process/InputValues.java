package io.operatorconnect.process;

import io.operatorconnect.system.Identifiers;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads one action input as text, a flag, an identifier or one of an enum's names; the actions' readers share it. */
final class InputValues {

  private InputValues() {
  }

  /** The stripped text, or null when absent or blank. */
  static String text(Map<String, ?> values, String key) {
    Object value = values.get(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw new InvalidInputs(key + " must be text, not " + value);
    }
    return text.isBlank() ? null : text.strip();
  }

  static boolean bool(Map<String, ?> values, String key, boolean absent) {
    Object value = values.get(key);
    if (value == null) {
      return absent;
    }
    if (value instanceof Boolean flag) {
      return flag;
    }
    String text = value.toString().trim().toLowerCase(Locale.ROOT);
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new InvalidInputs(key + " must be true or false, not '" + value + "'");
  }

  static String identifier(Map<String, ?> values, String key) {
    String text = text(values, key);
    if (text != null && !Identifiers.valid(text)) {
      throw new InvalidInputs(key + " '" + text + "' " + Identifiers.MESSAGE);
    }
    return text;
  }

  /** One of the enum's names, whatever its case, or null when absent or blank. */
  static <E extends Enum<E>> E choice(Map<String, ?> values, String key, Class<E> names) {
    String text = text(values, key);
    if (text == null) {
      return null;
    }
    for (E name : names.getEnumConstants()) {
      if (name.name().equalsIgnoreCase(text)) {
        return name;
      }
    }
    throw new InvalidInputs(key + " '" + text + "' is not allowed; use one of " + namesOf(names));
  }

  static String namesOf(Class<? extends Enum<?>> names) {
    return Arrays.stream(names.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
  }
}
