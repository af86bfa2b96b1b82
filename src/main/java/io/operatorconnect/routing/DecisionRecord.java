package io.operatorconnect.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one routing attempt looked at and what it decided, kept to answer "why did this dialog go to
 * Anna and not Bob?": every operator considered, in rank order, with a verdict, and for every one not
 * chosen the reason.
 *
 * @param chosen      the operator who got the dialog, or null
 * @param candidates  the eligible operators in rank order, then the skipped ones
 * @param explanation why nobody got the dialog, or null when somebody did
 */
public record DecisionRecord(Outcome outcome, DistributionMethod method, String chosen, List<Verdict> candidates,
    String explanation) {

  public DecisionRecord {
    Objects.requireNonNull(outcome, "outcome");
    candidates = List.copyOf(candidates);
  }

  public enum Outcome {
    /** An operator got the dialog. */
    ASSIGNED,
    /** Nobody could take the dialog now. */
    NO_FREE_OPERATOR,
    /** The request names an operator or subject that does not exist. */
    INVALID
  }

  /** One operator's part in the decision. */
  public record Verdict(String operatorId, Kind kind, Integer rank, SkipReason reason) {

    public enum Kind {
      /** Got the dialog. */
      CHOSEN,
      /** Eligible, ranked after the chosen one. */
      RANKED,
      /** Ranked ahead, but no longer eligible when their row was locked (another dialog took the slot). */
      TAKEN_MEANWHILE,
      /** Not eligible: see the reason. */
      SKIPPED
    }

    /** "anna: chosen (rank 1)", "bob: skipped, has reached the general dialog limit". */
    public String description() {
      String ranked = rank == null ? "" : " (rank " + rank + ")";
      return switch (kind) {
        case CHOSEN -> operatorId + ": chosen" + ranked;
        case RANKED -> operatorId + ": eligible, ranked after the chosen one" + ranked;
        case TAKEN_MEANWHILE -> operatorId + ": taken meanwhile" + ranked + ", " + reasonText();
        case SKIPPED -> operatorId + ": skipped, " + reasonText();
      };
    }

    private String reasonText() {
      return reason == null ? "no longer exists" : reason.description();
    }
  }

  /**
   * The record of a router decision after the reservations were tried: {@code chosen} is the operator
   * reserved (null when none could be), {@code refused} the ranked operators whose reservation was
   * refused under the row lock, with the reason the fresh row gave (null when the operator is gone).
   */
  public static DecisionRecord of(Decision decision, String chosen, Map<String, SkipReason> refused) {
    if (decision instanceof Decision.Assigned assigned) {
      List<Verdict> verdicts = new ArrayList<>();
      int rank = 0;
      for (Candidate candidate : assigned.ranked()) {
        rank++;
        String id = candidate.id();
        if (id.equals(chosen)) {
          verdicts.add(new Verdict(id, Verdict.Kind.CHOSEN, rank, null));
        } else if (refused.containsKey(id)) {
          verdicts.add(new Verdict(id, Verdict.Kind.TAKEN_MEANWHILE, rank, refused.get(id)));
        } else {
          verdicts.add(new Verdict(id, Verdict.Kind.RANKED, rank, null));
        }
      }
      addSkipped(verdicts, assigned.skipped());
      return chosen == null
          ? new DecisionRecord(Outcome.NO_FREE_OPERATOR, assigned.method(), null, verdicts,
              "every eligible operator was taken by other dialogs meanwhile")
          : new DecisionRecord(Outcome.ASSIGNED, assigned.method(), chosen, verdicts, null);
    }
    if (decision instanceof Decision.NoFreeOperator none) {
      List<Verdict> verdicts = new ArrayList<>();
      addSkipped(verdicts, none.skipped());
      return new DecisionRecord(Outcome.NO_FREE_OPERATOR, null, null, verdicts, none.explanation());
    }
    if (decision instanceof Decision.Invalid invalid) {
      return new DecisionRecord(Outcome.INVALID, null, null, List.of(), invalid.message());
    }
    Decision.Banned banned = (Decision.Banned) decision;
    return new DecisionRecord(Outcome.INVALID, null, null, List.of(), "client " + banned.clientId() + " is banned");
  }

  /** Nobody was looked at: the dialog could not be routed before any operator was considered. */
  public static DecisionRecord notRouted(Outcome outcome, DistributionMethod method, String explanation) {
    return new DecisionRecord(outcome, method, null, List.of(), explanation);
  }

  /** An operator taken by hand (a manual accept, a transfer to a named operator): no ranking involved. */
  public static DecisionRecord byHand(String operatorId) {
    return new DecisionRecord(Outcome.ASSIGNED, null, operatorId,
        List.of(new Verdict(operatorId, Verdict.Kind.CHOSEN, null, null)), null);
  }

  private static void addSkipped(List<Verdict> verdicts, Map<String, SkipReason> skipped) {
    skipped.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(entry -> verdicts.add(new Verdict(entry.getKey(), Verdict.Kind.SKIPPED, null, entry.getValue())));
  }
}
