package io.crawlify.worker.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.cloud.pubsub.v1.stub.GrpcSubscriberStub;
import com.google.cloud.pubsub.v1.stub.SubscriberStubSettings;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.AcknowledgeRequest;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.SubscriptionName;
import com.google.pubsub.v1.TopicName;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

/** The test's own clients of the emulator, PostgreSQL and Redis: to set up, to publish and to read outcomes. */
public final class Backends implements AutoCloseable {

    private final ManagedChannel channel = ManagedChannelBuilder.forTarget(WorkerEnvironment.EMULATOR).usePlaintext().build();
    private final TransportChannelProvider channels = FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
    private Vertx vertx;
    private RedisAPI redis;

    public void createTopics(String... topics) {
        try (TopicAdminClient admin = TopicAdminClient.create(TopicAdminSettings.newBuilder()
                .setTransportChannelProvider(channels).setCredentialsProvider(NoCredentialsProvider.create()).build())) {
            for (String topic : topics) {
                try {
                    admin.createTopic(TopicName.of(WorkerEnvironment.PROJECT, topic));
                } catch (AlreadyExistsException e) {
                    // a rerun in the same project
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void createSubscription(Subscription subscription) {
        try (SubscriptionAdminClient admin = SubscriptionAdminClient.create(SubscriptionAdminSettings.newBuilder()
                .setTransportChannelProvider(channels).setCredentialsProvider(NoCredentialsProvider.create()).build())) {
            admin.createSubscription(subscription);
        } catch (AlreadyExistsException e) {
            // a rerun in the same project
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void publish(String topic, byte[] data, Map<String, String> attributes) {
        Publisher publisher = null;
        try {
            publisher = Publisher.newBuilder(TopicName.of(WorkerEnvironment.PROJECT, topic))
                    .setChannelProvider(channels).setCredentialsProvider(NoCredentialsProvider.create()).build();
            publisher.publish(PubsubMessage.newBuilder().setData(ByteString.copyFrom(data))
                    .putAllAttributes(attributes).build()).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        } finally {
            if (publisher != null) {
                publisher.shutdown();
            }
        }
    }

    /** Pulls (and acks) what the subscription holds right now. */
    public List<PubsubMessage> pull(String subscription) {
        try (GrpcSubscriberStub stub = GrpcSubscriberStub.create(SubscriberStubSettings.newBuilder()
                .setTransportChannelProvider(channels).setCredentialsProvider(NoCredentialsProvider.create()).build())) {
            String name = SubscriptionName.format(WorkerEnvironment.PROJECT, subscription);
            List<ReceivedMessage> received = stub.pullCallable().call(PullRequest.newBuilder()
                    .setSubscription(name).setMaxMessages(100).build()).getReceivedMessagesList();
            if (!received.isEmpty()) {
                stub.acknowledgeCallable().call(AcknowledgeRequest.newBuilder().setSubscription(name)
                        .addAllAckIds(received.stream().map(ReceivedMessage::getAckId).toList()).build());
            }
            return received.stream().map(ReceivedMessage::getMessage).toList();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a Redis command and waits for its answer. */
    public Response redis(String command, List<String> args) {
        if (redis == null) {
            vertx = Vertx.vertx();
            redis = RedisAPI.api(Redis.createClient(vertx, "redis://127.0.0.1:6379"));
        }
        Future<Response> answer = switch (command) {
            case "EVAL" -> redis.eval(args);
            case "SET" -> redis.set(args);
            case "HGETALL" -> redis.hgetall(args.get(0));
            default -> throw new IllegalArgumentException(command);
        };
        try {
            return answer.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("redis " + command, e);
        }
    }

    public static void sql(String statement, Object... params) {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement(statement)) {
            bind(s, params);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<Map<String, Object>> rows(String query, Object... params) {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement(query)) {
            bind(s, params);
            try (ResultSet rs = s.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connection() throws SQLException {
        return DriverManager.getConnection(WorkerEnvironment.JDBC_URL, "postgres", "");
    }

    private static void bind(PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
        if (vertx != null) {
            vertx.close();
        }
    }
}
