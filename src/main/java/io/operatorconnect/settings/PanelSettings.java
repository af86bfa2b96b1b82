package io.operatorconnect.settings;

import io.operatorconnect.routing.DistributionMethod;

/**
 * The operator panel's settings.
 *
 * @param autoConnect           "Automatic connection of free operator to new dialog"; shows the In Queue folder
 * @param distributionMethod    the method a connect action uses unless it names its own
 * @param redistributeOnOffline hand an operator's open dialogs to others when the operator goes OFFLINE
 */
public record PanelSettings(boolean autoConnect, DistributionMethod distributionMethod,
    boolean redistributeOnOffline) {
}
