package io.operatorconnect.process;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code operator-connect.processes.*}
 *
 * @param location                folder whose {@code .bpmn} files are deployed at start-up (changed ones only)
 * @param actionInputsInHistory   under history level {@code audit}, also write the inputs of our actions to
 *                                the engine's variable history (off: {@link AuditWithoutActionInputs})
 */
@ConfigurationProperties("operator-connect.processes")
record ProcessesProperties(@DefaultValue("processes") String location,
    @DefaultValue("false") boolean actionInputsInHistory) {
}
