package io.operatorconnect.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every diagram under {@code processes/} opens in Camunda Modeler with its layout (DESIGN.md, "BPMN
 * contract"): a shape for every element and an edge for every flow, no two shapes on top of each
 * other, every flow drawn from its source to its target, and a history time to live.
 */
class ProcessesFolderLayoutTests {

  static Stream<Path> diagrams() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("processes"))) {
      List<Path> diagrams = files.filter(file -> file.toString().endsWith(".bpmn")).sorted().toList();
      assertThat(diagrams).extracting(Path::getFileName).extracting(Path::toString)
          .contains("support-chat.bpmn", "operator-takeover.bpmn");
      return diagrams.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("diagrams")
  void shouldSetAHistoryTimeToLiveOnEveryProcess(Path file) {
    BpmnModelInstance diagram = Bpmn.readModelFromFile(file.toFile());

    assertThat(diagram.getModelElementsByType(Process.class)).isNotEmpty()
        .allSatisfy(process -> assertThat(process.getCamundaHistoryTimeToLiveString()).as(process.getId())
            .isNotBlank());
  }

  @ParameterizedTest
  @MethodSource("diagrams")
  void shouldDrawEveryElementAndFlow(Path file) {
    BpmnModelInstance diagram = Bpmn.readModelFromFile(file.toFile());

    assertThat(diagram.getModelElementsByType(FlowNode.class))
        .allSatisfy(node -> assertThat(node.getDiagramElement()).as(node.getId()).isInstanceOf(BpmnShape.class));
    assertThat(diagram.getModelElementsByType(SequenceFlow.class))
        .allSatisfy(flow -> assertThat(flow.getDiagramElement()).as(flow.getId()).isInstanceOf(BpmnEdge.class));
  }

  @ParameterizedTest
  @MethodSource("diagrams")
  void shouldPlaceNoShapeOnAnother(Path file) {
    List<FlowNode> nodes = new ArrayList<>(Bpmn.readModelFromFile(file.toFile()).getModelElementsByType(FlowNode.class));

    List<String> overlaps = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      for (int j = i + 1; j < nodes.size(); j++) {
        FlowNode one = nodes.get(i);
        FlowNode other = nodes.get(j);
        if (overlap(bounds(one), bounds(other)) && !belongTogether(one, other)) {
          overlaps.add(one.getId() + " / " + other.getId());
        }
      }
    }

    assertThat(overlaps).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("diagrams")
  void shouldDrawEveryFlowFromItsSourceToItsTarget(Path file) {
    BpmnModelInstance diagram = Bpmn.readModelFromFile(file.toFile());

    assertThat(diagram.getModelElementsByType(SequenceFlow.class)).allSatisfy(flow -> {
      List<Waypoint> waypoints = List.copyOf(((BpmnEdge) flow.getDiagramElement()).getWaypoints());
      assertThat(waypoints).as(flow.getId()).hasSizeGreaterThanOrEqualTo(2);
      assertThat(touches(waypoints.get(0), bounds(flow.getSource()))).as(flow.getId() + " starts at its source")
          .isTrue();
      assertThat(touches(waypoints.get(waypoints.size() - 1), bounds(flow.getTarget())))
          .as(flow.getId() + " ends at its target").isTrue();
      for (int k = 1; k < waypoints.size(); k++) {
        Waypoint from = waypoints.get(k - 1);
        Waypoint to = waypoints.get(k);
        assertThat(from.getX().equals(to.getX()) || from.getY().equals(to.getY()))
            .as(flow.getId() + " is drawn with straight horizontal and vertical segments").isTrue();
      }
    });
  }

  private static Bounds bounds(FlowNode node) {
    return ((BpmnShape) node.getDiagramElement()).getBounds();
  }

  private static boolean overlap(Bounds a, Bounds b) {
    return a.getX() < b.getX() + b.getWidth() && b.getX() < a.getX() + a.getWidth()
        && a.getY() < b.getY() + b.getHeight() && b.getY() < a.getY() + a.getHeight();
  }

  /** A boundary event sits on its task, and a subprocess holds its elements. */
  private static boolean belongTogether(FlowNode one, FlowNode other) {
    return attachedTo(one, other) || attachedTo(other, one) || inside(one, other) || inside(other, one);
  }

  private static boolean attachedTo(FlowNode event, FlowNode activity) {
    return event instanceof BoundaryEvent boundary && boundary.getAttachedTo() == activity;
  }

  private static boolean inside(FlowNode node, FlowNode container) {
    for (ModelElementInstance parent = node.getParentElement(); parent != null; parent = parent.getParentElement()) {
      if (parent == container && container instanceof SubProcess) {
        return true;
      }
    }
    return false;
  }

  private static boolean touches(Waypoint point, Bounds bounds) {
    double tolerance = 1;
    return point.getX() >= bounds.getX() - tolerance && point.getX() <= bounds.getX() + bounds.getWidth() + tolerance
        && point.getY() >= bounds.getY() - tolerance && point.getY() <= bounds.getY() + bounds.getHeight() + tolerance;
  }
}
