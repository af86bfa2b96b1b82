package io.operatorconnect.channel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default gateway: the transcript is the only record; the message is logged. */
class LoggingClientGateway implements ClientGateway {

  private static final Logger log = LoggerFactory.getLogger(LoggingClientGateway.class);

  @Override
  public void deliver(String channel, String clientId, String dialogId, String text) {
    log.info("dialog {}: to client {} on {}: {}", dialogId, clientId, channel, text);
  }
}
