package io.operatorconnect.operator;

/**
 * The operator a dialog goes to, as the scenario's variables ({@code operator_id},
 * {@code operator_name}) and the client's messages name them.
 */
public record Assignee(String id, String name) {

  public static Assignee of(Operator operator) {
    return new Assignee(operator.id(), operator.name());
  }
}
