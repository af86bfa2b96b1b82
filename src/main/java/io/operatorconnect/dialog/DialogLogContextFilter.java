package io.operatorconnect.dialog;

import io.operatorconnect.system.DialogMdc;
import io.operatorconnect.system.Identifiers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every call on one dialog ({@code /api/dialogs/{id}/...}: accept, transfer, close, return to the
 * queue or the bot, messages) runs with the dialog's id in the logging context, from the first line
 * to the commit and the problem handler's: one place instead of a scope in every controller method.
 */
@Component
class DialogLogContextFilter extends OncePerRequestFilter {

  /** Only an id of the shape the API hands out goes into the logs: a path is whatever the caller sends. */
  private static final Pattern DIALOG_PATH = Pattern.compile("^/api/dialogs/([^/]+)(/.*)?$");

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith(request.getContextPath() + "/api/dialogs/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher dialog = DIALOG_PATH.matcher(request.getRequestURI().substring(request.getContextPath().length()));
    String dialogId = dialog.matches() && Identifiers.valid(dialog.group(1)) ? dialog.group(1) : null;
    try (var ignored = DialogMdc.put(dialogId)) {
      chain.doFilter(request, response);
    }
  }
}
