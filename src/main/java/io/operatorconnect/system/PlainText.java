package io.operatorconnect.system;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import org.springframework.stereotype.Component;

/**
 * Every string the API reads is plain text: control characters (other than tab and line breaks) and the
 * bidirectional embedding, override and isolate characters are refused with a 400 that names the field.
 * Shown in the panel, in Tasklist or in a log, such a character makes a name or message read as something
 * it is not (U+202E turns "gpj.exe" into "exe.jpg"), or breaks the line it is written on.
 */
@Component
public class PlainText extends SimpleModule {

  public PlainText() {
    super("PlainText");
    addDeserializer(String.class, new Checked());
  }

  /** The first character a text may not hold, as {@code U+XXXX at position N}; null when it has none. */
  public static String firstForbidden(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (forbidden(c)) {
        return String.format("U+%04X at position %d", (int) c, i);
      }
    }
    return null;
  }

  static boolean forbidden(char c) {
    boolean control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
    boolean bidi = (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    return control || bidi;
  }

  /** Jackson's own string reading, then the check; not a subclass, so that Jackson never takes it for its own. */
  private static final class Checked extends StdScalarDeserializer<String> {

    Checked() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      String text = StringDeserializer.instance.deserialize(parser, context);
      String forbidden = text == null ? null : firstForbidden(text);
      if (forbidden != null) {
        // the message names the character, never repeats the text that holds it
        throw InvalidFormatException.from(parser, "contains the control or bidirectional-override character "
            + forbidden + ", which is not accepted in names and texts; remove it", null, String.class);
      }
      return text;
    }
  }
}
