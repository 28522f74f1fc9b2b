package dev.catalogsync.bench.contenders;

import dev.catalogsync.bench.Progress;
import dev.catalogsync.bench.measure.ResourceMeter;
import java.util.Locale;
import java.util.Map;

/**
 * One contender working off the same backlog.
 *
 * @param contender its name in the report
 * @param backlog events (or, for the database's limit, row updates) it was given
 * @param processed how many it got through
 * @param seconds how long it ran: until the backlog was empty, or the time box
 * @param convergedSeconds from its start until every resource equalled its project (NaN when that
 *     did not happen in the time box, or is not what it does: the two limits)
 * @param finished whether the backlog was empty before the time box ended
 * @param rowWrites catalog_resources row writes it made (-1 when unknown)
 * @param milestones named moments, seconds since its start (e.g. when CDC had published all)
 * @param usage CPU and memory meanwhile
 */
public record DrainResult(
    String contender,
    long backlog,
    long processed,
    double seconds,
    double convergedSeconds,
    boolean finished,
    long rowWrites,
    Map<String, Double> milestones,
    ResourceMeter.Usage usage) {

  /** The part name of PostgreSQL's processes in {@link #microsPerEventIn(String)}. */
  public static final String POSTGRES = "postgres";

  public double perSecond() {
    return seconds > 0 ? processed / seconds : 0;
  }

  /** The one progress line every contender prints when it is done. */
  void printTo(Progress progress, String label) {
    progress.line(
        "  %-22s %9.0f events/s (%d events in %.1f s%s)%s",
        label,
        perSecond(),
        processed,
        seconds,
        finished ? "" : ", time box ended",
        Double.isNaN(convergedSeconds)
            ? ""
            : String.format(Locale.ROOT, ", converged in %.1f s", convergedSeconds));
  }

  /** Whether every resource equalled its project before its time box ended. */
  public boolean converged() {
    return !Double.isNaN(convergedSeconds);
  }

  /**
   * CPU microseconds per processed event of one part of the pipeline (a JVM component by thread
   * name, or "postgres"); NaN when unknown.
   */
  public double microsPerEventIn(String part) {
    double cores =
        part.equals(POSTGRES) ? usage.postgresCores() : usage.byComponent().getOrDefault(part, 0.0);
    return microsPerEvent(cores);
  }

  /** CPU microseconds per processed event: this JVM's and PostgreSQL's (NaN when unknown). */
  public double jvmMicrosPerEvent() {
    return microsPerEvent(usage.jvmCores());
  }

  public double postgresMicrosPerEvent() {
    return microsPerEvent(usage.postgresCores());
  }

  private double microsPerEvent(double cores) {
    return processed > 0 && cores >= 0 ? cores * usage.seconds() * 1e6 / processed : Double.NaN;
  }

  public double rowWritesPerEvent() {
    return processed > 0 && rowWrites >= 0 ? (double) rowWrites / processed : Double.NaN;
  }
}
