package dev.catalogsync.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorTextTest {

  @Test
  void anErrorLineAddsTheRootCauseWhenItSaysMore() {
    Exception wrapped =
        new IllegalStateException(
            "Failed to create new KafkaAdminClient",
            new RuntimeException(
                "outer", new IllegalArgumentException("bad timeout\nsecond line")));
    assertThat(ErrorText.oneLine(wrapped))
        .isEqualTo("Failed to create new KafkaAdminClient: bad timeout second line");
  }

  @Test
  void anErrorLineDoesNotRepeatItself() {
    Exception same = new IllegalStateException("cannot connect: refused", new Exception("refused"));
    assertThat(ErrorText.oneLine(same)).isEqualTo("cannot connect: refused");
    assertThat(ErrorText.oneLine(new IllegalStateException())).isEqualTo("IllegalStateException");
  }
}
