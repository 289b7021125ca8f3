package io.clickstream.event;

import static io.clickstream.event.Events.VALIDATOR;
import static io.clickstream.event.Events.with;
import static io.clickstream.event.Events.withText;
import static io.clickstream.event.Events.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventValidatorTest {

    /** Asserts that the event breaks exactly one rule, at the given path, and returns it. */
    private static Violation onlyViolation(JsonNode event, String path, String rule) {
        List<Violation> violations = VALIDATOR.validate(event);
        assertThat(violations).as("violations of %s", event)
                .extracting(Violation::path, Violation::rule).containsExactly(tuple(path, rule));
        return violations.get(0);
    }

    private static void assertValid(JsonNode event) {
        assertThat(VALIDATOR.validate(event)).as("violations of %s", event).isEmpty();
    }

    @Nested
    class ValidEvents {
        @Test
        void fullEventsOfEveryTypePass() {
            for (ObjectNode e : List.of(Events.pageView(), Events.click(), Events.addToCart(), Events.purchase())) {
                assertValid(e);
                assertThat(VALIDATOR.validateEnriched(e)).isEmpty();
            }
        }

        @ParameterizedTest
        @EnumSource(EventType.class)
        void minimalEventsOfEveryTypePass(EventType type) {
            assertValid(Events.minimal(type));
        }

        @Test
        void optionalFieldsSentAsNullCountAsAbsent() {
            ObjectNode e = Events.click();
            for (String field : List.of("sent_at", "anonymous_id", "page", "product", "order", "context")) {
                e.putNull(field);
            }
            with(e, "page", "{\"url\":null,\"path\":null,\"referrer\":null,\"title\":null}");
            assertValid(e);
        }

        @Test
        void perTypeObjectsMayAppearOnOtherTypes() {
            // A click on a product tile may carry the product; only the requirement is per type.
            ObjectNode e = Events.click();
            e.set("product", Events.addToCart().get("product"));
            e.set("order", Events.purchase().get("order"));
            with(e, "page", "{\"title\":\"no url needed for a click\"}");
            assertValid(e);
        }
    }

    @Nested
    class Shape {
        static Stream<JsonNode> notObjects() {
            return Stream.of(Events.json("[]"), Events.json("\"event\""), Events.json("42"), Events.json("null"),
                    MissingNode.getInstance());
        }

        @ParameterizedTest
        @MethodSource("notObjects")
        void anEventMustBeAnObject(JsonNode notAnObject) {
            Violation v = onlyViolation(notAnObject, "$", "type");
            assertThat(v.message()).startsWith("an event must be a JSON object, found ");
        }

        @Test
        void nullIsNotAnEvent() {
            assertThat(VALIDATOR.validate(null)).extracting(Violation::path, Violation::rule)
                    .containsExactly(tuple("$", "type"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"event_id", "type", "ts", "session_id"})
        void requiredTopLevelFields(String field) {
            Violation v = onlyViolation(without(Events.pageView(), field), "$." + field, "required");
            assertThat(v.message()).startsWith(field + " is required");
            onlyViolation(with(Events.pageView(), field, "null"), "$." + field, "required");
        }

        @Test
        void unknownTopLevelField() {
            Violation v = onlyViolation(with(Events.click(), "colour", "\"blue\""), "$.colour", "additional_property");
            assertThat(v.message()).isEqualTo("unknown field 'colour'; allowed: anonymous_id, context, element, event_id, "
                    + "order, page, product, sent_at, session_id, ts, type, user_id");
        }

        @ParameterizedTest
        @CsvSource({
                "page.colour, $.page.colour",
                "product.colour, $.product.colour",
                "order.colour, $.order.colour",
                "order.items[1].colour, $.order.items[1].colour"})
        void unknownNestedFields(String where, String path) {
            ObjectNode e = Events.purchase();
            e.set("page", Events.pageView().get("page"));
            e.set("product", Events.addToCart().get("product"));
            Violation v = onlyViolation(with(e, where, "1"), path, "additional_property");
            assertThat(v.message()).startsWith("unknown field 'colour'; allowed: ");
        }

        @Test
        void oddFieldNamesGetAnUnambiguousShortPath() {
            ObjectNode e = Events.click();
            e.put("a.b", 1);
            e.put("it's", 1);
            e.put("x".repeat(10_000), 1);
            assertThat(VALIDATOR.validate(e)).extracting(Violation::path).containsExactly(
                    "$['a.b']", "$['it\\'s']", "$['" + "x".repeat(61) + "...']");
            assertThat(VALIDATOR.validate(e)).allSatisfy(v -> assertThat(v.message()).hasSizeLessThan(300));
        }
    }

    @Nested
    class JsonTypes {
        static Stream<Arguments> wrongTypes() {
            return Stream.of(
                    Arguments.of("event_id", "42", "$.event_id", "must be a string, found the number 42"),
                    Arguments.of("type", "true", "$.type", "must be a string, found the boolean true"),
                    Arguments.of("ts", "1764064800000", "$.ts", "must be an ISO-8601 instant string, found the number 1764064800000"),
                    Arguments.of("sent_at", "{}", "$.sent_at", "must be an ISO-8601 instant string, found an object"),
                    Arguments.of("session_id", "[\"s\"]", "$.session_id", "must be a string, found an array"),
                    Arguments.of("page", "\"/home\"", "$.page", "must be an object {url, path, referrer, title}, found a string"),
                    Arguments.of("page.url", "5", "$.page.url", "must be a string, found the number 5"),
                    Arguments.of("page.title", "false", "$.page.title", "must be a string, found the boolean false"),
                    Arguments.of("context", "[]", "$.context", "must be an object, found an array"),
                    Arguments.of("context", "\"ua\"", "$.context", "must be an object, found a string"));
        }

        @ParameterizedTest
        @MethodSource("wrongTypes")
        void wrongTypeAtTopLevelAndInPage(String field, String value, String path, String message) {
            assertThat(onlyViolation(with(Events.pageView(), field, value), path, "type").message()).isEqualTo(message);
        }

        static Stream<Arguments> wrongTypesInOrders() {
            return Stream.of(
                    Arguments.of("order", "[]", "$.order"),
                    Arguments.of("order.id", "1001", "$.order.id"),
                    Arguments.of("order.revenue", "\"34.90\"", "$.order.revenue"),
                    Arguments.of("order.currency", "978", "$.order.currency"),
                    Arguments.of("order.items", "{}", "$.order.items"),
                    Arguments.of("order.items[0]", "\"sku-42\"", "$.order.items[0]"),
                    Arguments.of("order.items[1].product_id", "7", "$.order.items[1].product_id"),
                    Arguments.of("order.items[1].price", "\"9.90\"", "$.order.items[1].price"),
                    Arguments.of("order.items[1].quantity", "\"1\"", "$.order.items[1].quantity"),
                    Arguments.of("element", "[]", "$.element"));
        }

        @ParameterizedTest
        @MethodSource("wrongTypesInOrders")
        void wrongTypeInOrders(String field, String value, String path) {
            onlyViolation(with(Events.purchase(), field, value), path, "type");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "product          | 42     | $.product",
                "product.id       | 42     | $.product.id",
                "product.category | []     | $.product.category",
                "product.price    | \"12\" | $.product.price",
                "product.quantity | true   | $.product.quantity"})
        void wrongTypeInProducts(String field, String value, String path) {
            onlyViolation(with(Events.addToCart(), field, value), path, "type");
        }

        @Test
        void wrongTypeOfTheClickElement() {
            assertThat(onlyViolation(with(Events.click(), "element", "{}"), "$.element", "type").message())
                    .isEqualTo("must be a string, found an object");
        }

        @Test
        void wrongTypeOfAnIdentityAlsoLeavesTheEventWithoutIdentity() {
            ObjectNode e = with(without(Events.pageView(), "anonymous_id"), "user_id", "7");
            assertThat(VALIDATOR.validate(e)).extracting(Violation::path, Violation::rule, Violation::message)
                    .containsExactly(
                            tuple("$.user_id", "type", "must be a string, found the number 7"),
                            tuple("$.user_id", "identity_required", "user_id or anonymous_id must be a non-empty string"));
        }
    }

    @Nested
    class Type {
        @ParameterizedTest
        @ValueSource(strings = {"pageview", "PAGE_VIEW", "Page_view", "checkout", "page_view "})
        void unknownTypeIsRejected(String type) {
            Violation v = onlyViolation(withText(Events.pageView(), "type", type), "$.type", "enum");
            assertThat(v.message()).isEqualTo("must be one of page_view, click, add_to_cart, purchase, found '" + type + "'");
        }

        @Test
        void emptyTypeIsRejected() {
            onlyViolation(withText(Events.pageView(), "type", ""), "$.type", "min_length");
        }

        @Test
        void unknownTypeSkipsPerTypeRequirements() {
            // Nothing to require once the type is unknown: the one violation names the real problem.
            ObjectNode e = without(withText(Events.pageView(), "type", "checkout"), "page");
            onlyViolation(e, "$.type", "enum");
        }
    }

    @Nested
    class Amounts {
        @ParameterizedTest
        @CsvSource({
                "product.price, $.product.price",
                "order.revenue, $.order.revenue",
                "order.items[0].price, $.order.items[0].price"})
        void negativeAmountsAreRejected(String field, String path) {
            ObjectNode e = Events.purchase();
            e.set("product", Events.addToCart().get("product"));
            Violation v = onlyViolation(with(e, field, "-1"), path, "minimum");
            assertThat(v.message()).isEqualTo("must be ≥ 0, found -1");
            assertThat(onlyViolation(with(e, field, "-0.01"), path, "minimum").message()).isEqualTo("must be ≥ 0, found -0.01");
        }

        @Test
        void zeroAndTheMaximumAreAccepted() {
            assertValid(with(Events.addToCart(), "product.price", "0"));
            assertValid(with(Events.addToCart(), "product.price", "-0"));
            assertValid(with(Events.addToCart(), "product.price", "1000000000"));
            assertValid(with(Events.addToCart(), "product.price", "1e9"));
        }

        @Test
        void absurdAmountsAreRejected() {
            Violation v = onlyViolation(with(Events.purchase(), "order.revenue", "1000000000.01"), "$.order.revenue", "maximum");
            assertThat(v.message()).isEqualTo("must be ≤ 1000000000, found 1000000000.01");
            onlyViolation(with(Events.purchase(), "order.revenue", "1e300"), "$.order.revenue", "maximum");
        }

        @Test
        void missingAmountsAreRejected() {
            onlyViolation(without(Events.addToCart(), "product.price"), "$.product.price", "required");
            onlyViolation(with(Events.purchase(), "order.revenue", "null"), "$.order.revenue", "required");
        }

        @Test
        void nonFiniteNumbersFromTreesBuiltInCodeAreRejectedNotThrown() {
            for (double d : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                ObjectNode e = Events.addToCart();
                ((ObjectNode) e.get("product")).set("price", DoubleNode.valueOf(d));
                Violation v = onlyViolation(e, "$.product.price", "type");
                assertThat(v.message()).isEqualTo("must be a finite number, found " + d);
            }
        }
    }

    @Nested
    class Quantities {
        @ParameterizedTest
        @CsvSource({
                "product.quantity, $.product.quantity",
                "order.items[1].quantity, $.order.items[1].quantity"})
        void zeroQuantityIsRejected(String field, String path) {
            ObjectNode e = Events.purchase();
            e.set("product", Events.addToCart().get("product"));
            assertThat(onlyViolation(with(e, field, "0"), path, "minimum").message()).isEqualTo("must be ≥ 1, found 0");
            assertThat(onlyViolation(with(e, field, "-3"), path, "minimum").message()).isEqualTo("must be ≥ 1, found -3");
        }

        @Test
        void tooLargeQuantitiesAreRejectedWithTheirValue() {
            onlyViolation(with(Events.addToCart(), "product.quantity", "10001"), "$.product.quantity", "maximum");
            // Larger than an int and a long: still a clear "too large", not a type error.
            Violation v = onlyViolation(with(Events.addToCart(), "product.quantity", "123456789012345678901234567890"),
                    "$.product.quantity", "maximum");
            assertThat(v.message()).isEqualTo("must be ≤ 10000, found 123456789012345678901234567890");
            assertValid(with(Events.addToCart(), "product.quantity", "10000"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.5", "2.0", "1e2"})
        void quantitiesMustBeIntegerLiterals(String value) {
            Violation v = onlyViolation(with(Events.addToCart(), "product.quantity", value), "$.product.quantity", "type");
            assertThat(v.message()).startsWith("must be an integer without fraction or exponent, found ");
        }

        @Test
        void missingQuantityIsRejected() {
            onlyViolation(without(Events.purchase(), "order.items[0].quantity"), "$.order.items[0].quantity", "required");
        }
    }

    @Nested
    class StringLengths {
        static Stream<Arguments> boundedStrings() {
            ValidationLimits l = ValidationLimits.defaults();
            return Stream.of(
                    Arguments.of((Supplier<ObjectNode>) Events::pageView, "anonymous_id", l.maxIdLength()),
                    Arguments.of((Supplier<ObjectNode>) Events::click, "user_id", l.maxIdLength()),
                    Arguments.of((Supplier<ObjectNode>) Events::pageView, "session_id", l.maxIdLength()),
                    Arguments.of((Supplier<ObjectNode>) Events::click, "element", l.maxElementLength()),
                    Arguments.of((Supplier<ObjectNode>) Events::pageView, "page.url", l.maxUrlLength()),
                    Arguments.of((Supplier<ObjectNode>) Events::pageView, "page.referrer", l.maxUrlLength()),
                    Arguments.of((Supplier<ObjectNode>) Events::pageView, "page.path", l.maxTextLength()),
                    Arguments.of((Supplier<ObjectNode>) Events::pageView, "page.title", l.maxTextLength()),
                    Arguments.of((Supplier<ObjectNode>) Events::addToCart, "product.id", l.maxIdLength()),
                    Arguments.of((Supplier<ObjectNode>) Events::addToCart, "product.category", l.maxIdLength()),
                    Arguments.of((Supplier<ObjectNode>) Events::purchase, "order.id", l.maxIdLength()),
                    Arguments.of((Supplier<ObjectNode>) Events::purchase, "order.items[1].product_id", l.maxIdLength()));
        }

        @ParameterizedTest(name = "{1} ≤ {2}")
        @MethodSource("boundedStrings")
        void oversizeStringsAreRejectedAndTheLimitItselfIsAccepted(Supplier<ObjectNode> event, String field, int max) {
            assertValid(withText(event.get(), field, "x".repeat(max)));
            Violation v = onlyViolation(withText(event.get(), field, "x".repeat(max + 1)), "$." + field, "max_length");
            assertThat(v.message()).isEqualTo("must be at most " + max + " characters, found " + (max + 1));
        }

        @Test
        void lengthsCountCharactersNotUtf16Units() {
            String mugs = "\uD83C\uDF75".repeat(128); // 128 emoji, 256 UTF-16 units
            assertValid(withText(Events.pageView(), "session_id", mugs));
            Violation v = onlyViolation(withText(Events.pageView(), "session_id", mugs + "\uD83C\uDF75"), "$.session_id", "max_length");
            assertThat(v.message()).isEqualTo("must be at most 128 characters, found 129");
        }

        @Test
        void requiredStringsMustNotBeEmpty() {
            onlyViolation(withText(Events.pageView(), "session_id", ""), "$.session_id", "min_length");
            onlyViolation(withText(Events.addToCart(), "product.id", ""), "$.product.id", "min_length");
            onlyViolation(withText(Events.purchase(), "order.id", ""), "$.order.id", "min_length");
            onlyViolation(withText(Events.purchase(), "order.items[0].product_id", ""), "$.order.items[0].product_id", "min_length");
        }

        @Test
        void contextIsBoundedInUtf8Bytes() {
            int max = ValidationLimits.defaults().maxContextBytes();
            // 3000 euro signs: 3000 characters but 9000 bytes of UTF-8.
            ObjectNode e = withText(Events.pageView(), "context.user_agent", "€".repeat(3000));
            Violation v = onlyViolation(e, "$.context", "max_size");
            assertThat(v.message()).startsWith("must serialize to at most " + max + " bytes of JSON, found 9");
            assertValid(withText(Events.pageView(), "context.user_agent", "x".repeat(3000)));
        }

        @Test
        void limitsCanBeTightened() {
            ValidationLimits d = ValidationLimits.defaults();
            var strict = new EventValidator(new ValidationLimits(8, 8, 16, 8, 64, 1, d.earliestTimestamp(), d.maxFutureSkew()), Events.CLOCK);
            assertThat(strict.validate(Events.purchase())).extracting(Violation::path, Violation::rule)
                    .containsExactly(tuple("$.order.items", "max_items"));
            assertThat(strict.validate(Events.pageView())).extracting(Violation::path, Violation::rule)
                    .containsExactly(tuple("$.page.url", "max_length"), tuple("$.page.referrer", "max_length"),
                            tuple("$.context", "max_size")); // the title "Blue mug" has exactly 8 characters
        }
    }

    @Nested
    class EventIds {
        @ParameterizedTest
        @ValueSource(strings = {"not-a-uuid", "0b3f8c9e6a524a1f9d0e2c7b1f0a9e11", "{0b3f8c9e-6a52-4a1f-9d0e-2c7b1f0a9e11}",
                "0b3f8c9e-6a52-4a1f-9d0e-2c7b1f0a9e1", "0b3f8c9e-6a52-4a1f-9d0e-2c7b1f0a9e11\n", "zb3f8c9e-6a52-4a1f-9d0e-2c7b1f0a9e11",
                " 0b3f8c9e-6a52-4a1f-9d0e-2c7b1f0a9e11"})
        void nonUuidEventIdsAreRejected(String id) {
            Violation v = onlyViolation(withText(Events.click(), "event_id", id), "$.event_id", "uuid");
            assertThat(v.message()).startsWith("must be a UUID like 123e4567-e89b-12d3-a456-426614174000, found '");
        }

        @Test
        void upperCaseUuidsAreAccepted() {
            assertValid(withText(Events.click(), "event_id", "0B3F8C9E-6A52-4A1F-9D0E-2C7B1F0A9E11"));
        }

        @Test
        void hugeValuesAreAbbreviatedInMessages() {
            Violation v = onlyViolation(withText(Events.click(), "event_id", "y".repeat(100_000)), "$.event_id", "uuid");
            assertThat(v.message()).hasSizeLessThan(200).endsWith("...'");
        }
    }

    @Nested
    class Timestamps {
        @ParameterizedTest
        @ValueSource(strings = {"2026-11-25T10:00:00Z", "2026-11-25T10:00:00.5Z", "2026-11-25T10:00:00.123456789Z",
                "2026-11-25T11:00:00+01:00", "2026-11-25T05:00:00-05:00", "2026-11-25t10:00:00z", "2026-11-25T10:00:00+18:00",
                "2000-01-01T00:00:00Z"})
        void isoInstantsAreAccepted(String ts) {
            assertValid(withText(Events.click(), "ts", ts));
            assertValid(withText(Events.click(), "sent_at", ts));
        }

        @ParameterizedTest
        @ValueSource(strings = {"yesterday", "", "2026-11-25", "2026-11-25T10:00", "2026-11-25T10:00:00", "2026-11-25 10:00:00Z",
                "2026-02-30T10:00:00Z", "2026-11-25T24:00:00Z", "2026-11-25T23:59:60Z", "2026-11-25T10:00:00-00:00",
                "2026-11-25T10:00:00+19:00", "2026-11-25T10:00:00+0100", "2026-11-25T10:00:00.1234567891Z",
                "+12026-11-25T10:00:00Z", "2026-11-25T10:00:00Z\n", "Wed, 25 Nov 2026 10:00:00 GMT"})
        void unparseableTimestampsAreRejected(String ts) {
            Violation v = onlyViolation(withText(Events.click(), "ts", ts), "$.ts", "date_time");
            assertThat(v.message()).startsWith("must be an ISO-8601 instant with seconds and a zone, such as 2026-11-25T10:00:00Z");
            onlyViolation(withText(Events.click(), "sent_at", ts), "$.sent_at", "date_time");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1999-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "0000-01-01T00:00:00Z",
                "2027-11-25T12:00:00.001Z", "9999-12-31T23:59:59Z"})
        void absurdTimestampsAreRejected(String ts) {
            Violation v = onlyViolation(withText(Events.click(), "ts", ts), "$.ts", "date_range");
            assertThat(v.message()).isEqualTo("must lie between 2000-01-01T00:00:00Z and 2027-11-25T12:00:00Z, found " + Instant.parse(ts));
            onlyViolation(withText(Events.click(), "sent_at", ts), "$.sent_at", "date_range");
        }

        @Test
        void theFutureBoundFollowsTheClock() {
            String inAYear = Events.NOW.plus(Duration.ofDays(365)).toString();
            assertValid(withText(Events.click(), "ts", inAYear));
            var later = new EventValidator(ValidationLimits.defaults(), java.time.Clock.offset(Events.CLOCK, Duration.ofDays(400)));
            assertThat(later.validate(withText(Events.click(), "ts", "2028-01-01T00:00:00Z"))).isEmpty();
        }
    }

    @Nested
    class Currencies {
        @ParameterizedTest
        @ValueSource(strings = {"EURO", "eur", "Eur", "ABC", "QQQ", "US", "€", "EUR ", "EUR\n"})
        void nonIsoCurrenciesAreRejected(String currency) {
            Violation v = onlyViolation(withText(Events.purchase(), "order.currency", currency), "$.order.currency", "iso_4217");
            assertThat(v.message()).startsWith("must be an ISO-4217 currency code such as EUR or USD, found '");
        }

        @ParameterizedTest
        @ValueSource(strings = {"EUR", "USD", "JPY", "GBP", "CHF", "BRL"})
        void isoCurrenciesAreAccepted(String currency) {
            assertValid(withText(Events.purchase(), "order.currency", currency));
        }

        @Test
        void missingCurrencyIsRejected() {
            onlyViolation(without(Events.purchase(), "order.currency"), "$.order.currency", "required");
        }
    }

    @Nested
    class Identity {
        @Test
        void anEventWithoutIdentityIsRejected() {
            Violation v = onlyViolation(without(Events.click(), "user_id"), "$.user_id", "identity_required");
            assertThat(v.message()).isEqualTo("at least one of user_id or anonymous_id is required");
        }

        @Test
        void nullIdentitiesAreNoIdentity() {
            ObjectNode e = with(with(Events.click(), "user_id", "null"), "anonymous_id", "null");
            assertThat(onlyViolation(e, "$.user_id", "identity_required").message())
                    .isEqualTo("at least one of user_id or anonymous_id is required");
            onlyViolation(with(Events.click(), "user_id", "null"), "$.user_id", "identity_required");
        }

        @Test
        void emptyIdentitiesAreNoIdentity() {
            ObjectNode e = withText(withText(Events.click(), "user_id", ""), "anonymous_id", "");
            assertThat(onlyViolation(e, "$.user_id", "identity_required").message())
                    .isEqualTo("user_id or anonymous_id must be a non-empty string");
        }

        @Test
        void eitherIdentityIsEnough() {
            assertValid(withText(withText(Events.click(), "user_id", ""), "anonymous_id", "anon-9"));
            assertValid(withText(with(Events.click(), "user_id", "null"), "anonymous_id", "anon-9"));
            assertValid(Events.click());
        }
    }

    @Nested
    class PerTypeRequirements {
        @Test
        void pageViewNeedsPageWithUrl() {
            assertThat(onlyViolation(without(Events.pageView(), "page"), "$.page", "required").message())
                    .isEqualTo("page (with page.url) is required for page_view");
            onlyViolation(with(Events.pageView(), "page", "null"), "$.page", "required");
            onlyViolation(without(Events.pageView(), "page.url"), "$.page.url", "required");
            onlyViolation(withText(Events.pageView(), "page.url", ""), "$.page.url", "min_length");
        }

        @Test
        void clickNeedsElement() {
            assertThat(onlyViolation(without(Events.click(), "element"), "$.element", "required").message())
                    .isEqualTo("element is required");
            onlyViolation(withText(Events.click(), "element", ""), "$.element", "min_length");
        }

        @Test
        void addToCartNeedsProductWithIdPriceQuantity() {
            assertThat(onlyViolation(without(Events.addToCart(), "product"), "$.product", "required").message())
                    .isEqualTo("product {id, price, quantity} is required for add_to_cart");
            assertThat(VALIDATOR.validate(with(Events.addToCart(), "product", "{}")))
                    .extracting(Violation::path, Violation::rule).containsExactly(
                            tuple("$.product.id", "required"), tuple("$.product.price", "required"),
                            tuple("$.product.quantity", "required"));
        }

        @Test
        void purchaseNeedsOrderWithItems() {
            assertThat(onlyViolation(without(Events.purchase(), "order"), "$.order", "required").message())
                    .isEqualTo("order {id, revenue, currency, items} is required for purchase");
            assertThat(VALIDATOR.validate(with(Events.purchase(), "order", "{}")))
                    .extracting(Violation::path, Violation::rule).containsExactly(
                            tuple("$.order.id", "required"), tuple("$.order.revenue", "required"),
                            tuple("$.order.currency", "required"), tuple("$.order.items", "required"));
            onlyViolation(with(Events.purchase(), "order.items", "[]"), "$.order.items", "min_items");
        }

        @Test
        void ordersHoldAtMost200Items() {
            ObjectNode e = Events.purchase();
            var items = (com.fasterxml.jackson.databind.node.ArrayNode) e.get("order").get("items");
            while (items.size() < 200) {
                items.add(items.get(0).deepCopy());
            }
            assertValid(e);
            items.add(JsonNodeFactory.instance.textNode("not even an item"));
            assertThat(onlyViolation(e, "$.order.items", "max_items").message()).isEqualTo("must hold at most 200 items, found 201");
        }
    }

    @Nested
    class ManyViolations {
        @Test
        void everyViolationIsReportedWithPathAndRuleInDocumentOrder() {
            JsonNode e = Events.json("""
                    {"event_id":"nope","type":"purchase","ts":"2026-13-01T00:00:00Z","session_id":"",
                     "received_at":"2026-11-25T10:00:00Z","debug":true,
                     "order":{"id":"o-1","revenue":-5,"currency":"eur","coupon":"X",
                              "items":[{"product_id":"p","price":1,"quantity":0},"p2",{"price":-1,"quantity":1.5}]},
                     "context":"mobile"}""");
            assertThat(VALIDATOR.validate(e)).extracting(Violation::path, Violation::rule).containsExactly(
                    tuple("$.received_at", "additional_property"),
                    tuple("$.debug", "additional_property"),
                    tuple("$.event_id", "uuid"),
                    tuple("$.ts", "date_time"),
                    tuple("$.user_id", "identity_required"),
                    tuple("$.session_id", "min_length"),
                    tuple("$.order.coupon", "additional_property"),
                    tuple("$.order.revenue", "minimum"),
                    tuple("$.order.currency", "iso_4217"),
                    tuple("$.order.items[0].quantity", "minimum"),
                    tuple("$.order.items[1]", "type"),
                    tuple("$.order.items[2].product_id", "required"),
                    tuple("$.order.items[2].price", "minimum"),
                    tuple("$.order.items[2].quantity", "type"),
                    tuple("$.context", "type"));
            assertThat(VALIDATOR.validate(e)).extracting(Violation::toString).contains(
                    "$.order.revenue: must be ≥ 0, found -5 [minimum]",
                    "$.order.items[0].quantity: must be ≥ 1, found 0 [minimum]",
                    "$.received_at: 'received_at' is set by the gateway and must not be sent by clients [additional_property]");
        }
    }

    @Nested
    class EnrichedMode {
        private ObjectNode enriched() {
            ObjectNode e = Events.purchase();
            e.put("received_at", "2026-11-25T10:00:04.120Z");
            e.put("ip", "203.0.113.0");
            e.put("site", "shop-eu");
            e.put("ts_corrected", true);
            return e;
        }

        @ParameterizedTest
        @ValueSource(strings = {"received_at", "ip", "site", "ts_corrected"})
        void clientsMustNotSendGatewayFields(String field) {
            ObjectNode e = Events.purchase();
            e.set(field, enriched().get(field));
            Violation v = onlyViolation(e, "$." + field, "additional_property");
            assertThat(v.message()).isEqualTo("'" + field + "' is set by the gateway and must not be sent by clients");
            // Even as null: a client has no business naming them.
            onlyViolation(with(Events.purchase(), field, "null"), "$." + field, "additional_property");
        }

        @Test
        void enrichedEventsMayCarryGatewayFields() {
            assertThat(VALIDATOR.validateEnriched(enriched())).isEmpty();
            assertThat(VALIDATOR.validateEnriched(with(enriched(), "ts_corrected", "null"))).isEmpty();
            assertThat(VALIDATOR.validateEnriched(with(enriched(), "ip", "\"2001:db8:85a3::\""))).isEmpty();
        }

        @Test
        void gatewayFieldsAreTypeChecked() {
            ObjectNode e = enriched();
            e.put("received_at", "soon");
            e.put("ip", "1".repeat(65));
            e.put("site", 7);
            e.put("ts_corrected", "yes");
            assertThat(VALIDATOR.validateEnriched(e)).extracting(Violation::path, Violation::rule).containsExactly(
                    tuple("$.received_at", "date_time"), tuple("$.ip", "max_length"),
                    tuple("$.site", "type"), tuple("$.ts_corrected", "type"));
            assertThat(VALIDATOR.validateEnriched(with(enriched(), "received_at", "\"1999-01-01T00:00:00Z\"")))
                    .extracting(Violation::path, Violation::rule).containsExactly(tuple("$.received_at", "date_range"));
        }

        @Test
        void enrichedModeStillRejectsUnknownFieldsAndClientErrors() {
            ObjectNode e = with(with(enriched(), "geo", "\"DE\""), "order.items[0].quantity", "0");
            assertThat(VALIDATOR.validateEnriched(e)).extracting(Violation::path, Violation::rule).containsExactly(
                    tuple("$.geo", "additional_property"), tuple("$.order.items[0].quantity", "minimum"));
        }
    }
}
