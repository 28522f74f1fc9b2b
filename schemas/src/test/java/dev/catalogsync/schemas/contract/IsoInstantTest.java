package dev.catalogsync.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantTest {
  private final ObjectMapper json = Json.mapper();

  @Test
  void formatsExactlyAsInstantToString() {
    SplittableRandom random = new SplittableRandom(42);
    long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 100_000; i++) {
      int nanos =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
          };
      Instant instant = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, max + 1), nanos);
      assertThat(IsoInstant.format(instant)).isEqualTo(instant.toString());
      assertThat(IsoInstant.parseUtc(instant.toString())).isEqualTo(instant);
    }
    Instant far = Instant.parse("+12000-01-01T00:00:00Z");
    assertThat(IsoInstant.format(far)).isEqualTo(far.toString());
  }

  @Test
  void otherFormsAreLeftToTheGeneralParser() {
    for (String text :
        List.of(
            "2026-11-28T16:20:00+01:00",
            "2026-02-30T16:20:00Z",
            "2026-11-28T24:00:00Z",
            "2026-11-28 16:20:00Z",
            "2026-11-28T16:20:00.Z",
            "2026-11-28T16:20:00.12a4Z",
            "+12000-01-01T00:00:00Z")) {
      assertThat(IsoInstant.parseUtc(text)).as(text).isNull();
    }
  }

  @Test
  void theContractMappingReadsEveryIsoForm() throws Exception {
    assertThat(json.readValue("\"2026-11-28T16:20:00.123456Z\"", Instant.class))
        .isEqualTo(Instant.parse("2026-11-28T16:20:00.123456Z"));
    assertThat(json.readValue("\"2026-11-28T17:20:00+01:00\"", Instant.class))
        .isEqualTo(Instant.parse("2026-11-28T16:20:00Z"));
    assertThat(json.writeValueAsString(Instant.parse("2026-11-28T16:20:00.120Z")))
        .isEqualTo("\"2026-11-28T16:20:00.120Z\"");
  }
}
