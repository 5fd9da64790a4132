package dev.minidocker.launcher.network;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.spec.json.JsonException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One network's conflist run for one container, as the CNI spec orders it (libcni does the same):
 * ADD through the plugins in order, each given the previous one's result as {@code prevResult}; DEL
 * in reverse order with the ADD's result, each plugin called even when one before it failed, since
 * DEL must release all it can. An ADD that fails DELs what it had added, the failed plugin included
 * (the bridge plugin leaves its veth when its IPAM refuses), so nothing is left half-made.
 * {@code plugins} narrows the list to the ones a container needs (portmap only with ports), and the
 * same names are given to the DEL.
 */
final class CniNetwork {
    private final CniPlugins plugins;
    private final Map<String, Object> conflist;
    private final Consumer<PluginCall> narrator;

    CniNetwork(CniPlugins plugins, Map<String, Object> conflist, Consumer<PluginCall> narrator) {
        this.plugins = plugins;
        this.conflist = conflist;
        this.narrator = narrator;
    }

    /** The final result of ADD through {@code types} (in the conflist's order). */
    Map<String, Object> add(CniPlugins.Context context, List<String> types, Map<String, Object> runtimeConfig)
            throws LaunchException {
        Map<String, Object> result = null;
        List<String> added = new ArrayList<>();
        try {
            for (Map<String, Object> plugin : chosen(types)) {
                String type = CniDocuments.text(plugin, "type", "");
                added.add(type);
                String out = plugins.call(type, "ADD", context, CniDocuments.line(config(plugin, runtimeConfig, result)),
                        narrator);
                result = CniDocuments.parseObject(out);
            }
        } catch (LaunchException | JsonException e) {
            try {
                del(context, added, runtimeConfig, result);
            } catch (LaunchException undo) {
                e.addSuppressed(undo);
            }
            throw e instanceof LaunchException l ? l : new LaunchException("ADD: a plugin's result: " + e.getMessage());
        }
        return result == null ? Map.of() : result;
    }

    /**
     * DEL through {@code types}, all at once: the spec orders them in reverse, for plugins whose
     * state depends on each other's; these (bridge with host-local, portmap, firewall) each remove
     * their own, and a DEL is each plugin's process and its iptables processes, waited for one after
     * the other otherwise. The first failure (in reverse order) is thrown once all have ended.
     */
    void del(CniPlugins.Context context, List<String> types, Map<String, Object> runtimeConfig,
            Map<String, Object> prevResult) throws LaunchException {
        List<Map<String, Object>> reversed = new ArrayList<>(chosen(types));
        java.util.Collections.reverse(reversed);
        List<CompletableFuture<LaunchException>> calls = new ArrayList<>();
        for (Map<String, Object> plugin : reversed) {
            String type = CniDocuments.text(plugin, "type", "");
            String stdin = CniDocuments.line(config(plugin, runtimeConfig, prevResult));
            Supplier<LaunchException> call = () -> {
                try {
                    plugins.call(type, "DEL", context, stdin, narrator);
                    return null;
                } catch (LaunchException e) {
                    return e;
                }
            };
            // The last one on this thread: one thread fewer to start for the usual single plugin.
            calls.add(calls.size() == reversed.size() - 1 ? CompletableFuture.completedFuture(call.get())
                    : CompletableFuture.supplyAsync(call, CniNetwork::runOnThread));
        }
        LaunchException first = null;
        for (CompletableFuture<LaunchException> c : calls) {
            LaunchException failed = c.join();
            first = first == null ? failed : first;
        }
        if (first != null) {
            throw first;
        }
    }

    private static void runOnThread(Runnable r) {
        Thread.ofPlatform().name("cni-del").daemon().start(r);
    }

    /** CHECK through {@code types} in order, against the ADD's final result. */
    void check(CniPlugins.Context context, List<String> types, Map<String, Object> runtimeConfig,
            Map<String, Object> result) throws LaunchException {
        for (Map<String, Object> plugin : chosen(types)) {
            plugins.call(CniDocuments.text(plugin, "type", ""), "CHECK", context,
                    CniDocuments.line(config(plugin, runtimeConfig, result)), narrator);
        }
    }

    private List<Map<String, Object>> chosen(List<String> types) {
        return CniDocuments.array(conflist.get("plugins")).stream().map(CniDocuments::object)
                .filter(p -> types.contains(CniDocuments.text(p, "type", ""))).toList();
    }

    /**
     * A plugin's stdin: its own configuration with the list's {@code name} and {@code cniVersion}, the
     * {@code runtimeConfig} of the capabilities it declares, and the previous result.
     */
    private Map<String, Object> config(Map<String, Object> plugin, Map<String, Object> runtimeConfig,
            Map<String, Object> prevResult) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("cniVersion", conflist.get("cniVersion"));
        config.put("name", conflist.get("name"));
        config.putAll(plugin);
        Map<String, Object> runtime = new LinkedHashMap<>();
        CniDocuments.object(plugin.get("capabilities")).forEach((capability, on) -> {
            if (Boolean.TRUE.equals(on) && runtimeConfig.containsKey(capability)) {
                runtime.put(capability, runtimeConfig.get(capability));
            }
        });
        if (!runtime.isEmpty()) {
            config.put("runtimeConfig", runtime);
        }
        if (prevResult != null) {
            config.put("prevResult", prevResult);
        }
        return config;
    }
}
