package pwausers.bench.load;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** The harness sends load and faults to this machine's loopback interface only. */
final class Loopback {
    private Loopback() {
    }

    static void require(URI target) {
        try {
            if (!InetAddress.getByName(target.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException("the load harness only targets loopback, not " + target);
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host in " + target, e);
        }
    }
}
