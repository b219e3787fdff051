package pwausers.function.contract;

/**
 * The limits a client of the API meets, each in one place: the function enforces them, web/limits.json repeats the
 * name rules for the web app (WebAppLimitsTest keeps the two equal), README and template.yaml refer here.
 */
public final class Limits {
    /** Longest first or last name, in Unicode characters (code points), so that {@code 李} counts as one. */
    public static final int MAX_NAME_LENGTH = 100;
    /**
     * Bidirectional control characters, refused anywhere in a name: they change the order in which the text beside
     * them is shown ({@code gnp<U+202E>.exe} shows as {@code exe.png}). The embeddings and overrides, the isolates,
     * and the marks: a mark (LRM, RLM, ALM) reorders the digits and punctuation beside it too ({@code 1-2} between two
     * RLMs shows as {@code 2-1}), and no name needs one, because the bidirectional algorithm orders a name's letters
     * by their own direction; the web app shows each name isolated from the text around it.
     */
    public static final CodePointRanges NAME_BIDI_CONTROLS = CodePointRanges.of(
            0x061C, 0x061C,  // ALM, ARABIC LETTER MARK
            0x200E, 0x200F,  // LRM, RLM
            0x202A, 0x202E,  // LRE, RLE, PDF, LRO, RLO: embeddings and overrides
            0x2066, 0x2069); // LRI, RLI, FSI, PDI: isolates
    /**
     * Code points that never count as the visible character a name must have, whatever their general category:
     * Unicode's Default_Ignorable_Code_Point set (soft hyphen, zero-width spaces and joiners, the Hangul fillers,
     * variation selectors, tags, ...; DerivedCoreProperties.txt) and the braille pattern blank. Beside a visible
     * character they are allowed: a joiner in an emoji or a Persian name, a variation selector in a Japanese one.
     */
    public static final CodePointRanges NAME_INVISIBLE = CodePointRanges.of(
            0x00AD, 0x00AD, 0x034F, 0x034F, 0x061C, 0x061C,  // soft hyphen, grapheme joiner, ALM
            0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B, 0x180F,  // Hangul fillers, Khmer inherent vowels, Mongolian
            0x200B, 0x200F, 0x202A, 0x202E, 0x2060, 0x206F,  // zero-width, bidi and invisible format characters
            0x2800, 0x2800, 0x3164, 0x3164,                  // braille pattern blank, Hangul filler
            0xFE00, 0xFE0F, 0xFEFF, 0xFEFF, 0xFFA0, 0xFFA0,  // variation selectors, BOM, halfwidth Hangul filler
            0xFFF0, 0xFFF8, 0x1BCA0, 0x1BCA3, 0x1D173, 0x1D17A,  // reserved, shorthand and musical format controls
            0xE0000, 0xE0FFF);                               // tags and variation selectors supplement

    /** Largest request body accepted, in bytes (after base64 decoding); larger ones get 413. */
    public static final int MAX_BODY_BYTES = 16 * 1024;
    /**
     * Deepest nesting of arrays and objects in a JSON document the function reads, a request body or an event: the
     * body's own object counts one. A submission needs one; deeper bodies get 400 naming this limit.
     */
    public static final int MAX_JSON_DEPTH = 32;
    /** Longest number in a JSON document the function reads, in characters; longer ones get 400 naming this limit. */
    public static final int MAX_JSON_NUMBER_LENGTH = 100;
    /** Longest Idempotency-Key, in characters (printable ASCII only; {@link IdempotencyKeys}). */
    public static final int IDEMPOTENCY_KEY_MAX_LENGTH = 255;
    /** How long a completed request's key is remembered: a retry within it gets the first answer again. */
    public static final int IDEMPOTENCY_TTL_HOURS = 24;
    /**
     * How long a key stays claimed by a request in flight (others get 409 meanwhile). Longer than the function's
     * 10 s timeout, so that when it expires the first request has surely ended, and a retry may take over.
     */
    public static final int IDEMPOTENCY_LOCK_SECONDS = 15;
    /** Seconds a client is told to wait (Retry-After) when the store is busy or out of reach (503). */
    public static final int RETRY_AFTER_SECONDS = 1;
    /** The longest one DynamoDB call may take, retries included, before the request answers 503. */
    public static final int STORE_CALL_TIMEOUT_SECONDS = 5;

    private Limits() {
    }
}
