package io.crawlify.orchestrator.cloudrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code make deploy DRY_RUN=1}: the whole command sequence of a first deployment, in order, with a gcloud on the
 * PATH that records any call (there must be none), and the service specs it rendered.
 */
class DeployDryRunTest {

    @TempDir
    Path dir;

    @Test
    void printsTheWholeSequenceInOrderAndCallsNothing() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path calls = dir.resolve("gcloud-calls");
        Path fake = bin.resolve("gcloud");
        Files.writeString(fake, "#!/bin/sh\necho \"$@\" >> '" + calls + "'\nexit 1\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path rendered = dir.resolve("deploy");

        RepoCommand dryRun = RepoCommand.run(Map.of(
                "PATH", bin + ":" + System.getenv("PATH"),
                "CRAWLIFY_DEPLOY_DIR", rendered.toString()), 120,
                "make", "--no-print-directory", "deploy", "DRY_RUN=1", "PROJECT=acme-crawl", "REGION=europe-west1",
                "TAG=v42");

        assertThat(dryRun.exitCode()).as(dryRun.output()).isZero();
        assertThat(calls).as("gcloud was called").doesNotExist();
        List<String> commands = dryRun.commands();
        assertThat(commands).as("only gcloud (and the Pub/Sub script it runs)")
                .allMatch(c -> c.startsWith("gcloud ") || c.startsWith("env ") && c.endsWith("cloudrun/setup-pubsub.sh"));
        String registry = "europe-west1-docker.pkg.dev/acme-crawl/crawlify";
        String g = "gcloud --project=acme-crawl --quiet ";
        String orchestratorSa = "crawlify-orchestrator@acme-crawl.iam.gserviceaccount.com";
        String workerSa = "crawlify-worker@acme-crawl.iam.gserviceaccount.com";
        assertInOrder(commands,
                g + "services enable run.googleapis.com pubsub.googleapis.com sqladmin.googleapis.com redis.googleapis.com "
                        + "secretmanager.googleapis.com artifactregistry.googleapis.com cloudbuild.googleapis.com "
                        + "servicenetworking.googleapis.com compute.googleapis.com",
                g + "artifacts repositories create crawlify --location=europe-west1 --repository-format=docker .*",
                g + "builds submit \\S+ --config=\\S+/cloudrun/cloudbuild.yaml --machine-type=e2-highcpu-8 "
                        + "--substitutions=_REGISTRY=" + registry + ",_TAG=v42",
                g + "iam service-accounts create crawlify-orchestrator .*",
                g + "iam service-accounts create crawlify-worker .*",
                g + "secrets create crawlify-db-password --replication-policy=automatic --data-file=- .*",
                g + "secrets add-iam-policy-binding crawlify-db-password --member=serviceAccount:" + orchestratorSa + " .*",
                g + "secrets add-iam-policy-binding crawlify-db-password --member=serviceAccount:" + workerSa + " .*",
                g + "secrets create crawlify-api-keys .*",
                g + "secrets add-iam-policy-binding crawlify-api-keys --member=serviceAccount:" + orchestratorSa + " .*",
                g + "compute addresses create crawlify-private-services --global --purpose=VPC_PEERING .*",
                g + "services vpc-peerings connect --service=servicenetworking.googleapis.com .*",
                g + "sql instances create crawlify-pg --database-version=POSTGRES_15 .*--region=europe-west1 .*--no-assign-ip.*",
                g + "sql databases create crawlify --instance=crawlify-pg",
                g + "sql users create crawlify --instance=crawlify-pg --password=REDACTED",
                g + "redis instances create crawlify-redis --region=europe-west1 --tier=basic .*",
                g + "pubsub topics create crawlify-tasks crawlify-tasks-dlq crawlify-events .*",
                g + "pubsub subscriptions create crawlify-tasks-worker --topic=crawlify-tasks .*--ack-deadline=60 .*"
                        + "--dead-letter-topic=crawlify-tasks-dlq --max-delivery-attempts=5",
                g + "pubsub subscriptions create crawlify-events-orchestrator --topic=crawlify-events .*",
                g + "pubsub subscriptions create crawlify-tasks-dlq-orchestrator --topic=crawlify-tasks-dlq .*",
                g + "pubsub topics add-iam-policy-binding crawlify-tasks-dlq "
                        + "--member=serviceAccount:service-PROJECT_NUMBER@gcp-sa-pubsub.iam.gserviceaccount.com "
                        + "--role=roles/pubsub.publisher .*",
                g + "pubsub subscriptions add-iam-policy-binding crawlify-tasks-worker "
                        + "--member=serviceAccount:service-PROJECT_NUMBER@gcp-sa-pubsub.iam.gserviceaccount.com "
                        + "--role=roles/pubsub.subscriber .*",
                g + "pubsub subscriptions add-iam-policy-binding crawlify-tasks-worker --member=serviceAccount:" + workerSa
                        + " --role=roles/pubsub.subscriber .*",
                g + "pubsub subscriptions add-iam-policy-binding crawlify-events-orchestrator --member=serviceAccount:"
                        + orchestratorSa + " --role=roles/pubsub.subscriber .*",
                g + "run services replace " + rendered.resolve("orchestrator.yaml") + " --region=europe-west1",
                g + "run services replace " + rendered.resolve("worker.yaml") + " --region=europe-west1",
                g + "run services add-iam-policy-binding crawlify-orchestrator --region=europe-west1 --member=allUsers "
                        + "--role=roles/run.invoker .*");
        assertThat(dryRun.output()).doesNotContain("--password=" + "from-secret");

        String orchestrator = Files.readString(rendered.resolve("orchestrator.yaml"));
        String worker = Files.readString(rendered.resolve("worker.yaml"));
        for (String spec : List.of(orchestrator, worker)) {
            assertThat(spec).doesNotContainPattern("\\$\\{[A-Za-z_]+\\}")
                    .contains("run.googleapis.com/cpu-throttling: \"false\"", "autoscaling.knative.dev/minScale: \"1\"",
                            "cloud.googleapis.com/location: europe-west1", "path: /q/health/ready",
                            "path: /q/health/live", "name: crawlify-db-password", "value: acme-crawl",
                            "run.googleapis.com/vpc-access-egress: private-ranges-only");
        }
        assertThat(orchestrator).contains("image: " + registry + "/crawlify-orchestrator:v42",
                "serviceAccountName: " + orchestratorSa, "name: crawlify-api-keys",
                "name: CRAWLIFY_PUBSUB_PROVISION\n              value: \"false\"", "run.googleapis.com/ingress: all");
        assertThat(worker).contains("image: " + registry + "/crawlify-worker:v42", "serviceAccountName: " + workerSa,
                "run.googleapis.com/ingress: internal", "autoscaling.knative.dev/maxScale: \"10\"")
                .doesNotContain("crawlify-api-keys");
    }

    /** Each pattern matches a whole command, after the one the previous pattern matched. */
    private static void assertInOrder(List<String> commands, String... patterns) {
        int from = 0;
        for (String pattern : patterns) {
            Pattern p = Pattern.compile(pattern);
            int found = -1;
            for (int i = from; i < commands.size(); i++) {
                if (p.matcher(commands.get(i)).matches()) {
                    found = i;
                    break;
                }
            }
            assertThat(found).as("no command matching\n  %s\nafter\n  %s\nin\n  %s", pattern,
                    from == 0 ? "(start)" : commands.get(from - 1), String.join("\n  ", commands)).isNotNegative();
            from = found + 1;
        }
    }
}
