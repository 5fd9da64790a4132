package dev.minidocker.launcher.network;

import static java.util.Objects.requireNonNullElse;

import dev.minidocker.launcher.LaunchException;
import dev.minidocker.spec.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code networks/daemon.json}, optional, with two of Docker's daemon.json keys: {@code bip}, the
 * default bridge's gateway address and subnet ({@code "10.99.0.1/24"}), and {@code default-address-pools}
 * ({@code [{"base": "10.10.0.0/16", "size": 24}]}), where networks without {@code --subnet} get theirs.
 *
 * @param bip the default bridge's gateway as {@code ADDRESS/PREFIX}, or null for a subnet from the pools
 */
record DaemonSettings(String bip, AddressPools pools) {
    static final String FILE = "daemon.json";

    static DaemonSettings read(Path dir) throws LaunchException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return new DaemonSettings(null, AddressPools.docker());
        }
        try {
            JsonObject json = JsonObject.parse(Files.readAllBytes(file));
            String bip = json.string("bip");
            if (bip != null) {
                Subnet.parse(bip);
            }
            List<AddressPools.Pool> pools = new ArrayList<>();
            List<JsonObject> given = json.objects("default-address-pools", pool -> pool);
            for (JsonObject pool : given == null ? List.<JsonObject>of() : given) {
                pools.add(new AddressPools.Pool(Subnet.parse(requireNonNullElse(pool.string("base"), "")),
                        pool.has("size") ? pool.integer("size") : 24));
            }
            return new DaemonSettings(bip, pools.isEmpty() ? AddressPools.docker() : new AddressPools(List.copyOf(pools)));
        } catch (IOException | RuntimeException | LaunchException e) {
            throw new LaunchException("read " + file + ": " + e.getMessage(), e);
        }
    }
}
