package dev.catalogsync.bench.retention;

import static dev.catalogsync.bench.report.JsonReport.number;
import static dev.catalogsync.bench.report.JsonReport.percentiles;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.catalogsync.bench.freshness.FreshnessResult;
import dev.catalogsync.bench.measure.Percentiles;
import dev.catalogsync.bench.report.JsonReport;
import dev.catalogsync.bench.workload.KeyDistribution;
import dev.catalogsync.schemas.contract.Json;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The retention phases' section of report.md and their object in report.json. */
public final class RetentionReport {
  public static final String SECTION = "## Queue retention and verification";

  private RetentionReport() {}

  /** The section's body, after its title. */
  public static String markdown(
      RetentionResult r, KeyDistribution mainKeys, List<FreshnessResult> freshness) {
    StringBuilder md = new StringBuilder();
    RetentionPlan p = r.plan();
    RetentionResult.Month m = r.month();
    md.append(
        "Issue 19's figures, from phases that ran after the freshness phases with the whole"
            + " pipeline running (Method says how).\n\n");

    md.append("### Compressed month\n\n");
    md.append(
        f(
            "A day of %.1f s (the rotation's partition duration), a retention of %d days (%.1f"
                + " s), %d days under %s updates/s (%.0f/s committed). %s The queue's size at the"
                + " start of each day (rows counted in every partition kept, and those of them"
                + " pending; the estimate is what /metrics shows; bytes with indexes):%n%n",
            p.day().toMillis() / 1000.0,
            p.retentionDays(),
            p.retention().toMillis() / 1000.0,
            p.monthDays(),
            p.rate().label(),
            m.sourcePerSecond(),
            m.cleanStartPending() == 0
                ? f(
                    "Before day 0 the rotation dropped what the queue held from the phases before"
                        + " (%.1f s), so the month starts from its own load alone.",
                    m.cleanStartSeconds())
                : f(
                    "Before day 0 the rotation could not drop what the queue held from the phases"
                        + " before within %.0f s: %d rows there were still pending (a partition"
                        + " with a pending row is never detached; the bench's reconciler, with its"
                        + " 6 h grace, would mark them), so the month starts with them.",
                    m.cleanStartSeconds(), m.cleanStartPending())));
    md.append(
        "| day | seconds | attached | detached | rows | pending | rows (estimate) | MB |\n"
            + "|---|---|---|---|---|---|---|---|\n");
    for (RetentionResult.DaySample s : m.samples()) {
      md.append(
          f(
              "| %d | %.1f | %d | %d | %d | %d | %d | %.2f |%n",
              s.day(),
              s.seconds(),
              s.attached(),
              s.detached(),
              s.rows(),
              s.pending(),
              s.rowsEstimate(),
              RetentionTargets.mb(s.bytes())));
    }
    RetentionResult.Flatness flat = m.flatness();
    md.append("\n");
    if (flat == null) {
      md.append("The month was too short to judge whether the size is flat.\n\n");
    } else {
      md.append(
          f(
              "Flat means: the largest size over the month's last third (days %d-%d) is within"
                  + " %.1fx of the size at day %d, the end of the retention window (a partition is"
                  + " active a day and retired until it can be detached, then kept %d days; one day"
                  + " of margin). Here %.2f MB against %.2f MB: %.2fx, %s (smallest over the last"
                  + " third %.2f MB).%n%n",
              flat.lastThirdFrom(),
              p.monthDays(),
              RetentionPlan.FLAT_FACTOR,
              flat.referenceDay(),
              p.retentionDays(),
              RetentionTargets.mb(flat.lastThirdMaxBytes()),
              RetentionTargets.mb(flat.referenceBytes()),
              flat.ratio(),
              flat.flat() ? "flat" : "not flat",
              RetentionTargets.mb(flat.lastThirdMinBytes())));
    }
    md.append(
        f(
            "Rotation steps over the month: %s; rotation runs that failed: %d.%n%n",
            RetentionTargets.steps(m.steps()), m.rotationFailures()));

    RetentionResult.Latency l = r.latency();
    md.append("### Source updates during rotations\n\n");
    md.append(
        f(
            "The same load (%s updates/s, single-row autocommit) went on after the month, in %d"
                + " windows of %d days (%.1f s), with the rotation running and stopped in turn"
                + " (off, on, on, off, ...). Statement time = from the client's call to its"
                + " return:%n%n",
            p.rate().label(), l.windows().size(), p.windowDays(), p.window().toMillis() / 1000.0));
    md.append(
        "| windows | updates | failed | p50 ms | p95 ms | p99 ms | max ms |\n"
            + "|---|---|---|---|---|---|---|\n");
    latencyRow(md, "with rotation", l.withRotation(), l.failuresWith());
    latencyRow(md, "without rotation", l.withoutRotation(), l.failuresWithout());
    latencyRow(md, "the month (rotation throughout)", m.updateMs(), m.failedUpdates());
    md.append(
        f(
            "%np99 with / without rotation: %.2fx (target <= %.1fx). Rotation steps in the"
                + " windows with rotation: %s. A rotation run (reading the partitions, then its"
                + " steps) took p50 %s ms, p99 %s ms, max %s ms.%n%n",
            l.p99Ratio(),
            RetentionTargets.UPDATE_P99_RATIO,
            RetentionTargets.steps(l.steps()),
            num(l.rotationRunMs().p50(), "%.1f"),
            num(l.rotationRunMs().p99(), "%.1f"),
            num(l.rotationRunMs().max(), "%.1f")));
    md.append(
        "| window | rotation | from s | seconds | updates | failed | steps | p99 ms |\n"
            + "|---|---|---|---|---|---|---|---|\n");
    int i = 1;
    for (RetentionResult.Window w : l.windows()) {
      md.append(
          f(
              "| %d | %s | %.1f | %.1f | %d | %d | %d | %s |%n",
              i++,
              w.rotation() ? "on" : "off",
              w.startSeconds(),
              w.seconds(),
              w.updates(),
              w.failures(),
              w.steps(),
              num(w.p99Ms(), "%.2f")));
    }
    md.append("\n");

    RetentionResult.VerifyRate v = r.verifyRate();
    md.append("### verify\n\n");
    md.append(
        f(
            "`Verification` over every resource, as `./catalog-sync verify` runs it (batches of"
                + " %d, grace %d s), on a connection of its own, with the pipeline running and no"
                + " load, after the queue drained.%n%n",
            v.batchSize(), p.verifyGrace().toSeconds()));
    md.append(
        "| resources | seconds | resources/s | differ | still changing | with the second look"
            + " |\n|---|---|---|---|---|---|\n");
    md.append(
        f(
            "| %d | %.2f | %.0f | %d | %d | %.2f s |%n%n",
            v.checked(), v.seconds(), v.perSecond(), v.drifts(), v.changing(), v.totalSeconds()));

    RetentionResult.VerifiedFreshness vf = r.verifiedFreshness();
    md.append(
        f(
            "### Freshness at %s/s with continuous verification%n%n",
            RetentionPlan.VERIFIED_FRESHNESS_RATE.label()));
    md.append(
        f(
            "The streams app restarted with verify.interval.ms=%d and verify.batch-size=%d"
                + " (grace and repair as shipped); after a %d s warm-up at %s/s, not measured (as"
                + " before the run's first phase), a %s phase measured as every freshness phase,"
                + " with the same seed as the one without; the app then restarted as before (both"
                + " restarts: %.1f s). Continuous verification compared %d resources during the"
                + " phase.%n%n",
            vf.intervalMs(),
            vf.batchSize(),
            VerifiedFreshnessPhase.WARM_UP.toSeconds(),
            VerifiedFreshnessPhase.WARM_UP_RATE.label(),
            vf.freshness().label(),
            vf.restartSeconds(),
            vf.checked()));
    md.append(
        "| phase | source/s | applied/s | p50 ms | p95 ms | p99 ms | max ms | unapplied |"
            + " streams-app cores | PostgreSQL cores |\n"
            + "|---|---|---|---|---|---|---|---|---|---|\n");
    Optional<FreshnessResult> without = RetentionTargets.without(mainKeys, freshness);
    without.ifPresent(x -> freshnessRow(md, x.label() + ", without", x));
    freshnessRow(md, vf.freshness().label() + ", continuous verification", vf.freshness());
    without.ifPresent(
        x ->
            md.append(
                f(
                    "%np99 with / without: %.2fx (target: at most %.0f%% above).%n",
                    vf.freshness().freshness().p99() / x.freshness().p99(),
                    100 * RetentionTargets.VERIFIED_FRESHNESS_SHARE)));
    md.append("\n");
    return md.toString();
  }

  private static void latencyRow(StringBuilder md, String what, Percentiles x, long failed) {
    md.append(
        f(
            "| %s | %d | %d | %s | %s | %s | %s |%n",
            what,
            x.count(),
            failed,
            num(x.p50(), "%.2f"),
            num(x.p95(), "%.2f"),
            num(x.p99(), "%.2f"),
            num(x.max(), "%.1f")));
  }

  private static void freshnessRow(StringBuilder md, String label, FreshnessResult x) {
    md.append(
        f(
            "| %s | %.0f | %.0f | %s | %s | %s | %s | %d | %.2f | %.2f |%n",
            label,
            x.sourcePerSecond(),
            x.appliedPerSecond(),
            num(x.freshness().p50(), "%.0f"),
            num(x.freshness().p95(), "%.0f"),
            num(x.freshness().p99(), "%.0f"),
            num(x.freshness().max(), "%.0f"),
            x.unapplied(),
            x.usage().byComponent().getOrDefault("streams-app", 0.0),
            x.usage().postgresCores()));
  }

  /** report.json's "retention" object. */
  public static ObjectNode json(
      RetentionResult r, KeyDistribution mainKeys, List<FreshnessResult> freshness) {
    ObjectNode root = Json.mapper().createObjectNode();
    RetentionPlan p = r.plan();
    ObjectNode plan = root.putObject("plan");
    plan.set("day_seconds", number(p.day().toMillis() / 1000.0));
    plan.put("retention_days", p.retentionDays());
    plan.put("month_days", p.monthDays());
    plan.put("updates_per_second", p.rate().perSecond());
    plan.put("rotation_tick_ms", p.rotationTick().toMillis());
    plan.put("window_pairs", p.windowPairs());
    plan.put("window_days", p.windowDays());

    RetentionResult.Month m = r.month();
    ObjectNode month = root.putObject("compressed_month");
    month.set("clean_start_seconds", number(m.cleanStartSeconds()));
    month.put("clean_start_pending", m.cleanStartPending());
    month.set("source_per_second", number(m.sourcePerSecond()));
    ArrayNode days = month.putArray("days");
    for (RetentionResult.DaySample s : m.samples()) {
      ObjectNode d = days.addObject();
      d.put("day", s.day());
      d.set("seconds", number(s.seconds()));
      d.put("attached_partitions", s.attached());
      d.put("detached_partitions", s.detached());
      d.put("rows", s.rows());
      d.put("pending", s.pending());
      d.put("rows_estimate", s.rowsEstimate());
      d.put("bytes", s.bytes());
    }
    RetentionResult.Flatness flat = m.flatness();
    if (flat != null) {
      ObjectNode fl = month.putObject("flatness");
      fl.put("reference_day", flat.referenceDay());
      fl.put("reference_bytes", flat.referenceBytes());
      fl.put("last_third_from_day", flat.lastThirdFrom());
      fl.put("last_third_max_bytes", flat.lastThirdMaxBytes());
      fl.put("last_third_min_bytes", flat.lastThirdMinBytes());
      fl.set("ratio", number(flat.ratio()));
      fl.set("limit", number(RetentionPlan.FLAT_FACTOR));
      fl.put("flat", flat.flat());
    } else {
      month.putNull("flatness");
    }
    month.set("rotation_steps", counts(m.steps()));
    month.put("rotation_failures", m.rotationFailures());
    month.set("update_ms", percentiles(m.updateMs()));
    month.put("failed_updates", m.failedUpdates());
    month.set("usage", JsonReport.usage(m.usage()));

    RetentionResult.Latency l = r.latency();
    ObjectNode lat = root.putObject("update_latency_during_rotation");
    lat.set("with_rotation_ms", percentiles(l.withRotation()));
    lat.set("without_rotation_ms", percentiles(l.withoutRotation()));
    lat.set("p99_ratio", number(l.p99Ratio()));
    lat.put("failed_with_rotation", l.failuresWith());
    lat.put("failed_without_rotation", l.failuresWithout());
    lat.set("rotation_steps", counts(l.steps()));
    lat.set("rotation_run_ms", percentiles(l.rotationRunMs()));
    ArrayNode windows = lat.putArray("windows");
    for (RetentionResult.Window w : l.windows()) {
      ObjectNode o = windows.addObject();
      o.put("rotation", w.rotation());
      o.set("start_seconds", number(w.startSeconds()));
      o.set("seconds", number(w.seconds()));
      o.put("updates", w.updates());
      o.put("failed", w.failures());
      o.put("steps", w.steps());
      o.set("p99_ms", number(w.p99Ms()));
    }

    RetentionResult.VerifyRate v = r.verifyRate();
    ObjectNode verify = root.putObject("verify");
    verify.put("resources", v.checked());
    verify.set("seconds", number(v.seconds()));
    verify.set("resources_per_second", number(v.perSecond()));
    verify.set("total_seconds", number(v.totalSeconds()));
    verify.put("differ", v.drifts());
    verify.put("still_changing", v.changing());
    verify.put("batch_size", v.batchSize());

    RetentionResult.VerifiedFreshness vf = r.verifiedFreshness();
    ObjectNode fr = root.putObject("freshness_with_continuous_verification");
    fr.put("verify_interval_ms", vf.intervalMs());
    fr.put("verify_batch_size", vf.batchSize());
    fr.put("verified_resources", vf.checked());
    fr.set("restart_seconds", number(vf.restartSeconds()));
    FreshnessResult x = vf.freshness();
    fr.put("events", x.events());
    fr.set("source_per_second", number(x.sourcePerSecond()));
    fr.set("applied_per_second", number(x.appliedPerSecond()));
    fr.put("unapplied", x.unapplied());
    fr.set("freshness_ms", percentiles(x.freshness()));
    fr.set("to_kafka_ms", percentiles(x.toKafka()));
    fr.set("through_kafka_ms", percentiles(x.throughKafka()));
    fr.set("to_row_ms", percentiles(x.toRow()));
    fr.set("usage", JsonReport.usage(x.usage()));
    Optional<FreshnessResult> without = RetentionTargets.without(mainKeys, freshness);
    fr.set(
        "p99_ratio_to_without",
        number(without.map(w -> x.freshness().p99() / w.freshness().p99()).orElse(Double.NaN)));
    return root;
  }

  private static ObjectNode counts(Map<String, Long> counts) {
    ObjectNode o = Json.mapper().createObjectNode();
    counts.forEach(o::put);
    return o;
  }

  static String num(double v, String format) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "n/a";
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
