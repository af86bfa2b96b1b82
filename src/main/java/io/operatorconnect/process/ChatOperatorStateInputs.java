package io.operatorconnect.process;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The set-chat-operator-state action's inputs (DESIGN.md, "BPMN contract"): their names, the allowed
 * values, and one reader that serves both the {@code ${setChatOperatorState}} delegate and the check
 * at deployment. Anything it cannot read is an {@link InvalidInputs} naming the input and what is allowed.
 */
final class ChatOperatorStateInputs {

  static final String MODE = "mode";
  static final String ASSIGN = "assign";
  static final String GROUP = "group";
  static final String OPERATOR = "operator";
  static final String ONLY_ONLINE = "only_online";
  static final List<String> KEYS = List.of(MODE, ASSIGN, GROUP, OPERATOR, ONLY_ONLINE);

  private ChatOperatorStateInputs() {
  }

  /** What the action does to the chat. */
  enum Mode {
    /** Raise the operator-request flag: the dialog waits for an operator. */
    REQUEST_OPERATOR,
    /** An operator controls the chat; the bot no longer processes the client's input. */
    OPERATOR_TAKEOVER,
    /** Control goes back to the bot; the operator's slot is freed. */
    CHATBOT_CONTROLLED
  }

  /** How the operator is chosen. */
  enum Assign {
    /** Uniformly among the available ones, inside {@code group} when given. */
    RANDOM,
    /** Fewest controlled conversations; tie: random. */
    LESS_BUSY,
    /** The one named by {@code operator}. */
    SPECIFIC
  }

  /** The inputs' meaning; {@code assign}, {@code group} and {@code operator} are null when not given. */
  record Request(Mode mode, Assign assign, String group, String operator, boolean onlyOnline) {
  }

  /** Reads the inputs' values by name, as the delegate finds them; {@code only_online} defaults to true. */
  static Request read(Map<String, ?> inputs) {
    return read(inputs, Set.of());
  }

  /**
   * Checks at deployment what a diagram fixes, with the rules {@link #read} applies at run time.
   * {@code inputs} maps every input name to its literal text, or to null when an expression gives the
   * value at run time; such a value is not checked, but counts as given.
   *
   * @throws InvalidInputs for an unknown input name, a missing {@code mode}, or a literal the action refuses
   */
  static void checkLiterals(Map<String, String> inputs) {
    for (String name : inputs.keySet()) {
      if (!KEYS.contains(name)) {
        throw new InvalidInputs("unknown input '" + name + "'; the set-chat-operator-state action reads "
            + String.join(", ", KEYS));
      }
    }
    Set<String> givenAtRunTime = new HashSet<>();
    inputs.forEach((name, literal) -> {
      if (literal == null) {
        givenAtRunTime.add(name);
      }
    });
    read(inputs, givenAtRunTime);
  }

  /** The one set of rules; an input in {@code givenAtRunTime} has no value yet but is not missing. */
  private static Request read(Map<String, ?> inputs, Set<String> givenAtRunTime) {
    Mode mode = InputValues.choice(inputs, MODE, Mode.class);
    if (mode == null && !givenAtRunTime.contains(MODE)) {
      throw new InvalidInputs("mode is missing; use one of " + InputValues.namesOf(Mode.class));
    }
    Assign assign = InputValues.choice(inputs, ASSIGN, Assign.class);
    String operator = InputValues.identifier(inputs, OPERATOR);
    if (assign == Assign.SPECIFIC && operator == null && !givenAtRunTime.contains(OPERATOR)) {
      throw new InvalidInputs("assign SPECIFIC needs an operator input naming the operator; or use "
          + Assign.RANDOM + " or " + Assign.LESS_BUSY);
    }
    return new Request(mode, assign, InputValues.identifier(inputs, GROUP), operator,
        InputValues.bool(inputs, ONLY_ONLINE, true));
  }
}
