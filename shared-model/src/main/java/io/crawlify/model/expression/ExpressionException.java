package io.crawlify.model.expression;

/**
 * An expression that does not compile or fails while evaluating. {@code position} is the 0-based character offset
 * in {@code expression} where the library located the problem, or -1 when it could not say.
 */
public class ExpressionException extends RuntimeException {

    private final String expression;
    private final int position;
    private final String code;

    public ExpressionException(String expression, int position, String code, String message, Throwable cause) {
        super(message, cause);
        this.expression = expression;
        this.position = position;
        this.code = code;
    }

    public ExpressionException(String expression, int position, String message) {
        this(expression, position, null, message, null);
    }

    public String expression() {
        return expression;
    }

    public int position() {
        return position;
    }

    /** JSONata's error code (e.g. {@code S0202}, {@code T2001}), null for errors of our own. */
    public String code() {
        return code;
    }

    /** The reason without the expression: for error messages that already name the field. */
    public String reason() {
        return super.getMessage();
    }

    @Override
    public String getMessage() {
        return super.getMessage() + (position >= 0 ? " at position " + position : "") + " in '" + expression + "'";
    }

    /** The same problem located in a larger text (a template string): the position moves by {@code offset}. */
    ExpressionException shifted(String text, int offset) {
        return new ExpressionException(text, position < 0 ? -1 : position + offset, code, reason(), getCause());
    }
}
