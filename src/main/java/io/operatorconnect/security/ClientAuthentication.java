package io.operatorconnect.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A web chat's client, known by the token of their one dialog; no role of the desk's. */
final class ClientAuthentication extends AbstractAuthenticationToken {

  static final String AUTHORITY = "CHAT_CLIENT";

  private final ClientTokens.ClientToken token;

  ClientAuthentication(ClientTokens.ClientToken token) {
    super(List.of(new SimpleGrantedAuthority(AUTHORITY)));
    this.token = token;
    setAuthenticated(true);
  }

  String dialogId() {
    return token.dialogId();
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public Object getPrincipal() {
    return "chat client of dialog " + token.dialogId();
  }
}
