package io.operatorconnect.channel;

/** Who wrote a transcript line. */
public enum Sender {
  CLIENT, BOT, OPERATOR
}
