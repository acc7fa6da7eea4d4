package sdkgen.runtime.core;

/** Query parameters: an immutable, ordered multimap (names compared exactly; {@code a=1&a=2}). */
public final class QueryParams extends NameValueMap {
    private static final QueryParams EMPTY = new QueryParams(new NameValues(false));

    private QueryParams(NameValues values) {
        super(values);
    }

    /** No parameters. */
    public static QueryParams empty() {
        return EMPTY;
    }

    /** A builder with no parameters. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these parameters. */
    public Builder toBuilder() {
        return new Builder().putAll(this);
    }

    /** A mutable builder of {@link QueryParams}. */
    public static final class Builder extends NameValueMap.Builder<Builder, QueryParams> {
        private Builder() {
            super(false);
        }

        @Override
        Builder self() {
            return this;
        }

        @Override
        QueryParams build(NameValues copy) {
            return new QueryParams(copy);
        }
    }
}
