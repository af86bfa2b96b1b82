package io.operatorconnect.routing;

/** An operator's presence: only some statuses receive new dialogs. */
public enum OperatorStatus {
  /** Receives new dialogs. */
  ONLINE,
  /** Keeps current dialogs but receives new ones only where the action allows it ({@code only_online: false}). */
  AWAY,
  /** Receives nothing. */
  OFFLINE;

  /** Whether an operator in this status may be given a new dialog. */
  public boolean canReceive(boolean onlyOnline) {
    return this == ONLINE || (this == AWAY && !onlyOnline);
  }
}
