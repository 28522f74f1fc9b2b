package dev.catalogsync.bench.probe;

import dev.catalogsync.connector.SyncEventPublisher;
import dev.catalogsync.embedded.KafkaBroker;
import dev.catalogsync.schemas.contract.Contract;
import dev.catalogsync.schemas.contract.SyncEvent;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Issue 20's question of producer batching and compression, answered in isolation: the connector's
 * way of publishing (acks=all, idempotent, a batch of 2048 events sent and awaited, as Debezium
 * hands them over) against an embedded broker, then a consumer reading them back, for each producer
 * setting in turn over several rounds, with this JVM's CPU time per event for each half. Broker,
 * producer and consumer share the JVM, as in the bench; nothing else runs.
 *
 * <p>Run from a built bench: {@code java -cp
 * 'bench/target/catalog-sync-bench.jar:bench/target/lib/*'
 * dev.catalogsync.bench.probe.ProducerProbe [events per round] [rounds]}.
 */
public final class ProducerProbe {
  private static final int PARTITIONS = 4;
  private static final int CHUNK = 2048;

  /** One producer setting under test. */
  record Setting(String name, int batchSize, String compression) {}

  private static final List<Setting> SETTINGS =
      List.of(
          new Setting("batch 16 KiB, none (before)", 16384, "none"),
          new Setting("batch 256 KiB, none", 262144, "none"),
          new Setting("batch 256 KiB, lz4", 262144, "lz4"),
          new Setting("batch 256 KiB, zstd", 262144, "zstd"));

  private ProducerProbe() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<byte[]> values = new ArrayList<>(events);
    List<String> keys = new ArrayList<>(events);
    SplittableRandom random = new SplittableRandom(42);
    Instant now = Instant.parse("2026-12-04T18:00:00.123456Z");
    for (int i = 0; i < events; i++) {
      long resource = 1 + random.nextInt(100_000);
      SyncEvent e =
          new SyncEvent(
              i + 1L,
              resource,
              resource,
              "project-" + resource,
              "description " + random.nextLong(),
              (int) (resource % 3) * 10,
              now.plusNanos(i * 1000L),
              1_000_000L + i,
              5000L + i / 10_000,
              now.plusNanos(i * 1000L));
      values.add(Contract.encodeUnchecked(e));
      keys.add(e.key());
    }
    Path logs = Files.createTempDirectory("producer-probe");
    KafkaBroker broker = KafkaBroker.start(logs, 0);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      System.out.printf(
          Locale.ROOT, "%d events a round, %d rounds, chunks of %d%n", events, rounds, CHUNK);
      System.out.println(
          "| setting | round | produce us/event | consume us/event | MB on the wire |");
      System.out.println("|---|---|---|---|---|");
      int topicNo = 0;
      // A warm-up round, not reported: JIT and broker start-up.
      run(broker, admin, "probe-warmup", SETTINGS.get(0), keys, values);
      for (int round = 1; round <= rounds; round++) {
        for (int s = 0; s < SETTINGS.size(); s++) {
          // Rotated order, so no setting always follows the same one.
          Setting setting = SETTINGS.get((s + round) % SETTINGS.size());
          double[] r = run(broker, admin, "probe-" + (topicNo++), setting, keys, values);
          System.out.printf(
              Locale.ROOT,
              "| %s | %d | %.2f | %.2f | %.1f |%n",
              setting.name(),
              round,
              r[0],
              r[1],
              r[2]);
        }
      }
    } finally {
      broker.close();
    }
  }

  /** Produce-side and consume-side CPU in us per event, and the bytes the producer sent. */
  private static double[] run(
      KafkaBroker broker,
      Admin admin,
      String topic,
      Setting setting,
      List<String> keys,
      List<byte[]> values)
      throws Exception {
    admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
    // Created is not led yet: let every partition get its leader before the clock starts.
    Thread.sleep(2000);
    // The connector's own producer settings, the setting under test given as kafka.* would be.
    Properties p =
        SyncEventPublisher.producerSettings(
            Map.of(
                ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(setting.batchSize()),
                ProducerConfig.COMPRESSION_TYPE_CONFIG, setting.compression()),
            broker.bootstrapServers(),
            "producer-probe");
    double bytes;
    long cpu0 = cpuNanos();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      List<Future<?>> acks = new ArrayList<>(CHUNK);
      for (int i = 0; i < values.size(); i++) {
        acks.add(producer.send(new ProducerRecord<>(topic, keys.get(i), values.get(i))));
        if (acks.size() == CHUNK || i == values.size() - 1) {
          for (Future<?> f : acks) {
            f.get();
          }
          acks.clear();
        }
      }
      bytes =
          producer.metrics().entrySet().stream()
              .filter(
                  e ->
                      e.getKey().name().equals("outgoing-byte-total")
                          && e.getKey().group().equals("producer-metrics"))
              .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
              .sum();
    }
    long cpu1 = cpuNanos();
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    c.put(ConsumerConfig.GROUP_ID_CONFIG, topic + "-reader");
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    long read = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      while (read < values.size()) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
        read += records.count();
      }
    }
    long cpu2 = cpuNanos();
    return new double[] {
      (cpu1 - cpu0) / 1e3 / values.size(), (cpu2 - cpu1) / 1e3 / values.size(), bytes / 1e6
    };
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
