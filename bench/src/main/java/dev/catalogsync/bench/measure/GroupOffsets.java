package dev.catalogsync.bench.measure;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/** The offsets a consumer group (a streams app's application id) has committed: how far it read. */
public final class GroupOffsets implements AutoCloseable {
  private final Admin admin;
  private final String group;

  public GroupOffsets(String bootstrapServers, String group) {
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    this.group = group;
  }

  /** The committed offsets summed over the group's partitions (0 before its first commit). */
  public long committedSum() throws ExecutionException, InterruptedException {
    return admin
        .listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata()
        .get()
        .values()
        .stream()
        .filter(o -> o != null)
        .mapToLong(OffsetAndMetadata::offset)
        .sum();
  }

  @Override
  public void close() {
    admin.close();
  }
}
