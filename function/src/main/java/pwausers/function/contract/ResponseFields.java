package pwausers.function.contract;

/** The fields of the JSON bodies the API answers with, each named once (constants: inlined, never loaded). */
public final class ResponseFields {
    /** 201: the new entry's id (the workshop's spelling; the table's key attribute is {@code PwaUserID}). */
    public static final String ID = "PwaUserId";
    public static final String FIRSTNAME = "Firstname";
    public static final String LASTNAME = "Lastname";
    /** 200 (GET of an entry): when the entry was stored, ISO-8601 in UTC; absent for entries stored without it. */
    public static final String CREATED_AT = "CreatedAt";
    /** 201: {@link #CREATED_MESSAGE}; 4xx: what is wrong with the request, safe to show. */
    public static final String MESSAGE = "Message";
    /** The {@link #MESSAGE} of a 201: the workshop's words. */
    public static final String CREATED_MESSAGE = "Successfully added user!";
    /** 400: the form field at fault, when there is one. */
    public static final String FIELD = "Field";
    /** 5xx: what failed, in general terms. */
    public static final String ERROR = "Error";
    /** 5xx: the request id, to quote to whoever reads the logs. */
    public static final String REFERENCE = "Reference";

    private ResponseFields() {
    }
}
