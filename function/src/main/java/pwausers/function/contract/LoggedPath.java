package pwausers.function.contract;

/**
 * A request's path as a log line may show it (the function's request log, the local gateway's access log): an id is
 * a capability (whoever has it may read and delete the entry), so only its first characters are kept.
 */
public final class LoggedPath {
    /** Characters of an id that a log line keeps: enough to tell entries apart, far too few to use one. */
    public static final int ID_PREFIX_CHARS = 6;
    private static final int MAX_PATH_CHARS = 200;
    /** A path segment at least this long, with no dot, may be an id (they have 22 characters; file names a dot). */
    private static final int ID_LIKE_CHARS = 16;

    private LoggedPath() {
    }

    /**
     * Every segment that may be an id ({@value #ID_LIKE_CHARS} characters or more, no dot) cut to its first
     * {@value #ID_PREFIX_CHARS} and {@code ...}, then at most 200 characters in all.
     */
    public static String of(String path) {
        StringBuilder logged = new StringBuilder(Math.min(path.length(), MAX_PATH_CHARS + 3));
        int start = 0;
        while (start <= path.length() && logged.length() < MAX_PATH_CHARS) {
            int end = path.indexOf('/', start);
            end = end < 0 ? path.length() : end;
            String segment = path.substring(start, end);
            boolean idLike = segment.length() >= ID_LIKE_CHARS && segment.indexOf('.') < 0;
            logged.append(idLike ? segment.substring(0, ID_PREFIX_CHARS) + "..." : segment);
            if (end < path.length()) {
                logged.append('/');
            }
            start = end + 1;
        }
        return logged.length() > MAX_PATH_CHARS ? logged.substring(0, MAX_PATH_CHARS) : logged.toString();
    }
}
