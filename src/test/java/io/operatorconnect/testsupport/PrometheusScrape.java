package io.operatorconnect.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of {@code /actuator/prometheus} through {@link HttpApi}, parsed: the value of a series
 * by its name and labels. Counters and timers keep counting across the tests that share a context,
 * so tests compare two scrapes (before and after) rather than absolute values.
 */
public final class PrometheusScrape {

  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+).*$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private record Sample(String name, Map<String, String> labels, double value) {
  }

  private final String text;
  private final List<Sample> samples;

  private PrometheusScrape(String text, List<Sample> samples) {
    this.text = text;
    this.samples = samples;
  }

  /** Scrapes the running application; fails unless the endpoint answers 200. */
  public static PrometheusScrape of(HttpApi api) {
    HttpApi.TextResponse response = api.getText("/actuator/prometheus");
    assertThat(response.status()).as("status of /actuator/prometheus: %s", response.body()).isEqualTo(200);
    List<Sample> samples = new ArrayList<>();
    for (String line : response.body().split("\n")) {
      Matcher sample = SAMPLE.matcher(line);
      if (line.startsWith("#") || !sample.matches()) {
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (sample.group(2) != null) {
        Matcher label = LABEL.matcher(sample.group(2));
        while (label.find()) {
          labels.put(label.group(1), label.group(2));
        }
      }
      samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
    }
    return new PrometheusScrape(response.body(), samples);
  }

  /**
   * The value of the one series with this name whose labels include the given ones
   * ({@code "subject", "support", ...}); 0 when there is none (a counter not yet incremented).
   */
  public double value(String name, String... labels) {
    List<Sample> matching = matching(name, labels);
    assertThat(matching).as("series %s %s", name, List.of(labels)).hasSizeLessThanOrEqualTo(1);
    return matching.isEmpty() ? 0 : matching.get(0).value();
  }

  /** How much the series grew since an earlier scrape: counters and timers keep counting across tests. */
  public double increaseSince(PrometheusScrape before, String name, String... labels) {
    return value(name, labels) - before.value(name, labels);
  }

  /** Whether a series with this name and labels is there at all. */
  public boolean has(String name, String... labels) {
    return !matching(name, labels).isEmpty();
  }

  /** The label values of every series of this name, for a label: which tags a metric carries. */
  public List<Map<String, String>> labelsOf(String name) {
    return samples.stream().filter(sample -> sample.name().equals(name)).map(Sample::labels).toList();
  }

  public String text() {
    return text;
  }

  private List<Sample> matching(String name, String... labels) {
    return samples.stream()
        .filter(sample -> sample.name().equals(name))
        .filter(sample -> {
          for (int i = 0; i + 1 < labels.length; i += 2) {
            if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
              return false;
            }
          }
          return true;
        })
        .toList();
  }
}
