package io.operatorconnect.settings;

/** Published inside the transaction that saves new panel settings; every open panel is told after commit. */
public record PanelSettingsChanged(PanelSettings settings) {
}
