package io.clickstream.load.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.load.anomaly.Bots;
import io.clickstream.load.ledger.Ledger.AnomalyRecord;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Alert recall and precision for the user-level rules. Pure.
 * Recall: every injected bot that should trip its rule has an alert document with that rule and
 * its user key as {@code entity}. Precision: every user-level alert document names an injected
 * bot of that rule (a shop visitor never gets one).
 *
 * @param expected   (rule, entity) pairs that must be alerted
 * @param found      of those, the ones alerted
 * @param alerted    distinct (rule, entity) pairs alerted by user-level rules
 * @param missed     expected but not alerted
 * @param unexpected alerted but not injected
 */
public record AlertCheck(int expected, int found, int alerted, List<String> missed, List<String> unexpected) {

    public static final Set<String> USER_LEVEL_RULES = Set.of(Bots.CLICK_BURST, Bots.PAGE_VIEW_FLOOD);

    public static AlertCheck check(List<AnomalyRecord> injected, List<JsonNode> alertDocs) {
        Set<String> alertedPairs = new TreeSet<>();
        for (JsonNode doc : alertDocs) {
            String rule = doc.path("rule").asText();
            if (USER_LEVEL_RULES.contains(rule)) {
                alertedPairs.add(rule + " " + doc.path("entity").asText());
            }
        }
        Set<String> injectedPairs = new TreeSet<>();
        Set<String> expectedPairs = new TreeSet<>();
        for (AnomalyRecord a : injected) {
            injectedPairs.add(a.rule() + " " + a.entity());
            if (a.expectAlert()) {
                expectedPairs.add(a.rule() + " " + a.entity());
            }
        }
        List<String> missed = expectedPairs.stream().filter(p -> !alertedPairs.contains(p)).toList();
        List<String> unexpected = alertedPairs.stream().filter(p -> !injectedPairs.contains(p)).toList();
        return new AlertCheck(expectedPairs.size(), expectedPairs.size() - missed.size(), alertedPairs.size(), missed,
                unexpected);
    }

    /** Share of expected bots that were alerted (1 when none was expected). */
    public double recall() {
        return expected == 0 ? 1.0 : (double) found / expected;
    }

    /** Share of user-level alerts that name an injected bot (1 when there are none). */
    public double precision() {
        return alerted == 0 ? 1.0 : (double) (alerted - unexpected.size()) / alerted;
    }

    public boolean passed() {
        return missed.isEmpty() && unexpected.isEmpty();
    }
}
