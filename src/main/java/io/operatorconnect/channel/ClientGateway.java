package io.operatorconnect.channel;

/**
 * Delivers a message to the client on its channel (a messenger, a web chat). Provide a bean of this
 * type to connect a real channel; the default only logs.
 */
public interface ClientGateway {

  void deliver(String channel, String clientId, String dialogId, String text);
}
