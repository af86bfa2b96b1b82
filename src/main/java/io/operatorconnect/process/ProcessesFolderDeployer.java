package io.operatorconnect.process;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Deploys every {@code .bpmn} under the processes folder at start-up. Unchanged diagrams are not
 * deployed again (duplicate filtering), so a restart adds no versions; a changed one becomes the
 * new latest version. A diagram the engine or our check refuses stops the start-up with its problems.
 */
@Component
class ProcessesFolderDeployer implements SmartInitializingSingleton {

  static final String DEPLOYMENT_NAME = "operator-connect-processes";
  private static final Logger log = LoggerFactory.getLogger(ProcessesFolderDeployer.class);

  private final RepositoryService repository;
  private final ProcessesProperties properties;

  ProcessesFolderDeployer(RepositoryService repository, ProcessesProperties properties) {
    this.repository = repository;
    this.properties = properties;
  }

  @Override
  public void afterSingletonsInstantiated() {
    Path folder = Path.of(properties.location()).toAbsolutePath().normalize();
    if (!Files.isDirectory(folder)) {
      log.warn("no processes folder at {}: nothing deployed (set operator-connect.processes.location)", folder);
      return;
    }
    List<Path> diagrams;
    try (Stream<Path> files = Files.walk(folder)) {
      diagrams = files.filter(file -> file.toString().endsWith(".bpmn") && Files.isRegularFile(file)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the processes folder " + folder, e);
    }
    if (diagrams.isEmpty()) {
      log.warn("no .bpmn files in {}: nothing deployed", folder);
      return;
    }
    DeploymentBuilder deployment = repository.createDeployment().name(DEPLOYMENT_NAME).source(folder.toString())
        .enableDuplicateFiltering(true);
    for (Path diagram : diagrams) {
      try (InputStream content = Files.newInputStream(diagram)) {
        deployment.addInputStream(folder.relativize(diagram).toString().replace('\\', '/'),
            new ByteArrayInputStream(content.readAllBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + diagram, e);
      }
    }
    DeploymentWithDefinitions deployed;
    try {
      deployed = deployment.deployWithResult();
    } catch (ParseException e) {
      // Start-up stops here; say which folder, since the engine names only the file.
      throw new IllegalStateException("cannot deploy the diagrams in " + folder + "; fix them and start again: "
          + e.getMessage(), e);
    }
    log.info("deployed {} diagram(s) from {}: {} new process definition version(s)", diagrams.size(), folder,
        deployed.getDeployedProcessDefinitions() == null ? 0 : deployed.getDeployedProcessDefinitions().size());
  }
}
