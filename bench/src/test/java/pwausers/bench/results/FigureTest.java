package pwausers.bench.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import pwausers.bench.results.Figure.Unit;

/** Each unit printed the one way the bench prints it; a figure never NaN. */
class FigureTest {
    @Test
    void eachUnit_hasItsFormat() {
        assertThat(new Figure(754.4, Unit.MILLISECONDS)).hasToString("754 ms");
        assertThat(new Figure(1346.2, Unit.MICROSECONDS)).hasToString("1,346 us");
        assertThat(new Figure(63.14, Unit.MIB)).hasToString("63.1 MiB");
        assertThat(new Figure(9.681, Unit.MB)).hasToString("9.68 MB");
        assertThat(new Figure(3566.4, Unit.PER_SECOND)).hasToString("3,566/s");
        assertThat(new Figure(44.2, Unit.PERCENT)).hasToString("44 %");
        assertThat(new Figure(4.036, Unit.TIMES)).hasToString("4.04x");
        assertThat(new Figure(3455, Unit.ENTRIES)).hasToString("3,455 entries");
        assertThat(new Figure(1.0, Unit.WRITE_UNITS)).hasToString("1.0 WRU");
    }

    @Test
    void whatWasNotMeasured_isNoFigure() {
        assertThat(Figure.of(Double.NaN, Unit.MILLISECONDS)).isNull();
        assertThat(Figure.of(1.0 / 0, Unit.TIMES)).isNull();
        assertThatThrownBy(() -> new Figure(Double.NaN, Unit.MIB)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unitsAreWrittenByTheirSymbols() {
        assertThat(Unit.MICROSECONDS.symbol()).isEqualTo("us");
        assertThat(Unit.of("/s")).isEqualTo(Unit.PER_SECOND);
    }
}
