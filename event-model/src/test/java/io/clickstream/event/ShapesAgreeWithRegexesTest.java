package io.clickstream.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link Shapes} checks shapes with hand-written scans in the validator's hot path, where regular
 * expressions and {@link Instant#parse} cost too much. These tests hold the scans to those reference
 * checks (the patterns below state each shape as a regular expression): on boundary cases and on many generated strings, valid ones and random mutations of
 * them. The seeds are fixed so a failure is reproducible; the failing input is in the message.
 */
class ShapesAgreeWithRegexesTest {

    private static final Pattern UUID_PATTERN = Pattern.compile(EventValidator.UUID_REGEX);
    private static final Pattern TIMESTAMP_PATTERN = Pattern.compile(EventValidator.TIMESTAMP_REGEX);
    private static final Pattern CURRENCY_PATTERN = Pattern.compile(EventValidator.CURRENCY_REGEX);
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Characters a mutation writes: the grammar's own, their ASCII neighbours, and non-ASCII look-alikes. */
    private static final String MUTATIONS = "0123456789-:.,+Tt Zz/;@[`{afgAFG_\u0661\u0966\uff10\u00e9\n";

    private static final int CASES = 100_000;

    /** The validator's timestamp check before {@link Shapes}: the expression, then {@link Instant#parse}. */
    private static Instant oldTimestamp(String text) {
        if (!TIMESTAMP_PATTERN.matcher(text).matches()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void assertSameTimestamp(String text) {
        assertThat(Shapes.parseTimestamp(text)).as("'%s'", text).isEqualTo(oldTimestamp(text));
    }

    private static void assertSameUuid(String text) {
        assertThat(Shapes.isUuid(text)).as("'%s'", text).isEqualTo(UUID_PATTERN.matcher(text).matches());
    }

    private static void assertSameCurrency(String text) {
        assertThat(Shapes.isCurrencyShape(text)).as("'%s'", text).isEqualTo(CURRENCY_PATTERN.matcher(text).matches());
    }

    private static void assertSamePlainName(String text) {
        assertThat(Shapes.isPlainName(text)).as("'%s'", text).isEqualTo(PLAIN_NAME.matcher(text).matches());
    }

    @Test
    void timestampBoundaries() {
        List<String> cases = new ArrayList<>(List.of(
                "2026-11-25T10:00:00Z", "2026-11-25t10:00:00z", "2026-11-25T10:00:00", "2026-11-25 10:00:00Z",
                "2026-11-25T24:00:00Z", "2026-11-25T23:59:60Z", "2026-11-25T23:60:00Z", "2026-11-25T23:59:59Z",
                "2026-11-25T10:00Z", "2026-11-25T10:00:00.Z", "2026-11-25T10:00:00,5Z", "2026-11-25T10:00:00.5.5Z",
                "2026-02-29T10:00:00Z", "2028-02-29T10:00:00Z", "2000-02-29T10:00:00Z", "2100-02-29T10:00:00Z",
                "2026-02-30T10:00:00Z", "2026-04-31T10:00:00Z", "2026-00-10T10:00:00Z", "2026-13-10T10:00:00Z",
                "2026-11-00T10:00:00Z", "2026-12-31T23:59:59.999999999Z", "0000-01-01T00:00:00Z", "0000-02-29T00:00:00Z",
                "9999-12-31T23:59:59.999999999-18:00", "0000-01-01T00:00:00+18:00", "+2026-11-25T10:00:00Z",
                "20261-11-25T10:00:00Z", "2026-11-25T10:00:00+01:00:00", "2026-11-25T10:00:00+0100", "2026-11-25T10:00:00+01",
                "2026-11-25T10:00:00 Z", "2026-11-25T10:00:00ZZ", "2026-11-25T10:00:00Z\n", " 2026-11-25T10:00:00Z",
                "2026-11-25T10:00:00UTC", "2026-11-25T10:00:00GMT", "2026-11-25T10:00:00[Europe/Paris]", ""));
        for (String offset : List.of("00:00", "00:01", "01:00", "09:59", "10:00", "17:59", "17:60", "18:00", "18:01",
                "18:59", "19:00", "23:00", "99:99", "0:00", "000:00", "1:000")) {
            cases.add("2026-11-25T10:00:00+" + offset);
            cases.add("2026-11-25T10:00:00-" + offset);
            cases.add("2026-11-25T10:00:00.5-" + offset);
        }
        for (int digits = 0; digits <= 12; digits++) {
            String fraction = "123456789012".substring(0, digits);
            cases.add("2026-11-25T10:00:00." + fraction + "Z");
            cases.add("2026-11-25T10:00:00." + fraction + "+05:30");
            cases.add("2026-11-25T10:00:00." + "0".repeat(digits) + "Z");
            cases.add("2026-11-25T10:00:00." + "9".repeat(digits) + "-00:01");
        }
        cases.forEach(ShapesAgreeWithRegexesTest::assertSameTimestamp);
        // The generators below must produce both answers, or they test little.
        assertThat(cases).anyMatch(c -> Shapes.parseTimestamp(c) != null).anyMatch(c -> Shapes.parseTimestamp(c) == null);
    }

    @Test
    void generatedTimestampsAndTheirMutations() {
        Random random = new Random(20261125L);
        int[] accepted = new int[1];
        Consumer<String> check = text -> {
            assertSameTimestamp(text);
            if (Shapes.parseTimestamp(text) != null) {
                accepted[0]++;
            }
        };
        for (int i = 0; i < CASES; i++) {
            String text = randomTimestamp(random);
            check.accept(text);
            check.accept(mutate(text, random, 1 + random.nextInt(3)));
        }
        // Roughly a third of the generated ones are valid; mutants are mostly invalid.
        assertThat(accepted[0]).isBetween(CASES / 10, CASES);
    }

    /** Mostly well-shaped timestamps with fields around their limits, so that valid and invalid both come up. */
    private static String randomTimestamp(Random random) {
        StringBuilder b = new StringBuilder();
        b.append(pad(random.nextInt(5) == 0 ? random.nextInt(10_000) : 1990 + random.nextInt(50), 4)).append('-');
        b.append(pad(random.nextInt(14), 2)).append('-');
        b.append(pad(random.nextInt(33), 2));
        b.append(pick(random, "T", "T", "T", "t", " "));
        b.append(pad(random.nextInt(26), 2)).append(':');
        b.append(pad(random.nextInt(62), 2)).append(':');
        b.append(pad(random.nextInt(62), 2));
        int fractionDigits = random.nextInt(13) - 2; // -2..-1: none
        if (fractionDigits >= 0) {
            b.append('.');
            for (int d = 0; d < fractionDigits; d++) {
                b.append((char) ('0' + random.nextInt(10)));
            }
        }
        switch (random.nextInt(6)) {
            case 0, 1 -> b.append('Z');
            case 2 -> b.append('z');
            default -> b.append(random.nextBoolean() ? '+' : '-')
                    .append(pad(random.nextInt(3) == 0 ? random.nextInt(2) * 18 : random.nextInt(20), 2)).append(':')
                    .append(pad(random.nextInt(3) == 0 ? 0 : random.nextInt(61), 2));
        }
        return b.toString();
    }

    @Test
    void uuidBoundaries() {
        List.of("123e4567-e89b-12d3-a456-426614174000", "123E4567-E89B-12D3-A456-426614174000",
                "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
                "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", "gggggggg-gggg-gggg-gggg-gggggggggggg",
                "123e4567e89b12d3a456426614174000", "{123e4567-e89b-12d3-a456-426614174000}",
                "123e4567-e89b-12d3-a456-42661417400", "123e4567-e89b-12d3-a456-4266141740000",
                "123e4567-e89b-12d3-a4564-26614174000", "123e4567_e89b_12d3_a456_426614174000",
                "123e4567-e89b-12d3-a456-426614174000\n", "", "-".repeat(36), "\u0661".repeat(36))
                .forEach(ShapesAgreeWithRegexesTest::assertSameUuid);
    }

    @Test
    void generatedUuidsAndTheirMutations() {
        Random random = new Random(4_2026_1125L);
        for (int i = 0; i < CASES; i++) {
            String uuid = new UUID(random.nextLong(), random.nextLong()).toString();
            if (random.nextBoolean()) {
                uuid = randomCase(uuid, random);
            }
            assertThat(Shapes.isUuid(uuid)).as(uuid).isTrue();
            assertSameUuid(uuid);
            assertSameUuid(mutate(uuid, random, 1 + random.nextInt(2)));
        }
    }

    @Test
    void currencyShapes() {
        String alphabet = "AZaz@[`{09 \u00c9\u0410";
        List<String> texts = new ArrayList<>(List.of("", "EUR", "USD", "eur", "EURO", "EU", " EUR", "EUR\n"));
        for (char a : alphabet.toCharArray()) {
            texts.add(String.valueOf(a));
            for (char b : alphabet.toCharArray()) {
                texts.add("" + a + b);
                for (char c : alphabet.toCharArray()) {
                    texts.add("" + a + b + c);
                    texts.add("" + a + b + c + 'A');
                }
            }
        }
        for (char a = 'A'; a <= 'Z'; a++) {
            texts.add(a + "BC");
            texts.add("A" + a + "C");
            texts.add("AB" + a);
        }
        texts.forEach(ShapesAgreeWithRegexesTest::assertSameCurrency);
    }

    @Test
    void plainNames() {
        Random random = new Random(7L);
        String alphabet = "aAzZ09_@[`{/:$.' \u00e9-";
        for (int i = 0; i < CASES; i++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(8);
            for (int k = 0; k < length; k++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertSamePlainName(b.toString());
        }
        List.of("", "_", "a", "event_id", "_1", "1a", "a-b", "a b", "a\n").forEach(ShapesAgreeWithRegexesTest::assertSamePlainName);
    }

    /** Replaces, inserts, deletes or swaps characters, or cuts the text short. */
    private static String mutate(String text, Random random, int times) {
        StringBuilder b = new StringBuilder(text);
        for (int t = 0; t < times; t++) {
            int at = b.isEmpty() ? 0 : random.nextInt(b.length());
            char c = MUTATIONS.charAt(random.nextInt(MUTATIONS.length()));
            switch (random.nextInt(5)) {
                case 0 -> {
                    if (!b.isEmpty()) {
                        b.setCharAt(at, c);
                    }
                }
                case 1 -> b.insert(at, c);
                case 2 -> {
                    if (!b.isEmpty()) {
                        b.deleteCharAt(at);
                    }
                }
                case 3 -> {
                    if (b.length() > 1) {
                        int other = random.nextInt(b.length());
                        char swap = b.charAt(at);
                        b.setCharAt(at, b.charAt(other));
                        b.setCharAt(other, swap);
                    }
                }
                default -> b.setLength(at);
            }
        }
        return b.toString();
    }

    private static String randomCase(String text, Random random) {
        StringBuilder b = new StringBuilder(text);
        for (int i = 0; i < b.length(); i++) {
            if (random.nextBoolean()) {
                b.setCharAt(i, Character.toUpperCase(b.charAt(i)));
            }
        }
        return b.toString();
    }

    private static String pad(int value, int width) {
        String digits = Integer.toString(value);
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
