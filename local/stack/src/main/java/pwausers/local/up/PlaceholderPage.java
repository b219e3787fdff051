package pwausers.local.up;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Served at / when there is no web/ folder: says where the API is. */
final class PlaceholderPage extends Handler.Abstract {
    private static final byte[] PAGE = """
            <!doctype html><html lang="en"><meta charset="utf-8"><title>pwa-users</title>
            <h1>pwa-users is up</h1>
            <p>The web app goes here (folder <code>web/</code>). The API: <code>POST /pwausers</code> with
            <code>{"fname": "...", "lname": "..."}</code>.</p></html>
            """.getBytes(StandardCharsets.UTF_8);

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!Request.getPathInContext(request).equals("/") || !request.getMethod().equals("GET")) {
            return false;
        }
        response.getHeaders().put("Content-Type", "text/html;charset=utf-8");
        response.write(true, ByteBuffer.wrap(PAGE), callback);
        return true;
    }
}
