package io.crawlify.model.step;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.crawlify.model.error.ConfigErrors;
import io.crawlify.model.step.StepTypes;

/**
 * A {@code command} step: runs {@code command} with {@code args} (no shell: run {@code sh -c '...'} to get one),
 * extra {@code env}, in {@code workingDir}, killed with its child processes after {@code timeoutMs}. Output
 * {@code {exitCode, stdout, stderr}}; a non-zero exit fails the step. Workers refuse it unless
 * {@code crawlify.steps.command.enabled=true}.
 */
public record CommandConfig(String command, List<String> args, Map<String, String> env, String workingDir,
        Long timeoutMs) implements StepConfig {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public CommandConfig {
        args = Copies.list(args);
        env = Copies.map(env);
    }

    @Override
    public void validate(ConfigErrors errors) {
        errors.field("command").required(command);
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) == null) {
                errors.field("args").index(i).add("must be a string");
            }
        }
        env.forEach((name, value) -> {
            if (!ENV_NAME.matcher(name).matches()) {
                errors.field("env").field(name).add("not a valid environment variable name");
            } else if (value == null) {
                errors.field("env").field(name).add("must be a string");
            }
        });
        if (workingDir != null && workingDir.isBlank()) {
            errors.field("workingDir").add("must not be blank");
        }
        if (timeoutMs != null && (timeoutMs < 1 || timeoutMs > StepTypes.MAX_TIMEOUT_MS)) {
            errors.field("timeoutMs").add("must be between 1 and " + StepTypes.MAX_TIMEOUT_MS);
        }
    }
}
