package io.operatorconnect.security;

import io.operatorconnect.system.Times;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The web chat's tokens: each opens one dialog, until it expires, and nothing else. A token is
 * {@code <dialog id>.<expiry, epoch seconds>.<HMAC-SHA256 of both, base64url>} under a key every node shares
 * ({@link ChatAccessProperties#tokenKey()}, or one the first node makes and keeps in {@code oc_key}); nothing
 * is stored per chat, so any node checks any chat's token.
 */
@Component
public class ClientTokens {

  /** What a token says: its dialog and until when. */
  public record ClientToken(String token, String dialogId, Instant expiresAt) {
  }

  /** A token that opens nothing, and why, in words for the client's page. */
  static final class RefusedToken extends Exception {

    RefusedToken(String message) {
      super(message, null, false, false);
    }
  }

  private static final String KEY_NAME = "webchat-token";
  private static final Pattern DIALOG_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final String ALGORITHM = "HmacSHA256";

  private final ChatAccessProperties properties;
  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;
  private volatile SecretKeySpec key;

  ClientTokens(ChatAccessProperties properties, JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
    this.properties = properties;
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  /** A token for the dialog, good for {@code token-ttl} from now. */
  public ClientToken issue(String dialogId) {
    if (!DIALOG_ID.matcher(dialogId).matches()) {
      throw new IllegalArgumentException("not a dialog id: " + dialogId);
    }
    Instant expiresAt = clock.instant().plus(properties.tokenTtl()).truncatedTo(ChronoUnit.SECONDS);
    String signed = dialogId + "." + expiresAt.getEpochSecond();
    return new ClientToken(signed + "." + sign(signed), dialogId, expiresAt);
  }

  /** The token's dialog and expiry, when it is one of ours and has not expired. */
  ClientToken check(String token) throws RefusedToken {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || !DIALOG_ID.matcher(parts[0]).matches() || !parts[1].matches("[0-9]{1,12}")) {
      throw new RefusedToken("this is not a chat token; start a new chat");
    }
    String signed = parts[0] + "." + parts[1];
    byte[] expected = sign(signed).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII))) {
      throw new RefusedToken("the chat token's signature is wrong (it was changed, or the desk's key was); start a"
          + " new chat");
    }
    Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[1]));
    if (!clock.instant().isBefore(expiresAt)) {
      throw new RefusedToken("the chat token expired at " + expiresAt + "; start a new chat");
    }
    return new ClientToken(token, parts[0], expiresAt);
  }

  private String sign(String text) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key());
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", impossible);
    }
  }

  private SecretKeySpec key() {
    SecretKeySpec known = key;
    if (known == null) {
      synchronized (this) {
        known = key;
        if (known == null) {
          String configured = properties.tokenKey();
          byte[] bytes = configured != null && !configured.isBlank()
              ? Base64.getDecoder().decode(configured.strip())
              : Base64.getDecoder().decode(sharedKey());
          known = new SecretKeySpec(bytes, ALGORITHM);
          key = known;
        }
      }
    }
    return known;
  }

  /**
   * The key in {@code oc_key}, made by whichever node needs it first: in a transaction of its own, so that
   * losing the race to another node (a duplicate key) spoils nobody's transaction, then read back.
   */
  private String sharedKey() {
    String stored = storedKey();
    if (stored != null) {
      return stored;
    }
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    try {
      ownTransaction.executeWithoutResult(status -> jdbc.sql(
              "INSERT INTO oc_key (name, key_value, created_at) VALUES (?, ?, ?)")
          .params(KEY_NAME, Base64.getEncoder().encodeToString(fresh), Times.toDb(clock.instant())).update());
    } catch (DuplicateKeyException anotherNodeWasFirst) {
      // read theirs below
    }
    return ownTransaction.execute(status -> storedKey());
  }

  private String storedKey() {
    return jdbc.sql("SELECT key_value FROM oc_key WHERE name = ?").param(KEY_NAME).query(String.class).optional()
        .orElse(null);
  }
}
