package io.clickstream.load.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.load.anomaly.Bots;
import io.clickstream.load.anomaly.SiteAnomaly;
import io.clickstream.load.ledger.Ledger;
import io.clickstream.load.ledger.Ledger.AnomalyRecord;
import io.clickstream.load.ledger.Ledger.SiteAnomalyRecord;
import io.clickstream.load.schedule.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Alert recall and precision of one run, for every rule, against its ledger. Pure.
 *
 * <p>What belongs to the run: user-level alerts ({@code click_burst}, {@code page_view_flood}) whose
 * entity is one of the run's user keys (they carry its run id); site-level alerts whose window lies in
 * the run's judged range ({@code site_rules_from} … {@code site_rules_to}). Everything else is foreign
 * or at the run's boundary (traffic starting or stopping) and is listed, not judged.
 *
 * <p>Recall: every bot with {@code expect_alert} has an alert with its rule and user key; every
 * injected site anomaly has one alert of each expected rule whose window meets the injection.
 * Precision: every judged alert is one of those. An expectation met by more than one alert document is
 * a duplicate (one episode, one document) and fails too.
 *
 * @param expected   expectations (bot × rule, injection × rule)
 * @param found      of those, the ones met
 * @param judged     alert documents that belong to the run
 * @param missed     expectations not met
 * @param unexpected judged alerts that meet no expectation, with their document ids
 * @param duplicates expectations met by several documents, with their ids
 * @param foreign    alerts of other runs' users, or outside the run's judged range, not judged
 */
public record AlertCheck(int expected, int found, int judged, List<String> missed, List<String> unexpected,
                         List<String> duplicates, List<String> foreign) {

    public static final Set<String> USER_LEVEL_RULES = Set.of(Bots.CLICK_BURST, Bots.PAGE_VIEW_FLOOD);

    /** One alert document as verify reads it. */
    public record AlertDoc(String id, String rule, String entity, Instant windowStart, Instant windowEnd) {

        /** From a search hit ({@code _id}, {@code _source}). */
        public static AlertDoc of(JsonNode hit) {
            JsonNode s = hit.path("_source");
            return new AlertDoc(hit.path("_id").asText(), s.path("rule").asText(), s.path("entity").asText(),
                    instant(s.path("window_start")), instant(s.path("window_end")));
        }

        private static Instant instant(JsonNode n) {
            try {
                return n.isMissingNode() || n.isNull() ? null : Instant.parse(n.asText());
            } catch (RuntimeException e) {
                return null;
            }
        }

        String describe() {
            return id + " (" + rule + " " + entity + ", window " + windowStart + " … " + windowEnd + ")";
        }
    }

    public static AlertCheck check(Ledger ledger, List<AlertDoc> docs) {
        String runId = ledger.run().runId();
        Instant siteFrom = ledger.run().siteRulesFrom();
        Instant siteTo = ledger.run().siteRulesTo();
        Duration window = Duration.ofSeconds(ledger.run().windowSizeSeconds());
        List<String> foreign = new ArrayList<>();
        List<AlertDoc> userAlerts = new ArrayList<>();
        List<AlertDoc> siteAlerts = new ArrayList<>();
        for (AlertDoc d : docs) {
            if (USER_LEVEL_RULES.contains(d.rule())) {
                if (Simulation.ownedBy(d.entity(), runId)) {
                    userAlerts.add(d);
                } else {
                    foreign.add(d.describe() + ": another run's user");
                }
            } else if (SiteAnomaly.SITE_RULES.contains(d.rule())) {
                boolean inside = siteFrom != null && d.windowStart() != null && d.windowEnd() != null
                        && !d.windowStart().isBefore(siteFrom) && !d.windowEnd().isAfter(siteTo);
                if (inside) {
                    siteAlerts.add(d);
                } else {
                    foreign.add(d.describe() + ": outside this run's judged site range "
                            + (siteFrom == null ? "(the run is too short for site rules)" : siteFrom + " … " + siteTo)
                            + ", where traffic starts or stops");
                }
            } else {
                foreign.add(d.describe() + ": a rule verify does not know");
            }
        }

        Map<String, List<AlertDoc>> matches = new LinkedHashMap<>();
        Set<String> injectedBots = new TreeSet<>();
        for (AnomalyRecord a : ledger.anomalies()) {
            injectedBots.add(a.rule() + " " + a.entity());
            if (a.expectAlert()) {
                matches.put(a.rule() + " " + a.entity(), new ArrayList<>());
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (AlertDoc d : userAlerts) {
            String key = d.rule() + " " + d.entity();
            if (matches.containsKey(key)) {
                matches.get(key).add(d);
            } else if (!injectedBots.contains(key)) {
                unexpected.add(d.describe() + ": no bot of this run was injected for it");
            }
        }
        for (SiteAnomalyRecord s : ledger.siteAnomalies()) {
            for (String rule : s.expectedAlerts()) {
                matches.put(rule + " during " + s.kind() + " " + s.start() + " … " + s.end(), new ArrayList<>());
            }
        }
        for (AlertDoc d : siteAlerts) {
            boolean matched = false;
            for (SiteAnomalyRecord s : ledger.siteAnomalies()) {
                // An episode's window meets the injection: it starts at most one window before it (the
                // first window that holds enough of it) and ends at most two windows after it.
                boolean meets = s.expectedAlerts().contains(d.rule())
                        && d.windowEnd().isAfter(s.start()) && d.windowStart().isBefore(s.end().plus(window.multipliedBy(2)));
                if (meets) {
                    matches.get(d.rule() + " during " + s.kind() + " " + s.start() + " … " + s.end()).add(d);
                    matched = true;
                    break;
                }
            }
            if (!matched) {
                unexpected.add(d.describe() + ": no " + d.rule() + " was injected there");
            }
        }
        List<String> missed = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        int found = 0;
        for (Map.Entry<String, List<AlertDoc>> m : matches.entrySet()) {
            if (m.getValue().isEmpty()) {
                missed.add(m.getKey());
            } else {
                found++;
                if (m.getValue().size() > 1) {
                    duplicates.add(m.getKey() + ": " + m.getValue().size() + " documents for one episode: "
                            + String.join(", ", m.getValue().stream().map(AlertDoc::id).toList()));
                }
            }
        }
        return new AlertCheck(matches.size(), found, userAlerts.size() + siteAlerts.size(), missed, unexpected, duplicates,
                foreign);
    }

    /** Share of expectations met (1 when none was expected). */
    public double recall() {
        return expected == 0 ? 1.0 : (double) found / expected;
    }

    /** Share of judged alerts that meet an expectation (1 when there are none). */
    public double precision() {
        return judged == 0 ? 1.0 : (double) (judged - unexpected.size()) / judged;
    }

    public boolean passed() {
        return missed.isEmpty() && unexpected.isEmpty() && duplicates.isEmpty();
    }
}
