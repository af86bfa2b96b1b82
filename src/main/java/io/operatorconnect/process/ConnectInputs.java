package io.operatorconnect.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.operatorconnect.dialog.ConnectRequest;
import io.operatorconnect.routing.DistributionMethod;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the connect action's inputs: one {@code config} JSON object, or the same keys as separate
 * inputs, the separate ones winning. Anything it cannot read is an {@link InvalidInputs} whose
 * message names the key and what would be right, so the scenario can take the {@code error} path.
 */
final class ConnectInputs {

  static final String CONFIG = "config";
  static final List<String> KEYS = List.of("auto_connect_operator", "subject_alias", "status", "assigned_operator",
      "method", "only_online", "message", "waiting_message", "priority");
  static final int MAX_PRIORITY = 1000;
  private static final int MAX_MESSAGE = 4000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConnectInputs() {
  }

  /** The inputs' meaning; {@code config} may be a JSON string, a map, or absent. */
  static ConnectRequest read(Object config, Map<String, Object> separate) {
    Map<String, Object> values = new LinkedHashMap<>(parseConfig(config));
    separate.forEach((key, value) -> {
      if (value != null && !"".equals(value)) {
        values.put(key, value);
      }
    });
    for (String key : values.keySet()) {
      if (!KEYS.contains(key)) {
        throw new InvalidInputs("unknown key '" + key + "' in config; known keys: " + String.join(", ", KEYS));
      }
    }
    String status = InputValues.text(values, "status");
    if (status != null && !status.equalsIgnoreCase("queue")) {
      throw new InvalidInputs("status must be \"queue\" or left out, not '" + status + "'");
    }
    String method = InputValues.text(values, "method");
    DistributionMethod distribution;
    try {
      distribution = method == null ? null : DistributionMethod.parse(method);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputs("method: " + e.getMessage());
    }
    return new ConnectRequest(
        InputValues.bool(values, "auto_connect_operator", false),
        InputValues.identifier(values, "subject_alias"),
        status != null,
        InputValues.identifier(values, "assigned_operator"),
        distribution,
        InputValues.bool(values, "only_online", true),
        message(values, "message"),
        message(values, "waiting_message"),
        priority(values));
  }

  /**
   * Checks at deployment what a diagram fixes, with the rules {@link #read} applies at run time.
   * {@code inputs} maps every input name to its literal text, or to null when an expression gives the
   * value at run time; such a value is not checked.
   *
   * @throws InvalidInputs for an unknown input name or a literal the action could never read
   */
  static void checkLiterals(Map<String, String> inputs) {
    for (String name : inputs.keySet()) {
      if (!CONFIG.equals(name) && !KEYS.contains(name)) {
        throw new InvalidInputs("unknown input '" + name + "'; the connect action reads " + CONFIG + " or "
            + String.join(", ", KEYS));
      }
    }
    Map<String, Object> separate = new LinkedHashMap<>(inputs);
    separate.remove(CONFIG);
    read(inputs.get(CONFIG), separate);
  }

  private static Map<String, Object> parseConfig(Object config) {
    if (config == null || (config instanceof String text && text.isBlank())) {
      return Map.of();
    }
    if (config instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, value) -> copy.put(String.valueOf(key), value));
      return copy;
    }
    if (!(config instanceof String text)) {
      throw new InvalidInputs("config must be a JSON object written as text, not a " + config.getClass().getSimpleName());
    }
    Object parsed;
    try {
      parsed = JSON.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new InvalidInputs("config is not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ")"));
    }
    if (!(parsed instanceof Map<?, ?>)) {
      throw new InvalidInputs("config must be a JSON object such as "
          + "{\"auto_connect_operator\": true, \"subject_alias\": \"support\"}");
    }
    return parseConfig(parsed);
  }

  private static String message(Map<String, Object> values, String key) {
    String text = InputValues.text(values, key);
    if (text != null && text.length() > MAX_MESSAGE) {
      throw new InvalidInputs(key + " is " + text.length() + " characters long; at most " + MAX_MESSAGE + " are sent");
    }
    return text;
  }

  private static int priority(Map<String, Object> values) {
    Object value = values.get("priority");
    if (value == null) {
      return 0;
    }
    long number;
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      number = ((Number) value).longValue();
    } else {
      try {
        number = Long.parseLong(value.toString().trim());
      } catch (NumberFormatException e) {
        throw new InvalidInputs("priority must be a whole number from " + -MAX_PRIORITY + " to " + MAX_PRIORITY
            + ", not '" + value + "'");
      }
    }
    // Not Math.abs: it stays negative for Long.MIN_VALUE, which would then pass as priority 0.
    if (number < -MAX_PRIORITY || number > MAX_PRIORITY) {
      throw new InvalidInputs("priority must be from " + -MAX_PRIORITY + " to " + MAX_PRIORITY + ", not " + number);
    }
    return (int) number;
  }
}
