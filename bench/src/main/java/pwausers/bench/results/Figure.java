package pwausers.bench.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * A measured quantity in its unit, printed the one way the bench prints it.
 *
 * @param value the amount, never NaN (a figure not measured is no figure: null where it stands)
 * @param unit  what it counts
 */
public record Figure(double value, Unit unit) {
    /** The units of the bench's figures, each with the way it is printed. */
    public enum Unit {
        MILLISECONDS("ms", "%.0f ms"),
        BILLED_MILLISECONDS("ms billed", "%.1f ms billed"),
        MICROSECONDS("us", "%,.0f us"),
        MIB("MiB", "%.1f MiB"),
        MB("MB", "%.2f MB"),
        PER_SECOND("/s", "%,.0f/s"),
        PERCENT("%", "%.0f %%"),
        TIMES("x", "%.2fx"),
        ENTRIES("entries", "%,.0f entries"),
        BYTES("bytes", "%,.0f bytes"),
        WRITE_UNITS("WRU", "%.1f WRU"),
        READ_UNITS("RRU", "%.1f RRU");

        private final String symbol;
        private final String format;

        Unit(String symbol, String format) {
            this.symbol = symbol;
            this.format = format;
        }

        @JsonValue
        public String symbol() {
            return symbol;
        }

        @JsonCreator
        public static Unit of(String symbol) {
            return Arrays.stream(values()).filter(u -> u.symbol.equals(symbol)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no unit " + symbol));
        }
    }

    public Figure {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("not a figure: " + value + " " + unit.symbol());
        }
    }

    /** The figure, or null when nothing was measured (NaN): a table shows "n/a". */
    public static Figure of(double value, Unit unit) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : new Figure(value, unit);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, unit.format, value);
    }
}
