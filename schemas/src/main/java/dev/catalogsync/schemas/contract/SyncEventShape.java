package dev.catalogsync.schemas.contract;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A cheap check that a sync-event value is plainly valid: a strict subset of what its JSON Schema
 * accepts (integers that fit a long, timestamps in the common UTC form). Every event goes through
 * it; only what it cannot vouch for pays for the full schema validation, which then decides and
 * names the field. The schema validator was a tenth of the stream thread's time.
 */
final class SyncEventShape {
  private SyncEventShape() {}

  static boolean plainlyValid(JsonNode n) {
    return n.isObject()
        && positiveLong(n.get("id"))
        && positiveLong(n.get("catalog_resource_id"))
        && positiveLong(n.get("project_id"))
        && textOrNull(n.get("name"))
        && textOrNull(n.get("description"))
        && intOrNull(n.get("visibility_level"))
        && utcTimestamp(n.get("created_at"))
        && absentOrNullOr(n.get("source_lsn"), SyncEventShape::nonNegativeLong)
        && absentOrNullOr(n.get("source_tx_id"), SyncEventShape::nonNegativeLong)
        && absentOrNullOr(n.get("source_committed_at"), SyncEventShape::utcTimestamp);
  }

  /**
   * Whether a sync-event key is plainly valid: one to nineteen digits, the first not a zero, which
   * its schema's pattern accepts. Every record's key is checked; only others pay for the validator.
   */
  static boolean plainKey(String key) {
    int n = key.length();
    if (n < 1 || n > 19 || key.charAt(0) < '1' || key.charAt(0) > '9') {
      return false;
    }
    for (int i = 1; i < n; i++) {
      if (key.charAt(i) < '0' || key.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean positiveLong(JsonNode v) {
    return v != null && v.isIntegralNumber() && v.canConvertToLong() && v.longValue() >= 1;
  }

  private static boolean nonNegativeLong(JsonNode v) {
    return v.isIntegralNumber() && v.canConvertToLong() && v.longValue() >= 0;
  }

  /** Present (the schema requires the key) and an int or null. */
  private static boolean intOrNull(JsonNode v) {
    return v != null && (v.isNull() || (v.isIntegralNumber() && v.canConvertToInt()));
  }

  /** Present (the schema requires the key) and a string or null. */
  private static boolean textOrNull(JsonNode v) {
    return v != null && (v.isTextual() || v.isNull());
  }

  private static boolean utcTimestamp(JsonNode v) {
    return v != null && v.isTextual() && IsoInstant.parseUtc(v.textValue()) != null;
  }

  private static boolean absentOrNullOr(JsonNode v, java.util.function.Predicate<JsonNode> check) {
    return v == null || v.isNull() || check.test(v);
  }
}
