package dev.minidocker.launcher.network;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A container's {@code /etc/hosts} on a bridge network: Docker's localhost lines and {@code --add-host}
 * lines, then a block this package keeps current: the container's own address and host name, and on
 * a user network every other container there by name, alias and short id (nerdctl resolves names the
 * same way, by hosts files, where Docker runs a DNS server). The file is bind-mounted into the
 * container, so it is rewritten in place: a file renamed over it would not be the one mounted.
 */
public final class HostsFile {
    static final String MARK = "# minidocker: this container and the containers of its networks";
    private static final String LOCALHOST = """
            127.0.0.1\tlocalhost
            ::1\tlocalhost ip6-localhost ip6-loopback
            fe00::0\tip6-localnet
            ff00::0\tip6-mcastprefix
            ff02::1\tip6-allnodes
            ff02::2\tip6-allrouters
            """;

    /** One line: an address and the names it answers to. */
    public record Entry(String address, List<String> names) {
        @Override
        public String toString() {
            return address + "\t" + String.join(" ", names);
        }
    }

    private HostsFile() {
    }

    /** What the container starts with: localhost and {@code --add-host} entries. */
    public static String base(List<ExtraHost> extraHosts) {
        StringBuilder hosts = new StringBuilder(LOCALHOST);
        for (ExtraHost h : extraHosts) {
            hosts.append(h.address()).append('\t').append(h.name()).append('\n');
        }
        return hosts.toString();
    }

    /** {@code current} with the block replaced by {@code entries}; everything before it is kept. */
    static String withEntries(String current, List<Entry> entries) {
        int mark = current.indexOf(MARK + "\n");
        StringBuilder hosts = new StringBuilder(mark < 0 ? current : current.substring(0, mark));
        if (!hosts.isEmpty() && hosts.charAt(hosts.length() - 1) != '\n') {
            hosts.append('\n');
        }
        if (!entries.isEmpty()) {
            hosts.append(MARK).append('\n');
            entries.forEach(e -> hosts.append(e).append('\n'));
        }
        return hosts.toString();
    }

    /**
     * Replaces the block of {@code file} in place: the new text is written over the old from the start,
     * then the file cut to its length, so a reader sees one file all along, the same inode the
     * container has mounted. A file that is gone (its container removed meanwhile) is left so.
     */
    static void rewrite(Path file, List<Entry> entries) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        byte[] text = withEntries(Files.readString(file), entries).getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(text);
            while (buffer.hasRemaining()) {
                channel.write(buffer, buffer.position());
            }
            channel.truncate(text.length);
        }
    }
}
