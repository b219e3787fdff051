package pwausers.bench.child;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the child processes share: making the handler as Lambda does, reading a result, peak RSS. */
final class ChildSupport {
    private ChildSupport() {
    }

    /** The handler as the Lambda Java runtime makes it: the class by name, its public no-argument constructor. */
    static RequestStreamHandler newHandler(String className) throws ReflectiveOperationException {
        return (RequestStreamHandler) Class.forName(className).getConstructor().newInstance();
    }

    /** The statusCode of a handler's answer, read without a JSON library: the answer starts with it. */
    static int statusCode(byte[] answer) {
        String text = new String(answer, StandardCharsets.UTF_8);
        int at = text.indexOf("\"statusCode\":");
        if (at < 0) {
            return -1;
        }
        int i = at + "\"statusCode\":".length();
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        int status = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            status = status * 10 + (text.charAt(i++) - '0');
        }
        return status;
    }

    /** This process's peak resident set (VmHWM) in KiB, or -1 where /proc is not there. */
    static long peakRssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no figure
        }
        return -1;
    }
}
