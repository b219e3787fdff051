package pwausers.function.domain;


/**
 * A form submission that passed validation: both names present, not blank, at most
 * {@link Limits#MAX_NAME_LENGTH} characters, no control characters and no broken Unicode.
 * Names are kept exactly as sent (no trimming, no normalisation).
 */
public record NewPwaUser(String firstname, String lastname) {
    /** The form's field names, as the browser app sends them. */
    public static final String FIRSTNAME_FIELD = "fname";
    public static final String LASTNAME_FIELD = "lname";

    public NewPwaUser {
        checkName(FIRSTNAME_FIELD, firstname);
        checkName(LASTNAME_FIELD, lastname);
    }

    private static void checkName(String field, String value) {
        if (value == null) {
            throw new InvalidInputException(field, field + " is required");
        }
        boolean blank = true;
        int length = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                throw new InvalidInputException(field, field + " must be valid Unicode text (it has an unpaired surrogate)");
            }
            if (Character.isISOControl(cp)) {
                throw new InvalidInputException(field, field + " must not contain control characters");
            }
            if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp)) {
                blank = false;
            }
            length++;
            i += Character.charCount(cp);
        }
        if (blank) {
            throw new InvalidInputException(field, field + " must not be blank");
        }
        if (length > Limits.MAX_NAME_LENGTH) {
            throw new InvalidInputException(field,
                    field + " must be at most " + Limits.MAX_NAME_LENGTH + " characters long");
        }
    }
}
