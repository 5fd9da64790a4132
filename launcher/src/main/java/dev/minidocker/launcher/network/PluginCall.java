package dev.minidocker.launcher.network;

import java.time.Duration;

/**
 * One execution of a CNI plugin, as {@code --explain} shows it: the command and the variables it got
 * ({@code CNI_COMMAND}, {@code CNI_CONTAINERID}, {@code CNI_NETNS}, {@code CNI_IFNAME}), the network
 * configuration on its stdin, and what it printed: the result, or its error.
 */
public record PluginCall(String plugin, String command, String containerId, String netns, String ifname,
        String config, String result, String error, Duration elapsed) {
    public boolean failed() {
        return error != null;
    }

    /** Three lines: the call, what went in, what came out. */
    public String narration() {
        return "cni: " + command + " " + plugin + " (CNI_CONTAINERID=" + containerId + " CNI_NETNS="
                + (netns.isEmpty() ? "\"\"" : netns) + " CNI_IFNAME=" + ifname + ") in " + elapsed.toMillis() + " ms\n"
                + "cni:   stdin: " + config + "\n"
                + "cni:   " + (failed() ? "error: " + error : "stdout: " + (result.isBlank() ? "(nothing)" : result));
    }
}
