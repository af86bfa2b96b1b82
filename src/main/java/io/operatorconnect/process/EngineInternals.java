package io.operatorconnect.process;

import io.operatorconnect.security.EngineIdentity;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.event.EventType;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.EventSubscriptionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.util.EncryptionUtil;
import org.springframework.stereotype.Component;

/**
 * Every use of the engine's internal classes ({@code org.camunda.bpm.engine.impl}, outside the engine's
 * compatibility promise) but its extension points (process engine plugins, BPMN parse listeners, the history
 * level), which Camunda documents for this use. Each method names the public API that does the same and why
 * it is not used; {@code EngineInternalsTests} holds each to the behaviour relied on, so that an engine
 * upgrade that changes it fails a test instead of a dialog.
 */
@Component
public class EngineInternals implements EngineIdentity {

  private final ProcessEngine engine;
  private final ProcessEngineConfigurationImpl configuration;
  /**
   * Reads by key and id inside the engine's own command: the public query API builds its SQL from a mapping
   * of hundreds of optional criteria on each call (the task count was a seventh of a dialog's close).
   */
  private final CommandExecutor commands;

  public EngineInternals(ProcessEngine engine) {
    this.engine = engine;
    this.configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    this.commands = configuration.getCommandExecutorTxRequired();
  }

  /**
   * Starts the latest active version of the diagram {@code key}, with the business key and variables, in
   * one engine command; null when there is none or it is suspended. Public API: a definition query, then
   * {@code startProcessInstanceByKey}, which reads the definition again.
   */
  String startLatest(String key, String businessKey, Map<String, Object> variables) {
    return commands.execute(context -> {
      ProcessDefinitionEntity latest = context.getProcessDefinitionManager().findLatestProcessDefinitionByKey(key);
      if (latest == null || latest.isSuspended()) {
        return null;
      }
      return engine.getRuntimeService().createProcessInstanceById(latest.getId()).businessKey(businessKey)
          .setVariables(variables).execute().getId();
    });
  }

  /**
   * Whether the instance waits for the message at exactly one place. Public API: an execution query by
   * process instance and message subscription name, whose SQL is built anew on every call.
   */
  boolean waitsForMessage(String processInstanceId, String messageName) {
    return commands.execute(context -> subscription(context, processInstanceId, messageName) != null);
  }

  /**
   * Delivers the message to the instance's one wait for it, with the engine's authorization checks, after
   * {@code write} has put the variables into the waiting execution; false, with nothing done, when the instance
   * does not wait for it at exactly one place. Public API: {@code createMessageCorrelation(...)
   * .processInstanceId(...)}, which finds the wait through the execution query above and writes every
   * variable, changed or not.
   */
  boolean deliver(String processInstanceId, String messageName, Consumer<VariableScope> write) {
    return commands.execute(context -> {
      EventSubscriptionEntity wait = subscription(context, processInstanceId, messageName);
      if (wait == null) {
        return false;
      }
      // what the engine's correlation checks before it delivers: the user may update the instance
      for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
        checker.checkUpdateProcessInstanceById(processInstanceId);
      }
      write.accept(wait.getExecution());
      wait.eventReceived(null, false);
      return true;
    });
  }

  /**
   * Completes the task if it still exists; false when it is gone. Public API: {@code taskService.complete},
   * which reads the task again (it is in the command's cache here) and fails on a task that is gone.
   */
  boolean completeIfExists(String taskId) {
    return commands.execute(context -> {
      if (context.getTaskManager().findTaskById(taskId) == null) {
        return false;
      }
      new CompleteTaskCmd(taskId, null).execute(context);
      return true;
    });
  }

  /**
   * Public API: none. {@link User} has no lock time; the {@link UserEntity} the identity service returns has
   * the lock expiration that {@code checkPassword} compares with the engine's clock. Zero for a user of
   * another identity provider (LDAP), which returns its own users.
   */
  @Override
  public Duration signInPausedFor(User user) {
    if (user instanceof UserEntity entity) {
      Date until = entity.getLockExpirationTime();
      long left = until == null ? 0 : until.getTime() - ClockUtil.getCurrentTime().getTime();
      return left > 0 ? Duration.ofMillis(left) : Duration.ZERO;
    }
    return Duration.ZERO;
  }

  /**
   * Public API: {@code identityService.checkPassword}, which counts a mismatch as a failed sign-in and pauses
   * the user. This is its comparison alone: the user's salt and the engine's password manager.
   */
  @Override
  public boolean passwordMatches(String userId, String password) {
    User user = engine.getIdentityService().createUserQuery().userId(userId).singleResult();
    if (!(user instanceof UserEntity entity) || entity.getPassword() == null) {
      return false;
    }
    return configuration.getPasswordManager().check(EncryptionUtil.saltPassword(password, entity.getSalt()),
        entity.getPassword());
  }

  /** The instance's one subscription to the message; null when it has none, or more than one. */
  private static EventSubscriptionEntity subscription(CommandContext context, String processInstanceId,
      String messageName) {
    List<EventSubscriptionEntity> waits = context.getEventSubscriptionManager()
        .findEventSubscriptionsByProcessInstanceId(processInstanceId).stream()
        .filter(subscription -> EventType.MESSAGE.name().equals(subscription.getEventType())
            && messageName.equals(subscription.getEventName()))
        .toList();
    return waits.size() == 1 ? waits.get(0) : null;
  }
}
