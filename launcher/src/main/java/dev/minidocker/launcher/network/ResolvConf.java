package dev.minidocker.launcher.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's {@code /etc/resolv.conf} as Docker writes it for a bridge network: the host's, less the
 * nameservers a container cannot reach (loopback ones: the container has its own loopback; IPv6 ones:
 * these networks are IPv4), Google's two when none is left; {@code --dns}, {@code --dns-search} and
 * {@code --dns-option} replace the host's nameservers, search domains and options.
 */
public final class ResolvConf {
    static final List<String> FALLBACK = List.of("8.8.8.8", "8.8.4.4");
    private static final Path HOST = Path.of("/etc/resolv.conf");
    /** systemd-resolved's list of the real upstream servers, behind its 127.0.0.53 stub. */
    private static final Path RESOLVED = Path.of("/run/systemd/resolve/resolv.conf");

    private ResolvConf() {
    }

    /** The host's resolv.conf: systemd-resolved's upstream list when the usual file names only its stub. */
    public static String readHost() throws IOException {
        String text = Files.exists(HOST) ? Files.readString(HOST) : "";
        List<String> servers = values(text, "nameserver");
        if (!servers.isEmpty() && servers.stream().allMatch("127.0.0.53"::equals) && Files.isReadable(RESOLVED)) {
            return Files.readString(RESOLVED);
        }
        return text;
    }

    /** The container's file from the host's text and the options (empty lists: the host's). */
    public static String content(String host, List<String> dns, List<String> dnsSearch, List<String> dnsOptions) {
        List<String> servers = dns.isEmpty()
                ? values(host, "nameserver").stream().filter(ResolvConf::reachable).toList() : dns;
        List<String> search = dnsSearch.isEmpty() ? hostSearch(host)
                : dnsSearch.stream().filter(d -> !d.equals(".")).toList();
        List<String> options = dnsOptions.isEmpty() ? values(host, "options") : dnsOptions;
        StringBuilder out = new StringBuilder();
        for (String s : servers.isEmpty() ? FALLBACK : servers) {
            out.append("nameserver ").append(s).append('\n');
        }
        if (!search.isEmpty()) {
            out.append("search ").append(String.join(" ", search)).append('\n');
        }
        if (!options.isEmpty()) {
            out.append("options ").append(String.join(" ", options)).append('\n');
        }
        return out.toString();
    }

    private static boolean reachable(String server) {
        return Subnet.isAddress(server) && !server.startsWith("127.");
    }

    /** The last search line's domains, or the domain line's, as the resolver reads them. */
    private static List<String> hostSearch(String host) {
        List<String> search = new ArrayList<>();
        for (String line : host.lines().toList()) {
            String[] words = line.trim().split("\\s+");
            if (words[0].equals("search") || words[0].equals("domain")) {
                search = List.of(words).subList(1, words.length);
            }
        }
        return search;
    }

    /** Every word after {@code keyword} on its lines, comments left out. */
    private static List<String> values(String text, String keyword) {
        List<String> values = new ArrayList<>();
        for (String line : text.lines().toList()) {
            String[] words = line.replaceFirst("[#;].*", "").trim().split("\\s+");
            if (words[0].equals(keyword)) {
                values.addAll(List.of(words).subList(1, words.length));
            }
        }
        return values;
    }
}
