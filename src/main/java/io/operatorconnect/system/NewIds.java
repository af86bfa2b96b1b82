package io.operatorconnect.system;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * The ids of what the application writes many of, dialogs and deliveries: UUIDs of version 7, whose first 48 bits
 * are the time in milliseconds and whose other 74 are random. Each new one goes at the end of the indexes keyed
 * by it (on H2 and PostgreSQL alike, a B-tree's last pages take the inserts, not a page anywhere in it for each
 * one, which the database must write back), and they sort in the order they were made. A random UUID (version 4)
 * did the first for the dialogs: every table and index keyed by a dialog took its inserts all over.
 */
public final class NewIds {

  private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

  private NewIds() {
  }

  public static String next() {
    return GENERATOR.generate().toString();
  }
}
