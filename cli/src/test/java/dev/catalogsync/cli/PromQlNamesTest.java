package dev.catalogsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlNamesTest {

  @Test
  void namesTheSeriesNotTheFunctionsLabelsOrDurations() {
    assertThat(
            PromQlNames.in(
                "histogram_quantile(0.99, sum by (le) (rate("
                    + "catalog_sync_freshness_seconds_bucket{job=~\"catalog-sync.*\"}"
                    + "[$__rate_interval]))) > 0.25"))
        .containsExactly("catalog_sync_freshness_seconds_bucket");
    assertThat(
            PromQlNames.in(
                "sum(rate(a_total[5m] offset 1h)) / ignoring(x) group_left(y) b > bool 1e3"
                    + " or absent(c{component=\"connector\"}) unless on(instance) d"))
        .containsExactly("a_total", "b", "c", "d");
    assertThat(PromQlNames.in("max without (partition) (kafka_lag) > 2 * 60"))
        .containsExactly("kafka_lag");
  }
}
