package pwausers.deploy;

/** A deploy that cannot go on, with a message for the user that says why and what to do. */
final class DeployException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DeployException(String message) {
        super(message);
    }

    DeployException(String message, Throwable cause) {
        super(message, cause);
    }
}
