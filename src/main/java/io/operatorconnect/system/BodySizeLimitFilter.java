package io.operatorconnect.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over {@code operator-connect.api.max-body-size} on {@code /api/**} with a
 * 413 problem document: by the declared length before anything is read, and by counting for bodies
 * sent without a length.
 */
@Component
class BodySizeLimitFilter extends OncePerRequestFilter {

  private final long limit;
  private final ObjectMapper json;

  BodySizeLimitFilter(ApiProperties properties, ObjectMapper json) {
    this.limit = properties.maxBodySize().toBytes();
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > limit) {
      refuse(request, response);
      return;
    }
    try {
      chain.doFilter(new LimitedRequest(request, limit), response);
    } catch (ServletException | IOException | RuntimeException e) {
      if (BodyTooLarge.in(e) != null && !response.isCommitted()) {
        response.reset();
        refuse(request, response);
      } else {
        throw e;
      }
    }
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
    var problem = BodyTooLarge.problem(limit);
    problem.setInstance(java.net.URI.create(request.getRequestURI()));
    response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }

  private static final class LimitedRequest extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream stream;

    LimitedRequest(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream original = super.getInputStream();
        stream = new ServletInputStream() {
          private long read;

          @Override
          public int read() throws IOException {
            int b = original.read();
            if (b >= 0) {
              count(1);
            }
            return b;
          }

          @Override
          public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = original.read(buffer, offset, length);
            if (n > 0) {
              count(n);
            }
            return n;
          }

          private void count(int n) throws BodyTooLarge {
            read += n;
            if (read > limit) {
              throw new BodyTooLarge(limit);
            }
          }

          @Override
          public boolean isFinished() {
            return original.isFinished();
          }

          @Override
          public boolean isReady() {
            return original.isReady();
          }

          @Override
          public void setReadListener(ReadListener listener) {
            original.setReadListener(listener);
          }
        };
      }
      return stream;
    }
  }
}
