package dev.catalogsync.bench.report;

/**
 * One goal of issue 6 against what this run measured. The benchmark reports; it never fails a run
 * over a missed target.
 *
 * @param goal the target as stated
 * @param measured what was measured, in words and numbers
 * @param status met, missed, or not measured in this run
 * @param whereTimeGoes for a missed target: what the measurements say about the cause
 */
public record TargetResult(String goal, String measured, Status status, String whereTimeGoes) {
  public enum Status {
    MET,
    MISSED,
    NOT_MEASURED
  }
}
