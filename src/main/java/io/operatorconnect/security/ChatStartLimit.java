package io.operatorconnect.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Starting web chats, counted per source address ({@code operator-connect.chat.starts-per-address} per
 * {@code start-window}): nobody floods the desk with dialogs from one address. Over the limit, 429 with
 * {@code Retry-After}.
 */
class ChatStartLimit extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(ChatStartLimit.class);

  private final AddressBuckets starts;
  private final ProblemResponses problems;

  ChatStartLimit(ChatAccessProperties properties, ProblemResponses problems) {
    this.starts = new AddressBuckets(properties.startsPerAddress(), properties.startWindow());
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !("POST".equals(request.getMethod())
        && (request.getContextPath() + SecurityConfiguration.CHAT_START).equals(request.getRequestURI()));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String address = request.getRemoteAddr();
    if (!starts.take(address)) {
      Duration wait = starts.waitFor(address).orElse(Duration.ofSeconds(1));
      long seconds = SignInPaused.seconds(wait);
      log.warn("web chat starts from {} over the limit of {} per {}", address, starts.capacity(), starts.window());
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
      problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "Too many chats", "too many chats were started from"
          + " your address; try again in " + seconds + " s");
      return;
    }
    chain.doFilter(request, response);
  }
}
