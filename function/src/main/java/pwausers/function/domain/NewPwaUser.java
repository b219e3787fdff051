package pwausers.function.domain;

import pwausers.function.contract.Limits;
import pwausers.function.contract.RequestFields;

/**
 * A form submission that passed validation: two names that each show what they are (see {@link #nameProblem}).
 * Names are kept exactly as sent (no trimming, no normalisation).
 */
public record NewPwaUser(String firstname, String lastname) {
    private static final String TOO_LONG = "must be at most " + Limits.MAX_NAME_LENGTH + " characters long";
    /** Letters, numbers, punctuation and symbols: the general categories L, N, P and S. */
    private static final int VISIBLE_TYPES = 1 << Character.UPPERCASE_LETTER | 1 << Character.LOWERCASE_LETTER
            | 1 << Character.TITLECASE_LETTER | 1 << Character.MODIFIER_LETTER | 1 << Character.OTHER_LETTER
            | 1 << Character.DECIMAL_DIGIT_NUMBER | 1 << Character.LETTER_NUMBER | 1 << Character.OTHER_NUMBER
            | 1 << Character.CONNECTOR_PUNCTUATION | 1 << Character.DASH_PUNCTUATION
            | 1 << Character.START_PUNCTUATION | 1 << Character.END_PUNCTUATION
            | 1 << Character.INITIAL_QUOTE_PUNCTUATION | 1 << Character.FINAL_QUOTE_PUNCTUATION
            | 1 << Character.OTHER_PUNCTUATION | 1 << Character.MATH_SYMBOL | 1 << Character.CURRENCY_SYMBOL
            | 1 << Character.MODIFIER_SYMBOL | 1 << Character.OTHER_SYMBOL;
    /** Separators: the general category Z (spaces, line and paragraph separators). */
    private static final int SPACE_TYPES = 1 << Character.SPACE_SEPARATOR | 1 << Character.LINE_SEPARATOR
            | 1 << Character.PARAGRAPH_SEPARATOR;

    public NewPwaUser {
        refuseBadName(RequestFields.FIRSTNAME, firstname);
        refuseBadName(RequestFields.LASTNAME, lastname);
    }

    private static void refuseBadName(String field, String value) {
        String problem = nameProblem(value);
        if (problem != null) {
            throw new InvalidInputException(field, field + " " + problem);
        }
    }

    /**
     * What is wrong with a name, as the end of a sentence that starts with the field's name, or null when nothing is.
     * The rules, in the order they are told (the first one broken is the answer):
     * <ol>
     * <li>missing or empty: "is required";
     * <li>an unpaired surrogate (not Unicode text);
     * <li>a control character (general category Cc: U+0000 to U+001F, U+007F to U+009F);
     * <li>a line or paragraph separator (U+2028, U+2029: categories Zl and Zp): they break a line as a line feed does;
     * <li>a noncharacter (U+FDD0 to U+FDEF, and the last two code points of every plane: U+FFFE, U+FFFF, U+1FFFE ...
     * U+10FFFF): Unicode keeps them for a program's own use, never for text that is exchanged;
     * <li>a bidirectional control character ({@link Limits#NAME_BIDI_CONTROLS});
     * <li>nothing but separators (category Z): "must not be blank";
     * <li>no visible character: none of category L, N, P or S outside {@link Limits#NAME_INVISIBLE} (a zero-width
     * space, a Hangul filler, a lone combining mark, the braille blank show nothing);
     * <li>more than {@link Limits#MAX_NAME_LENGTH} code points ({@code 李} and {@code 😀} count one each).
     * </ol>
     * The web app checks the same rules with the same data (web/limits.json) and the same words (web/names.mjs);
     * function/src/test/resources/name-cases.json holds the cases that both sides are tested on.
     */
    public static String nameProblem(String value) {
        if (value == null || value.isEmpty()) {
            return "is required";
        }
        boolean unpairedSurrogate = false;
        boolean control = false;
        boolean lineBreak = false;
        boolean noncharacter = false;
        boolean bidiControl = false;
        boolean onlySpaces = true;
        boolean visible = false;
        int length = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            unpairedSurrogate |= type == Character.SURROGATE;
            control |= type == Character.CONTROL;
            lineBreak |= type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
            noncharacter |= cp >= 0xFDD0 && cp <= 0xFDEF || (cp & 0xFFFE) == 0xFFFE;
            bidiControl |= Limits.NAME_BIDI_CONTROLS.contains(cp);
            onlySpaces &= (SPACE_TYPES >> type & 1) != 0;
            visible |= (VISIBLE_TYPES >> type & 1) != 0 && !Limits.NAME_INVISIBLE.contains(cp);
            length++;
        }
        if (unpairedSurrogate) {
            return "must be valid Unicode text (it has an unpaired surrogate)";
        } else if (control) {
            return "must not contain control characters";
        } else if (lineBreak) {
            return "must not contain line or paragraph separators";
        } else if (noncharacter) {
            return "must not contain Unicode noncharacters";
        } else if (bidiControl) {
            return "must not contain bidirectional control characters";
        } else if (onlySpaces) {
            return "must not be blank";
        } else if (!visible) {
            return "must contain a visible letter, digit or symbol";
        } else if (length > Limits.MAX_NAME_LENGTH) {
            return TOO_LONG;
        }
        return null;
    }
}
