package io.gridwatch.store.query;

/**
 * What part of the city a reader may see: a town, optionally narrowed to one of its communities;
 * both null means everything ({@link #ALL}). Read queries take a Scope so that access control can
 * narrow every answer in one place.
 */
public record Scope(String town, String community) {
  /** No restriction. */
  public static final Scope ALL = new Scope(null, null);

  /** A scope of one town, optionally one community of it (null for the whole town). */
  public Scope {
    if (town == null && community != null) {
      throw new IllegalArgumentException("a community scope needs its town");
    }
  }

  /** True when nothing is filtered out. */
  public boolean isAll() {
    return town == null;
  }

  /**
   * A SQL predicate restricting rows of {@code alias} (which has {@code town} and {@code community}
   * columns) to this scope; it has four parameters, bound by {@link #bind}.
   */
  public static String sql(String alias) {
    return "(?::text IS NULL OR "
        + alias
        + ".town = ?::text) AND (?::text IS NULL OR "
        + alias
        + ".community = ?::text)";
  }

  /** Binds the four parameters of {@link #sql} from {@code index}; returns the next index. */
  public int bind(java.sql.PreparedStatement ps, int index) throws java.sql.SQLException {
    ps.setString(index, town);
    ps.setString(index + 1, town);
    ps.setString(index + 2, community);
    ps.setString(index + 3, community);
    return index + 4;
  }
}
