package pwausers.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The web app's files as the bucket serves them: which files of web/ are published, under which key, with which
 * Content-Type and Cache-Control.
 *
 * <p>Caching suits a PWA whose file names carry no version: the service worker, the manifest, the page and the
 * JavaScript modules are revalidated on every load ({@code no-cache}: a cheap 304 when unchanged), so a deploy shows
 * at the next load, and a page never links modules of two versions (one importing a name the other no longer
 * exports fails to load); the rest (styles, limits, icons) is cached for an hour. CloudFront caches each at the edge
 * as its Cache-Control says, and a deploy invalidates what it changed.
 */
public final class WebFiles {

    /** Revalidated on every load. */
    public static final String REVALIDATE = "no-cache";
    /** Cached by browsers for an hour. */
    public static final String CACHED = "public, max-age=3600";

    private static final Set<String> REVALIDATED = Set.of("index.html", "sw.js", "manifest.webmanifest");
    /** Every module is revalidated: the page's modules import each other. */
    private static final String MODULE_EXTENSION = "mjs";
    /** Files of web/ that are not part of the app: its notes, its tools and its unit tests. */
    private static final Set<String> NOT_PUBLISHED = Set.of("README.md", "tools", "test");
    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry(MODULE_EXTENSION, "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("png", "image/png"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    /** One file to publish: its key in the bucket (a path relative to web/, with /), its headers. */
    public record WebFile(Path path, String key, String contentType, String cacheControl) {
    }

    private WebFiles() {
    }

    /**
     * The files of that web/ folder to publish, sorted by key.
     *
     * @throws IllegalStateException for a file whose content type is not known (rather than serve it wrong)
     */
    public static List<WebFile> in(Path webDir) {
        if (!Files.isRegularFile(webDir.resolve("index.html"))) {
            throw new IllegalStateException(webDir + " has no index.html: is it the web app's folder?");
        }
        try (Stream<Path> files = Files.walk(webDir)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> published(webDir.relativize(file)))
                    .map(file -> of(webDir, file))
                    .sorted(java.util.Comparator.comparing(WebFile::key))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + webDir, e);
        }
    }

    private static boolean published(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return false;
            }
        }
        return !NOT_PUBLISHED.contains(relative.getName(0).toString());
    }

    private static WebFile of(Path webDir, Path file) {
        String key = webDir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        String name = file.getFileName().toString();
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        String contentType = CONTENT_TYPES.get(extension);
        if (contentType == null) {
            throw new IllegalStateException("web/" + key + ": no content type is known for ." + extension
                    + " files; add it to " + WebFiles.class.getName() + " (or keep the file out of web/)");
        }
        boolean revalidated = REVALIDATED.contains(key) || extension.equals(MODULE_EXTENSION);
        return new WebFile(file, key, contentType, revalidated ? REVALIDATE : CACHED);
    }
}
