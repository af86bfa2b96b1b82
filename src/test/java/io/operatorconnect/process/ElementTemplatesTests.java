package io.operatorconnect.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.operatorconnect.process.ChatOperatorStateInputs.Assign;
import io.operatorconnect.process.ChatOperatorStateInputs.Mode;
import io.operatorconnect.routing.DistributionMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.stereotype.Component;

/**
 * The Camunda Modeler element templates in {@code processes/.camunda/element-templates} stay in step
 * with the actions: each binds exactly the inputs its delegate reads, offers exactly the values the
 * delegate accepts, fixes the delegate's bean, and every action task of the example diagrams uses its
 * template the way Modeler writes it. (Their JSON schema is checked by {@code .ci/lint-processes}.)
 */
class ElementTemplatesTests {

  private static final Path FOLDER = Path.of("processes", ".camunda", "element-templates");
  private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
  private static final String CONNECT = "io.operatorconnect.ConnectToOperatorWithMsg";
  private static final String SET_STATE = "io.operatorconnect.SetChatOperatorState";
  private static final String SEND_MESSAGE = "io.operatorconnect.SendClientMessage";
  private static final List<String> FLAGS = List.of("true", "false");
  /** Texts an identifier field may be given, valid or not for {@link InputValues#identifier}. */
  private static final List<String> IDENTIFIERS = List.of("support", "anna", "a", "7", "anna.smith@example.com",
      "team:first-line", "x".repeat(64), "x".repeat(65), "-support", "_support", ".a", "two words", "süpport",
      "support/2", "");

  private static final Map<String, Template> TEMPLATES = readTemplates();

  static Stream<Arguments> actions() {
    return Stream.of(
        Arguments.of(CONNECT, ConnectToOperatorWithMsg.class, BpmnNames.DELEGATE_CONNECT_TO_OPERATOR),
        Arguments.of(SET_STATE, SetChatOperatorState.class, BpmnNames.DELEGATE_SET_CHAT_OPERATOR_STATE),
        Arguments.of(SEND_MESSAGE, SendClientMessage.class, "${sendClientMessage}"));
  }

  @ParameterizedTest
  @MethodSource("actions")
  void shouldFixTheDelegateExpressionOfTheActionsBeanAndHideIt(String id, Class<?> delegate, String expression) {
    // given
    Template template = TEMPLATES.get(id);
    String bean = delegate.getAnnotation(Component.class).value();

    // when
    List<JsonNode> delegateProperties = template.properties().stream()
        .filter(property -> property.path("binding").path("name").asText().equals("camunda:delegateExpression"))
        .toList();

    // then
    assertThat(delegateProperties).singleElement().satisfies(property -> {
      assertThat(property.path("binding").path("type").asText()).isEqualTo("property");
      assertThat(property.path("type").asText()).isEqualTo("Hidden");
      assertThat(property.path("value").asText()).isEqualTo("${" + bean + "}").isEqualTo(expression);
    });
  }

  @Test
  void shouldBindEveryKeyOfTheConnectActionAsAnInputOfItsOwnAndNothingElse() {
    assertThat(TEMPLATES.get(CONNECT).inputs().keySet()).containsExactlyInAnyOrderElementsOf(ConnectInputs.KEYS);
  }

  @Test
  void shouldBindEveryInputOfTheSetChatOperatorStateActionAndNothingElse() {
    assertThat(TEMPLATES.get(SET_STATE).inputs().keySet())
        .containsExactlyInAnyOrderElementsOf(ChatOperatorStateInputs.KEYS);
  }

  @Test
  void shouldBindTheTextOfTheSendMessageAction() {
    assertThat(TEMPLATES.get(SEND_MESSAGE).inputs().keySet()).containsExactly(SendClientMessage.TEXT);
  }

  @Test
  void shouldMapNoOutputsSinceTheActionsWriteTheirVariablesOnTheProcessInstance() {
    assertThat(TEMPLATES.values()).flatMap(Template::properties)
        .noneMatch(property -> property.path("binding").path("type").asText().equals("camunda:outputParameter"));
  }

  @Test
  void shouldOfferExactlyTheDistributionMethodsAndThePanelSettingAsAbsent() {
    assertThat(TEMPLATES.get(CONNECT).choices("method"))
        .containsExactlyElementsOf(prepend("", Arrays.stream(DistributionMethod.values()).map(Enum::name)));
  }

  @Test
  void shouldOfferQueueOrNoStatus() {
    assertThat(TEMPLATES.get(CONNECT).choices("status")).containsExactlyInAnyOrder("", "queue");
  }

  @Test
  void shouldOfferExactlyTheModesAndAssignmentsOfTheSetChatOperatorStateAction() {
    Template template = TEMPLATES.get(SET_STATE);

    assertThat(template.choices(ChatOperatorStateInputs.MODE))
        .containsExactlyElementsOf(Arrays.stream(Mode.values()).map(Enum::name).toList());
    assertThat(template.choices(ChatOperatorStateInputs.ASSIGN))
        .containsExactlyElementsOf(Arrays.stream(Assign.values()).map(Enum::name).toList());
  }

  @Test
  void shouldOfferTrueAndFalseForEveryFlag() {
    assertThat(TEMPLATES.get(CONNECT).choices("auto_connect_operator")).containsExactlyInAnyOrderElementsOf(FLAGS);
    assertThat(TEMPLATES.get(CONNECT).choices("only_online")).containsExactlyInAnyOrderElementsOf(FLAGS);
    assertThat(TEMPLATES.get(SET_STATE).choices(ChatOperatorStateInputs.ONLY_ONLINE))
        .containsExactlyInAnyOrderElementsOf(FLAGS);
  }

  @Test
  void shouldDeployWhatModelerWritesForTheConnectTemplateWithEveryChoiceOfEachDropdown() {
    Template template = TEMPLATES.get(CONNECT);
    Map<String, String> defaults = template.defaults();

    // what an analyst gets by applying the template and changing nothing
    assertThatCode(() -> ConnectInputs.checkLiterals(defaults)).doesNotThrowAnyException();
    template.inputs().forEach((name, property) -> template.choices(name).forEach(choice -> {
      Map<String, String> inputs = new LinkedHashMap<>(defaults);
      inputs.put(name, choice);
      assertThatCode(() -> ConnectInputs.checkLiterals(inputs)).as(name + " = " + choice).doesNotThrowAnyException();
    }));
  }

  @Test
  void shouldDeployWhatModelerWritesForTheSetChatOperatorStateTemplateWithEveryChoiceOfEachDropdown() {
    Template template = TEMPLATES.get(SET_STATE);
    Map<String, String> defaults = template.defaults();

    assertThatCode(() -> ChatOperatorStateInputs.checkLiterals(defaults)).doesNotThrowAnyException();
    template.inputs().forEach((name, property) -> template.choices(name).forEach(choice -> {
      Map<String, String> inputs = new LinkedHashMap<>(defaults);
      inputs.put(name, choice);
      // SPECIFIC needs the operator field, as its description says
      inputs.put(ChatOperatorStateInputs.OPERATOR, "anna");
      assertThatCode(() -> ChatOperatorStateInputs.checkLiterals(inputs)).as(name + " = " + choice)
          .doesNotThrowAnyException();
    }));
  }

  static Stream<Arguments> identifierFields() {
    return Stream.of(Arguments.of(CONNECT, "subject_alias"), Arguments.of(CONNECT, "assigned_operator"),
        Arguments.of(SET_STATE, ChatOperatorStateInputs.GROUP),
        Arguments.of(SET_STATE, ChatOperatorStateInputs.OPERATOR));
  }

  @ParameterizedTest
  @MethodSource("identifierFields")
  void shouldLetModelerAcceptAnIdentifierExactlyWhenTheActionDoes(String id, String name) {
    Pattern pattern = TEMPLATES.get(id).pattern(name);

    for (String text : IDENTIFIERS) {
      assertThat(modelerAccepts(pattern, text)).as("'" + text + "'").isEqualTo(actionAccepts(() ->
          InputValues.identifier(Map.of(name, text), name)));
    }
    assertThat(modelerAccepts(pattern, "${subject}")).as("an expression, checked when the action runs").isTrue();
    assertThat(modelerAccepts(pattern, "#{operator}")).as("an expression, checked when the action runs").isTrue();
  }

  /** Whole numbers as people write them; the field refuses leading zeros and spaces the action would read. */
  @Test
  void shouldLetModelerAcceptAPriorityExactlyWhenTheActionDoes() {
    Pattern pattern = TEMPLATES.get(CONNECT).pattern("priority");
    List<String> texts = new ArrayList<>(IntStream.rangeClosed(-ConnectInputs.MAX_PRIORITY - 5,
        ConnectInputs.MAX_PRIORITY + 5).mapToObj(String::valueOf).toList());
    texts.addAll(List.of("", "+7", "1.5", "ten", "2000", "-99999999999", "1e3"));

    for (String text : texts) {
      assertThat(modelerAccepts(pattern, text)).as("'" + text + "'").isEqualTo(actionAccepts(() ->
          ConnectInputs.checkLiterals(Map.of("priority", text))));
    }
    assertThat(modelerAccepts(pattern, "${priority}")).as("an expression, checked when the action runs").isTrue();
  }

  @ParameterizedTest
  @MethodSource("io.operatorconnect.process.ProcessesFolderLayoutTests#diagrams")
  void shouldApplyItsTemplateToEveryActionTaskOfTheDiagramAsModelerWritesIt(Path file) {
    BpmnModelInstance diagram = Bpmn.readModelFromFile(file.toFile());

    for (ServiceTask task : diagram.getModelElementsByType(ServiceTask.class)) {
      Template template = TEMPLATES.values().stream()
          .filter(candidate -> candidate.delegateExpression().equals(task.getCamundaDelegateExpression()))
          .findFirst().orElse(null);
      String applied = task.getAttributeValueNs(CAMUNDA_NS, "modelerTemplate");
      if (template == null) {
        assertThat(applied).as(task.getId() + " names a template but is no action of one").isNull();
        continue;
      }
      assertThat(applied).as(task.getId()).isEqualTo(template.id());
      assertThat(task.getAttributeValueNs(CAMUNDA_NS, "modelerTemplateVersion")).as(task.getId())
          .isEqualTo(String.valueOf(template.version()));
      Map<String, String> inputs = inputs(task);
      assertThat(inputs.keySet()).as(task.getId() + ": the template's inputs, each on its own")
          .containsExactlyInAnyOrderElementsOf(template.inputs().keySet());
      inputs.forEach((name, value) -> {
        if (!template.choices(name).isEmpty()) {
          assertThat(value).as(task.getId() + ": " + name + " is one of its dropdown's choices")
              .isIn(template.choices(name));
        }
      });
    }
  }

  private static Map<String, String> inputs(BaseElement task) {
    Map<String, String> inputs = new LinkedHashMap<>();
    ExtensionElements extensions = task.getExtensionElements();
    if (extensions == null) {
      return inputs;
    }
    for (CamundaInputOutput inputOutput : extensions.getChildElementsByType(CamundaInputOutput.class)) {
      assertThat(inputOutput.getCamundaOutputParameters()).as(task.getId() + ": outputs").isEmpty();
      for (CamundaInputParameter input : inputOutput.getCamundaInputParameters()) {
        inputs.put(input.getCamundaName(), input.getTextContent().strip());
      }
    }
    return inputs;
  }

  /** As Camunda Modeler checks a field: {@code new RegExp(pattern).test(value)}, a search, not a full match. */
  private static boolean modelerAccepts(Pattern pattern, String text) {
    return pattern.matcher(text).find();
  }

  private static boolean actionAccepts(Runnable read) {
    try {
      read.run();
      return true;
    } catch (InvalidInputs refused) {
      return false;
    }
  }

  private static List<String> prepend(String first, Stream<String> rest) {
    return Stream.concat(Stream.of(first), rest).toList();
  }

  private static Map<String, Template> readTemplates() {
    ObjectMapper json = new ObjectMapper();
    Map<String, Template> templates = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(FOLDER)) {
      for (Path file : files.filter(path -> path.toString().endsWith(".json")).sorted().toList()) {
        JsonNode content = json.readTree(file.toFile());
        for (JsonNode template : content.isArray() ? content : List.of(content)) {
          templates.put(template.path("id").asText(), new Template(template));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the element templates in " + FOLDER, e);
    }
    assertThat(templates).containsOnlyKeys(CONNECT, SET_STATE, SEND_MESSAGE);
    return templates;
  }

  /** One element template, read as JSON. */
  private record Template(JsonNode json) {

    String id() {
      return json.path("id").asText();
    }

    int version() {
      return json.path("version").asInt();
    }

    List<JsonNode> properties() {
      List<JsonNode> properties = new ArrayList<>();
      json.path("properties").forEach(properties::add);
      return properties;
    }

    String delegateExpression() {
      return properties().stream()
          .filter(property -> property.path("binding").path("name").asText().equals("camunda:delegateExpression"))
          .map(property -> property.path("value").asText())
          .findFirst().orElseThrow();
    }

    /** The fields bound to {@code camunda:inputParameter}, by input name, in the template's order. */
    Map<String, JsonNode> inputs() {
      Map<String, JsonNode> inputs = new LinkedHashMap<>();
      for (JsonNode property : properties()) {
        JsonNode binding = property.path("binding");
        if (binding.path("type").asText().equals("camunda:inputParameter")) {
          assertThat(inputs.put(binding.path("name").asText(), property)).as(id() + ": one field per input").isNull();
        }
      }
      return inputs;
    }

    JsonNode field(String input) {
      JsonNode field = inputs().get(input);
      assertThat(field).as(id() + ": a field bound to the input " + input).isNotNull();
      return field;
    }

    /** A dropdown's choice values; none for any other field. */
    List<String> choices(String input) {
      List<String> choices = new ArrayList<>();
      field(input).path("choices").forEach(choice -> choices.add(choice.path("value").asText()));
      return choices;
    }

    /** What Modeler writes when the template is applied: each field's default, or nothing. */
    Map<String, String> defaults() {
      Map<String, String> defaults = new LinkedHashMap<>();
      inputs().forEach((name, property) -> defaults.put(name, property.path("value").asText("")));
      return defaults;
    }

    Pattern pattern(String input) {
      String pattern = field(input).path("constraints").path("pattern").path("value").asText();
      assertThat(pattern).as(id() + ": " + input + " has a pattern").isNotEmpty();
      return Pattern.compile(pattern);
    }
  }
}
