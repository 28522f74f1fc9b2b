package dev.catalogsync.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class JvmThreadCpuTest {
  @Test
  void timesThisThreadAndKnowsItsName() {
    JvmThreadCpu jvm = new JvmThreadCpu();
    long self = Thread.currentThread().getId();

    assertThat(jvm.threadCpuNanos()).containsKey(self);
    assertThat(jvm.threadCpuNanos().get(self)).isPositive();
    assertThat(jvm.name(self)).isEqualTo(Thread.currentThread().getName());
    assertThat(jvm.processCpuNanos()).isGreaterThanOrEqualTo(jvm.threadCpuNanos().get(self));
  }

  @Test
  void aThreadKeepsItsNameAfterItEndedButAnUnseenOneHasNone() throws InterruptedException {
    JvmThreadCpu jvm = new JvmThreadCpu();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    Thread t =
        new Thread(
            () -> {
              started.countDown();
              try {
                done.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "bench-meter-test");
    t.start();
    started.await();
    jvm.threadCpuNanos();
    done.countDown();
    t.join();

    assertThat(jvm.threadCpuNanos()).doesNotContainKey(t.getId());
    assertThat(jvm.name(t.getId())).isEqualTo("bench-meter-test");
    assertThat(jvm.name(-1)).isEmpty();
  }
}
