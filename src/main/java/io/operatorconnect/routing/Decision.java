package io.operatorconnect.routing;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The outcome of one routing attempt: a value, never an exception. */
public sealed interface Decision {

  /** An operator was chosen; {@code ranked} holds every eligible operator, best first, the chosen one included. */
  record Assigned(Candidate operator, DistributionMethod method, List<Candidate> ranked, Map<String, SkipReason> skipped)
      implements Decision {
    public Assigned {
      ranked = List.copyOf(ranked);
      skipped = Map.copyOf(skipped);
    }
  }

  /**
   * Nobody may take the dialog now; {@code skipped} says why, per operator. {@code moreNotShown}: more
   * operators were skipped than {@code skipped} names (a large subject is named in part).
   */
  record NoFreeOperator(Map<String, SkipReason> skipped, boolean moreNotShown) implements Decision {
    public NoFreeOperator {
      skipped = Map.copyOf(skipped);
    }

    public NoFreeOperator(Map<String, SkipReason> skipped) {
      this(skipped, false);
    }

    public NoFreeOperator withMoreNotShown() {
      return new NoFreeOperator(skipped, true);
    }

    /** "anna is OFFLINE; bob has reached the general dialog limit". */
    public String explanation() {
      if (skipped.isEmpty()) {
        return "no operator exists for this dialog";
      }
      return skipped.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .map(entry -> entry.getKey() + " " + entry.getValue().description())
          .collect(Collectors.joining("; ")) + (moreNotShown ? "; and more operators, none free" : "");
    }
  }

  /** The client is banned and gets no operator. */
  record Banned(String clientId) implements Decision {
  }

  /** The request itself cannot be served as written (unknown subject or operator). */
  record Invalid(String message) implements Decision {
  }
}
