package dev.minidocker.puller.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanSizeTest {
    @ParameterizedTest
    @CsvSource({
        "0,                 0B",
        "1,                 1B",
        "999,               999B",
        "1000,              1kB",
        "1500,              1.5kB",
        "128000,            128kB",
        "4260000,           4.26MB",
        "4264999,           4.26MB",
        "12345678,          12.3MB",
        "1000000000,        1GB",
        "1240000000000,     1.24TB",
        "2000000000000000,  2PB",
        "1125,              1.12kB",
        "1135,              1.14kB",
    })
    void threeSignificantDigitsInDecimalUnits(long bytes, String shown) {
        assertEquals(shown, HumanSize.format(bytes));
    }

    @ParameterizedTest
    @CsvSource({
        "0,                 0B",
        "999,               999B",
        "71020,             71.02kB",
        "4264999,           4.265MB",
        "1579000000,        1.579GB",
        "3464123456,        3.464GB",
        "1000000000,        1GB",
        "10625,             10.62kB",
    })
    void fourSignificantDigitsAsGoUnitsHumanSize(long bytes, String shown) {
        assertEquals(shown, HumanSize.format(bytes, 4));
    }

    @Test
    void significantDigitsAreThoseOfTheDoublesExactValue() {
        // Every value a size can take, against BigDecimal's exact rounding.
        java.util.Random random = new java.util.Random(14);
        for (int i = 0; i < 200_000; i++) {
            double value = i < 1000 ? i / 8.0 + 1 : 1 + random.nextDouble() * (i % 2 == 0 ? 999 : 9);
            for (int digits = 3; digits <= 4; digits++) {
                String exact = new java.math.BigDecimal(value)
                        .round(new java.math.MathContext(digits, java.math.RoundingMode.HALF_EVEN))
                        .stripTrailingZeros().toPlainString();
                assertEquals(exact, HumanSize.significant(value, digits), value + " to " + digits);
            }
        }
        assertEquals("9220", HumanSize.significant(9223.372, 3));
        assertEquals("1000", HumanSize.significant(999.5, 3));
        assertEquals("10", HumanSize.significant(9.9996, 4));
    }

    @Test
    void binarySizesHaveFourDigitsAsGoUnitsBytesSize() {
        assertEquals("0B", HumanSize.binary(0));
        assertEquals("140KiB", HumanSize.binary(140 * 1024));
        assertEquals("1.434MiB", HumanSize.binary(1_503_657));
        assertEquals("64MiB", HumanSize.binary(64L << 20));
    }

    @Test
    void progressShowsTheTotalWhenKnown() {
        assertEquals("1MB/4.26MB", HumanSize.progress(1_000_000, 4_260_000));
        assertEquals("532kB", HumanSize.progress(532_000, 0));
        assertEquals("532kB", HumanSize.progress(532_000, -1));
    }

    @Test
    void percentIsPaddedToThreeDigits() {
        assertEquals(" 50%", HumanSize.percent(1, 2));
        assertEquals("100%", HumanSize.percent(7, 7));
        assertEquals("", HumanSize.percent(7, 0));
    }
}
