package pwausers.function.contract;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of Unicode code points given as ranges, first to last inclusive, in ascending order. Written the way
 * Unicode's data files write them ({@code 202A..202E}, or {@code 061C} for one), which is also how web/limits.json
 * writes them for the web app.
 */
public final class CodePointRanges {
    private final int[] firsts;
    private final int[] lasts;

    private CodePointRanges(int[] firsts, int[] lasts) {
        this.firsts = firsts;
        this.lasts = lasts;
    }

    /**
     * The ranges {@code first, last, first, last, ...}: each first at most its last, each range above the one before.
     *
     * @throws IllegalArgumentException for an odd count, a range out of order or beyond U+10FFFF
     */
    public static CodePointRanges of(int... firstLastPairs) {
        if (firstLastPairs.length % 2 != 0) {
            throw new IllegalArgumentException("Code point ranges come in first, last pairs");
        }
        int count = firstLastPairs.length / 2;
        int[] firsts = new int[count];
        int[] lasts = new int[count];
        for (int i = 0; i < count; i++) {
            firsts[i] = firstLastPairs[2 * i];
            lasts[i] = firstLastPairs[2 * i + 1];
            if (firsts[i] < 0 || firsts[i] > lasts[i] || lasts[i] > Character.MAX_CODE_POINT
                    || (i > 0 && firsts[i] <= lasts[i - 1] + 1)) {
                throw new IllegalArgumentException("Code point range " + notation(firsts[i], lasts[i])
                        + " is empty, beyond U+10FFFF, or not above the range before it with a gap");
            }
        }
        return new CodePointRanges(firsts, lasts);
    }

    public boolean contains(int codePoint) {
        int low = 0;
        int high = firsts.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (codePoint < firsts[middle]) {
                high = middle - 1;
            } else if (codePoint > lasts[middle]) {
                low = middle + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** The ranges as Unicode's data files write them: {@code ["061C", "200E..200F"]}. */
    public List<String> notation() {
        List<String> ranges = new ArrayList<>(firsts.length);
        for (int i = 0; i < firsts.length; i++) {
            ranges.add(notation(firsts[i], lasts[i]));
        }
        return List.copyOf(ranges);
    }

    private static String notation(int first, int last) {
        return first == last ? String.format("%04X", first) : String.format("%04X..%04X", first, last);
    }

    @Override
    public String toString() {
        return String.join(" ", notation());
    }
}
