package io.operatorconnect.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.operatorconnect.testsupport.OperatorConnectTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

@OperatorConnectTest
class ProcessesFolderDeployerTests {

  private static final String KEY = "folder_deployed_chat";

  @Autowired
  RepositoryService repository;

  @TempDir
  Path folder;

  @AfterEach
  void undeploy() {
    repository.createProcessDefinitionQuery().processDefinitionKey(KEY).list()
        .forEach(definition -> repository.deleteDeployment(definition.getDeploymentId(), true));
  }

  @Test
  void shouldDeployEveryDiagramInTheFolderIncludingSubfolders() throws Exception {
    // given
    write("chats/first.bpmn", KEY, "First");

    // when
    deployer().afterSingletonsInstantiated();

    // then
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(KEY).latestVersion().singleResult()
        .getName()).isEqualTo("First");
  }

  @Test
  void shouldNotDeployAnUnchangedDiagramAgainButAChangedOne() throws Exception {
    // given a diagram deployed once
    write("chat.bpmn", KEY, "Chat");
    deployer().afterSingletonsInstantiated();

    // when the app starts again with the same file
    deployer().afterSingletonsInstantiated();

    // then there is still one version
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(KEY).count()).isEqualTo(1);

    // and when the analyst changes the diagram, the next start deploys version 2
    write("chat.bpmn", KEY, "Chat, renamed");
    deployer().afterSingletonsInstantiated();
    var latest = repository.createProcessDefinitionQuery().processDefinitionKey(KEY).latestVersion().singleResult();
    assertThat(latest.getVersion()).isEqualTo(2);
    assertThat(latest.getName()).isEqualTo("Chat, renamed");
  }

  @Test
  void shouldStopTheStartUpNamingTheFolderTheTaskAndTheProblemOfAMisconfiguredDiagram() throws Exception {
    // given the example scenario with a queue action whose status is not "queue"
    String diagram = Files.readString(Path.of("processes/support-chat.bpmn"))
        .replace("id=\"support_chat\"", "id=\"" + KEY + "\"")
        .replace("<camunda:inputParameter name=\"status\">queue<", "<camunda:inputParameter name=\"status\">wait<");
    Files.writeString(folder.resolve("support-chat.bpmn"), diagram);

    // when / then
    assertThatThrownBy(() -> deployer().afterSingletonsInstantiated())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("cannot deploy the diagrams in " + folder.toAbsolutePath().normalize())
        .hasMessageContaining("Task_EnqueueDialog in process '" + KEY + "': status must be \"queue\" or left out, "
            + "not 'wait' | resource support-chat.bpmn | line ");
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(KEY).count()).isZero();
  }

  @Test
  void shouldDeployNothingAndNotFailWithoutAFolder() {
    long before = repository.createDeploymentQuery().count();

    new ProcessesFolderDeployer(repository, new ProcessesProperties(folder.resolve("missing").toString(), false))
        .afterSingletonsInstantiated();

    assertThat(repository.createDeploymentQuery().count()).isEqualTo(before);
  }

  private ProcessesFolderDeployer deployer() {
    return new ProcessesFolderDeployer(repository, new ProcessesProperties(folder.toString(), false));
  }

  private void write(String file, String key, String name) throws Exception {
    Path path = folder.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Test"
                          targetNamespace="http://operatorconnect.io/bpmn">
          <bpmn:process id="%s" name="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="StartEvent_Started" />
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(key, name));
  }
}
