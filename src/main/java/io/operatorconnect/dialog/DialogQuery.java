package io.operatorconnect.dialog;

import io.operatorconnect.system.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/**
 * What {@code GET /api/dialogs} asks for: each filter optional, {@code text} a part of a transcript line (any
 * case), {@code from} inclusive and {@code to} exclusive on the creation time, at most {@code limit} dialogs
 * created before the {@code after} cursor. {@code onlyFor} is the operator whose view it is (their own dialogs
 * and those that wait), null for one who sees all.
 */
record DialogQuery(DialogState state, String operatorId, String clientId, String channel, String subject,
    String text, Instant from, Instant to, int limit, Cursor after, String onlyFor) {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;

  /** Where a page ended: the last dialog's creation time and id, as {@code next} gives it, opaque to callers. */
  record Cursor(Instant createdAt, String id) {

    String encoded() {
      String plain = createdAt.getEpochSecond() + "." + createdAt.getNano() + "." + id;
      return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String cursor) {
      try {
        String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\.", 3);
        return new Cursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), parts[2]);
      } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException | java.time.DateTimeException e) {
        throw new BadRequestException("after: '" + cursor + "' is not a cursor this API gave; pass the 'next' of"
            + " the page before, or leave it out for the first page");
      }
    }
  }

  static DialogState state(String state) {
    if (state == null || state.isBlank()) {
      return null;
    }
    try {
      return DialogState.valueOf(state.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("state: '" + state + "' is not one of " + java.util.List.of(DialogState.values()));
    }
  }

  static int limit(Integer limit) {
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BadRequestException("limit: must be from 1 to " + MAX_LIMIT + ", not " + limit
          + "; follow 'next' for more");
    }
    return limit;
  }
}
