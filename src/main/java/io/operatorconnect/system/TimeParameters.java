package io.operatorconnect.system;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A time given in a query parameter ({@code from}, {@code to}): an ISO-8601 instant, or a date in UTC. */
public final class TimeParameters {

  private TimeParameters() {
  }

  /**
   * {@code 2026-12-03T10:00:00Z}, or {@code 2026-12-03}: that day's start, or with {@code endOfDay} the next
   * day's (so that {@code from=D&to=D} is the whole day D); null for a blank value. A 400 that names the
   * parameter for anything else.
   */
  public static Instant parse(String name, String value, boolean endOfDay) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException notAnInstant) {
      try {
        LocalDate day = LocalDate.parse(value.strip());
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException notADate) {
        throw new BadRequestException(name + ": '" + value + "' is neither an ISO-8601 instant such as"
            + " 2026-12-03T10:00:00Z nor a date such as 2026-12-03");
      }
    }
  }
}
