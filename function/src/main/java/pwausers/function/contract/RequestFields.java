package pwausers.function.contract;

/** The fields of the JSON body of {@code POST /pwausers}, as the browser app's form sends them. */
public final class RequestFields {
    /** The first name: a string, required ({@link Limits} has the name rules). */
    public static final String FIRSTNAME = "fname";
    /** The last name: a string, required. */
    public static final String LASTNAME = "lname";

    private RequestFields() {
    }
}
