package pwausers.function.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CodePointRangesTest {
    private final CodePointRanges ranges = CodePointRanges.of(0x061C, 0x061C, 0x202A, 0x202E, 0xE0000, 0xE0FFF);

    @Test
    void contains_theFirstAndLastOfEachRange_andNothingBetweenThem() {
        assertThat(ranges.contains(0x061C)).isTrue();
        assertThat(ranges.contains(0x202A)).isTrue();
        assertThat(ranges.contains(0x202E)).isTrue();
        assertThat(ranges.contains(0xE0000)).isTrue();
        assertThat(ranges.contains(0xE0FFF)).isTrue();
        assertThat(ranges.contains(0x061B)).isFalse();
        assertThat(ranges.contains(0x061D)).isFalse();
        assertThat(ranges.contains(0x2029)).isFalse();
        assertThat(ranges.contains(0x202F)).isFalse();
        assertThat(ranges.contains(0xE1000)).isFalse();
        assertThat(ranges.contains(0)).isFalse();
    }

    @Test
    void notation_isUnicodesDataFileNotation() {
        assertThat(ranges.notation()).containsExactly("061C", "202A..202E", "E0000..E0FFF");
    }

    @Test
    void rangesOutOfOrder_overlapping_adjacentOrEmpty_areRefused() {
        assertThatThrownBy(() -> CodePointRanges.of(0x2066)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CodePointRanges.of(0x2069, 0x2066)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CodePointRanges.of(0x2066, 0x2069, 0x202A, 0x202E))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CodePointRanges.of(0x202A, 0x202E, 0x202E, 0x2030))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CodePointRanges.of(0x202A, 0x202E, 0x202F, 0x2030))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CodePointRanges.of(0x10FFFF, 0x110000)).isInstanceOf(IllegalArgumentException.class);
    }
}
