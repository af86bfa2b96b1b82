package io.operatorconnect.security;

import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;

/**
 * What operators may do in Camunda's webapps, with the engine's authorization checks on: open Tasklist,
 * use its filters, read process definitions (for names and forms), and work the tasks assigned to them
 * (the engine grants each assignee their task). Nothing of other operators' tasks, no Cockpit, no Admin.
 */
final class TasklistAccess {

  static final String MY_DIALOGS = "My dialogs";

  private TasklistAccess() {
  }

  /** Idempotent: run at every start; it adds only what is missing. */
  static void grant(ProcessEngine engine) {
    AuthorizationService authorizations = engine.getAuthorizationService();
    grant(authorizations, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(authorizations, Resources.FILTER, Authorization.ANY, Permissions.READ);
    grant(authorizations, Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ);
    FilterService filters = engine.getFilterService();
    if (filters.createFilterQuery().filterName(MY_DIALOGS).count() == 0) {
      Filter mine = filters.newTaskFilter(MY_DIALOGS)
          .setQuery(engine.getTaskService().createTaskQuery().taskAssigneeExpression("${currentUser()}"))
          .setProperties(Map.of("description", "The dialogs assigned to me", "priority", -10, "refresh", true));
      filters.saveFilter(mine);
    }
  }

  private static void grant(AuthorizationService authorizations, Resource resource, String resourceId,
      Permission permission) {
    boolean granted = authorizations.createAuthorizationQuery().groupIdIn(Role.OPERATOR.group())
        .resourceType(resource).resourceId(resourceId).hasPermission(permission).count() > 0;
    if (!granted) {
      Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      authorization.setGroupId(Role.OPERATOR.group());
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
      authorization.addPermission(permission);
      authorizations.saveAuthorization(authorization);
    }
  }
}
