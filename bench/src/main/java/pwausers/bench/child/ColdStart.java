package pwausers.bench.child;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One cold start, as Lambda does it: make the handler (its constructor builds the DynamoDB client), hand it the
 * event once, print the answer and this process's peak RSS, exit 0 on 201. The bench times the whole process.
 *
 * <p>Arguments: HANDLER_CLASS EVENT_FILE.
 */
public final class ColdStart {
    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        RequestStreamHandler handler = ChildSupport.newHandler(args[0]);
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), answer, new BenchContext("cold-start", System.out));
        int status = ChildSupport.statusCode(answer.toByteArray());
        System.out.println(answer.toString(java.nio.charset.StandardCharsets.UTF_8));
        System.out.println("bench-child status=" + status + " peak_rss_kib=" + ChildSupport.peakRssKib());
        System.out.flush();
        System.exit(status == 201 ? 0 : 1);
    }
}
