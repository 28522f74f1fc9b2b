package dev.catalogsync.cli;

import dev.catalogsync.core.SqlResource;
import dev.catalogsync.schemas.contract.FlagRecord;
import dev.catalogsync.streams.queue.QueueSize;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code catalog-sync status}: what an operator checks first. */
@Command(
    name = "status",
    header = "Pending events, oldest pending age, lag, flag.",
    mixinStandardHelpOptions = true,
    description = "Pending sync events, the oldest pending age, the streams app's lag, the flag.",
    footer = {
      "",
      "Examples:",
      "  ./catalog-sync status --jdbc-url 'jdbc:postgresql://127.0.0.1:54329/catalog?user=postgres'"
    })
final class StatusCommand implements Callable<Integer> {
  private static final long TIMEOUT_SECONDS = 15;

  @Option(names = "--jdbc-url", required = true, description = "JDBC URL of the database.")
  String jdbcUrl;

  @Mixin KafkaOptions kafka;

  @Option(
      names = "--application-id",
      defaultValue = "catalog-sync",
      description = "Default: ${DEFAULT-VALUE}")
  String applicationId;

  @Option(
      names = "--sync-topic",
      defaultValue = "catalog-sync.sync-events",
      description = "Default: ${DEFAULT-VALUE}")
  String syncTopic;

  @Option(
      names = "--flag-topic",
      defaultValue = "catalog-sync.flags",
      description = "Default: ${DEFAULT-VALUE}")
  String flagTopic;

  @Override
  public Integer call() throws Exception {
    try (Connection db = DriverManager.getConnection(jdbcUrl);
        Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery(SqlResource.load(StatusCommand.class, "pending-status.sql"))) {
      rs.next();
      System.out.printf("pending events:      %d%n", rs.getLong(1));
      System.out.printf("oldest pending age:  %.1f s%n", rs.getDouble(2));
      QueueSize size = QueueSize.read(db);
      System.out.printf(
          "queue partitions:    %d attached, %d detached, oldest %s old%n",
          size.attachedPartitions(),
          size.detachedPartitions(),
          Duration.ofMillis(size.oldestPartitionAgeMillis()).truncatedTo(ChronoUnit.SECONDS));
      System.out.printf(
          "queue size:          about %d rows, %d MB%n",
          size.rowsEstimate(), size.bytes() / (1024 * 1024));
    }
    System.out.printf("consumer lag:        %d%n", lag());
    String flag =
        new FlagClient(kafka.bootstrapServers, kafka.clientSettings, flagTopic)
            .read(FlagRecord.PROCESS_SYNC_EVENTS)
            .map(r -> r.enabled() ? "on" : "off")
            .orElse("not set (default applies)");
    System.out.printf("flag %s: %s%n", FlagRecord.PROCESS_SYNC_EVENTS, flag);
    return 0;
  }

  /** Records on the sync topic that the streams app has not committed yet. */
  private long lag() throws Exception {
    Map<String, Object> config =
        kafka.clientConfig(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) Duration.ofSeconds(TIMEOUT_SECONDS).toMillis(),
                // must not exceed the API timeout, or the client refuses to start
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) Duration.ofSeconds(TIMEOUT_SECONDS).toMillis() - 1000));
    try (Admin admin = Admin.create(config)) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(applicationId)
              .partitionsToOffsetAndMetadata()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      var partitions =
          admin
              .describeTopics(java.util.List.of(syncTopic))
              .allTopicNames()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
              .get(syncTopic)
              .partitions();
      Map<TopicPartition, OffsetSpec> latest =
          partitions.stream()
              .collect(
                  Collectors.toMap(
                      p -> new TopicPartition(syncTopic, p.partition()), p -> OffsetSpec.latest()));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      long lag = 0;
      for (var end : ends.entrySet()) {
        OffsetAndMetadata done = committed.get(end.getKey());
        lag += end.getValue().offset() - (done == null ? 0 : done.offset());
      }
      return lag;
    }
  }
}
