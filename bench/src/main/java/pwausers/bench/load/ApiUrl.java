package pwausers.bench.load;

import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import pwausers.function.contract.Routes;

/**
 * Where a deployment of this API answers: its base URL as the user gives it, with or without the resource path
 * ({@code http://localhost:3000}, the stack's {@code ApiUrl} output {@code https://ID.execute-api.REGION.amazonaws.com/prod/pwausers},
 * or the web app's CloudFront URL), and the URLs of the routes under it.
 */
public record ApiUrl(URI base) {
    /**
     * @throws IllegalArgumentException for a URL that is not http or https with a host, or that has a query or a
     *                                  fragment
     */
    public static ApiUrl parse(String text) {
        URI uri;
        try {
            uri = URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL: " + text, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("an http or https URL with a host is needed, not " + text);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("the API's base URL takes no query or fragment: " + text);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        path = path.replaceAll("/+$", "");
        if (path.endsWith(Routes.RESOURCE_PATH)) {
            path = path.substring(0, path.length() - Routes.RESOURCE_PATH.length());
        }
        return new ApiUrl(URI.create(scheme + "://" + uri.getRawAuthority() + path));
    }

    /** {@code POST} here: a new entry. */
    public URI submissions() {
        return URI.create(base + Routes.RESOURCE_PATH);
    }

    /** {@code GET} or {@code DELETE} here: one entry. */
    public URI entry(String id) {
        return URI.create(submissions() + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
    }

    /** Whether the host is this machine (a local stack: AWS charges nothing). */
    public boolean loopback() {
        try {
            return InetAddress.getByName(base.getHost()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Whether the host is a CloudFront distribution's own name (the web app's URL): CloudFront's charges apply. */
    public boolean cloudFront() {
        return base.getHost().toLowerCase(Locale.ROOT).endsWith(".cloudfront.net");
    }

    @Override
    public String toString() {
        return base.toString();
    }
}
