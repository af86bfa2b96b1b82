package io.operatorconnect.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import io.operatorconnect.testsupport.SignedInSession;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A session keeps no rights its user has lost: a changed password or changed groups end it. */
@OperatorConnectTest
@Order(1) // before the cluster tests: see junit-platform.properties
class SessionRightsTests {

  static final String SECRET = "a-long-password-6";

  @LocalServerPort
  int port;

  @Autowired
  IdentityService identity;

  HttpApi admin;
  SignedInSession bob;

  @BeforeEach
  void bobSignedIn() {
    admin = new HttpApi(port);
    admin.post("/api/operators", Map.of("id", "bob", "name", "Bob", "groups", List.of("support"),
        "maxDialogs", 2, "password", SECRET)).assertStatus(201);
    bob = new SignedInSession(port);
    bob.signIn("bob", SECRET);
    assertThat(bob.get("/api/me").statusCode()).isEqualTo(200);
    assertThat(bob.get("/api/operators/bob").statusCode()).isEqualTo(200);
  }

  @Test
  void shouldEndTheSessionOfAUserRemovedFromTheOperators() {
    // when: an administrator takes bob out of the operators group (Camunda Admin, /engine-rest, ...)
    identity.deleteMembership("bob", Role.OPERATOR.group());

    // then
    assertThat(bob.get("/api/operators/bob").statusCode()).isEqualTo(401);
    assertThat(bob.get("/api/me").statusCode()).isEqualTo(401);
  }

  @Test
  void shouldEndTheSessionOfAUserWhosePasswordChanged() {
    // when
    admin.patch("/api/operators/bob", Map.of("password", "another-long-password")).assertStatus(200);

    // then
    assertThat(bob.get("/api/me").statusCode()).isEqualTo(401);
    SignedInSession again = new SignedInSession(port);
    again.signIn("bob", "another-long-password");
    assertThat(again.get("/api/me").statusCode()).isEqualTo(200);
  }

  @Test
  void shouldEndTheSessionOfADeletedUser() {
    // when
    identity.deleteUser("bob");

    // then
    assertThat(bob.get("/api/me").statusCode()).isEqualTo(401);
  }

  @Test
  void shouldKeepTheSessionWhileNothingChanged() {
    assertThat(bob.get("/api/me").statusCode()).isEqualTo(200);
    assertThat(bob.get("/api/me").statusCode()).isEqualTo(200);
  }
}
