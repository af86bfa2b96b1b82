package io.operatorconnect.routing;

/** Why an operator was not chosen for a dialog; recorded with every decision. */
public enum SkipReason {
  OFFLINE("is OFFLINE"),
  AWAY("is AWAY"),
  GENERAL_LIMIT("has reached the general dialog limit"),
  CHANNEL_LIMIT("has reached the dialog limit for the channel"),
  OTHER_SUBJECT("does not belong to the subject"),
  NOT_REQUESTED("is not the requested operator");

  private final String description;

  SkipReason(String description) {
    this.description = description;
  }

  /** Reads after an operator id: "anna is OFFLINE". */
  public String description() {
    return description;
  }
}
