package io.crawlify.model.credential;

import java.util.List;
import java.util.Set;

/** A workflow referenced credentials that do not exist (or were deleted). */
public class MissingCredentialException extends CredentialException {

    private final List<String> names;

    public MissingCredentialException(Set<String> names) {
        super(message(names.stream().sorted().toList()));
        this.names = names.stream().sorted().toList();
    }

    public List<String> names() {
        return names;
    }

    private static String message(List<String> names) {
        return names.size() == 1 ? "credential '" + names.get(0) + "' does not exist"
                : "credentials " + names.stream().map(n -> "'" + n + "'").toList() + " do not exist";
    }
}
