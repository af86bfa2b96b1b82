package io.operatorconnect.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code operator-connect.api.*}
 *
 * @param maxBodySize the largest request body {@code /api/**} accepts
 */
@ConfigurationProperties("operator-connect.api")
public record ApiProperties(@DefaultValue("64KB") DataSize maxBodySize) {
}
