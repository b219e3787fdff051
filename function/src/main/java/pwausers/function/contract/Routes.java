package pwausers.function.contract;

/** The function's entry and its routes, as template.yaml writes them. */
public final class Routes {
    /** The handler Lambda calls ({@code Handler} in template.yaml). */
    public static final String HANDLER = "pwausers.function.AddPwaUserHandler::handleRequest";
    /** {@code POST}: a new entry (201 with it). */
    public static final String RESOURCE_PATH = "/pwausers";
    /** {@code GET} (200 with the entry) and {@code DELETE} (204) of one entry by its id. */
    public static final String ENTRY_PATH = RESOURCE_PATH + "/{id}";

    private Routes() {
    }
}
