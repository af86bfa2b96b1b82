package io.operatorconnect.system;

/** The shape of every identifier the API accepts (operators, groups, channels, clients). */
public final class Identifiers {

  /** Letters, digits and {@code . _ @ : -}, starting with a letter or digit, at most 64 characters. */
  public static final String PATTERN = "^[A-Za-z0-9][A-Za-z0-9._@:-]{0,63}$";

  public static final String MESSAGE = "must be 1 to 64 letters, digits or . _ @ : - and start with a letter or digit";

  private Identifiers() {
  }

  public static boolean valid(String text) {
    return text != null && text.matches(PATTERN);
  }
}
