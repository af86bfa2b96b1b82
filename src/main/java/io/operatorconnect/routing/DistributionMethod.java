package io.operatorconnect.routing;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How one operator is picked among the eligible ones (DESIGN.md, "Distribution methods"). */
public enum DistributionMethod {
  /**
   * Fewest current dialogs; tie: the one whose last dialog closed longest ago (never closed first), then the oldest
   * last assignment (never assigned first), then id.
   */
  FEWEST_DIALOGS_THEN_IDLE,
  /** Fewest current dialogs; tie: random. */
  FEWEST_DIALOGS,
  /** The one whose last assignment is oldest (never assigned first), then id. */
  LONGEST_IDLE,
  /** The next operator id after the last one this rotation served, wrapping around. */
  ROUND_ROBIN,
  /** Uniformly random among the eligible. */
  RANDOM;

  public static final DistributionMethod DEFAULT = FEWEST_DIALOGS_THEN_IDLE;

  /**
   * Reads a method name as written by an analyst or an API client (case-insensitive).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static DistributionMethod parse(String text) {
    String normalized = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
    for (DistributionMethod method : values()) {
      if (method.name().equals(normalized)) {
        return method;
      }
    }
    throw new IllegalArgumentException("unknown distribution method '" + text + "'; use one of " + names());
  }

  public static String names() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }
}
