package pwausers.local.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** A process's TCP connections, from /proc: its sockets (its file descriptors) in the kernel's tables. */
public final class Sockets {
    private Sockets() {
    }

    /** The connections of the process to a port on this machine (remote), established. */
    public static int establishedTo(long pid, int port) {
        return established(pid, port, 2);
    }

    /** The connections the process has accepted on its port (local), established. */
    public static int establishedOn(long pid, int port) {
        return established(pid, port, 1);
    }

    /** @param column 1: the local address, 2: the remote one */
    private static int established(long pid, int port, int column) {
        Set<String> sockets = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        sockets.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // not a socket any more
                }
            }
            int count = 0;
            for (String table : List.of("tcp", "tcp6")) {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", table))) {
                    String[] fields = line.strip().split("\\s+");
                    if (fields.length > 9 && fields[3].equals("01") // ESTABLISHED
                            && fields[column].endsWith(String.format(":%04X", port)) && sockets.contains(fields[9])) {
                        count++;
                    }
                }
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sockets of process " + pid, e);
        }
    }
}
