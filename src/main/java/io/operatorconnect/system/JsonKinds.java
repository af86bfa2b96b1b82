package io.operatorconnect.system;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Java type and a JSON token in the words of a request's author: what a field takes, and what it got. */
final class JsonKinds {

  private JsonKinds() {
  }

  /** What a field of this type takes, in JSON's terms. */
  static String expected(Class<?> type) {
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "a list (a JSON array)";
    }
    if (type == String.class || type == Character.class || type == char.class) {
      return "text (a JSON string)";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class
        || type == Short.class || type == short.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    if (Temporal.class.isAssignableFrom(type)) {
      return "an ISO-8601 date and time as text (for example \"2026-12-03T10:15:30Z\")";
    }
    if (type.isEnum()) {
      return "one of " + List.of(type.getEnumConstants());
    }
    if (Map.class.isAssignableFrom(type)) {
      return "an object (a JSON object of names and values)";
    }
    return "an object (a JSON object)";
  }

  /** ", not ..." with what the request held there, or nothing when Jackson does not say. */
  static String found(MismatchedInputException e) {
    if (e instanceof InvalidFormatException invalid && invalid.getValue() != null) {
      return invalid.getValue() instanceof String text
          ? ", not the text \"" + text + "\""
          : ", not " + invalid.getValue();
    }
    JsonToken token = token(e);
    return token == null ? "" : ", not " + kind(token);
  }

  /**
   * The token that did not fit: the parser's, while it still has it, else as Jackson's message names it (the
   * parser is closed by the time the exception reaches the handler).
   */
  private static JsonToken token(MismatchedInputException e) {
    if (e.getProcessor() instanceof JsonParser parser && parser.currentToken() != null) {
      return parser.currentToken();
    }
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    Matcher named = TOKEN.matcher(message);
    if (named.find()) {
      try {
        return JsonToken.valueOf(named.group(1));
      } catch (IllegalArgumentException notAToken) {
        return null;
      }
    }
    Matcher from = FROM.matcher(message);
    if (!from.find()) {
      return null;
    }
    return switch (from.group(1)) {
      case "String" -> JsonToken.VALUE_STRING;
      case "Array" -> JsonToken.START_ARRAY;
      case "Object" -> JsonToken.START_OBJECT;
      case "Integer" -> JsonToken.VALUE_NUMBER_INT;
      case "Floating-point" -> JsonToken.VALUE_NUMBER_FLOAT;
      case "Boolean" -> JsonToken.VALUE_TRUE;
      default -> null;
    };
  }

  private static final Pattern TOKEN = Pattern.compile("JsonToken\\.([A-Z_]+)");
  private static final Pattern FROM =
      Pattern.compile("from (String|Array|Object|Integer|Floating-point|Boolean) value");

  private static String kind(JsonToken token) {
    return switch (token) {
      case START_ARRAY, END_ARRAY -> "a list";
      case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
      case VALUE_STRING -> "text";
      case VALUE_NUMBER_INT -> "a whole number";
      case VALUE_NUMBER_FLOAT -> "a number with a fraction";
      case VALUE_TRUE, VALUE_FALSE -> "true or false";
      case VALUE_NULL -> "null";
      default -> "that";
    };
  }
}
