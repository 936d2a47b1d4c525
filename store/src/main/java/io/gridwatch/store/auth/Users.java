package io.gridwatch.store.auth;

import io.gridwatch.store.Db;
import io.gridwatch.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Users, sessions and API tokens in PostGIS. Passwords are bcrypt hashes (Bouncy Castle's {@code
 * OpenBSDBCrypt}); session ids and tokens are 256-bit random secrets of which only the SHA-256
 * digest is stored, so a database dump grants no access.
 */
public final class Users {
  /** bcrypt cost (2^10 rounds, ≈ 60 ms on the 2-core machine). */
  static final int COST = 10;

  /** How long a browser session lives. */
  public static final Duration SESSION_TTL = Duration.ofHours(12);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final DataSource dataSource;

  /** The user store of the database behind {@code dataSource} (migrated by the caller). */
  public Users(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A new random secret (URL-safe base64 of 32 bytes). */
  public static String newSecret() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /**
   * Creates {@code user} with {@code password} (≥ 8 characters) and returns a new API token for it;
   * fails with IllegalArgumentException when the login exists or the password is too short.
   */
  public String add(User user, String password) {
    if (password == null || password.length() < 8) {
      throw new IllegalArgumentException("password must have at least 8 characters");
    }
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    String hash = OpenBSDBCrypt.generate(password.toCharArray(), salt, COST);
    String token = newSecret();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement exists =
          c.prepareStatement("SELECT 1 FROM gridwatch.users WHERE login = ?")) {
        exists.setString(1, user.login());
        try (ResultSet rs = exists.executeQuery()) {
          if (rs.next()) {
            throw new IllegalArgumentException("user " + user.login() + " already exists");
          }
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO gridwatch.users (login, password_hash, role, town, community)"
                  + " VALUES (?, ?, ?, ?, ?)")) {
        ps.setString(1, user.login());
        ps.setString(2, hash);
        ps.setString(3, user.role().id());
        ps.setString(4, user.town());
        ps.setString(5, user.community());
        ps.executeUpdate();
      }
      insertToken(c, user.login(), token);
      c.commit();
      return token;
    } catch (SQLException e) {
      throw new StoreException("user " + user.login() + " could not be created", e);
    }
  }

  /** True when no user exists yet (a fresh database). */
  public boolean isEmpty() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT NOT EXISTS (SELECT 1 FROM gridwatch.users)");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getBoolean(1);
    } catch (SQLException e) {
      throw new StoreException("users could not be read", e);
    }
  }

  /** The user when {@code password} matches its hash; empty otherwise (unknown login included). */
  public Optional<User> authenticate(String login, String password) {
    if (login == null || password == null) {
      return Optional.empty();
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT login, role, town, community, password_hash FROM gridwatch.users"
                    + " WHERE login = ?")) {
      ps.setString(1, login);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        boolean ok = OpenBSDBCrypt.checkPassword(rs.getString(5), password.toCharArray());
        return ok ? Optional.of(read(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("user could not be read", e);
    }
  }

  /** Opens a browser session for {@code login}; returns the session secret (the cookie value). */
  public String openSession(String login) {
    String secret = newSecret();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO gridwatch.sessions (digest, login, expires_at) VALUES (?, ?, ?)")) {
      ps.setString(1, digest(secret));
      ps.setString(2, login);
      ps.setTimestamp(3, Timestamp.from(Instant.now().plus(SESSION_TTL)));
      ps.executeUpdate();
      return secret;
    } catch (SQLException e) {
      throw new StoreException("session could not be opened", e);
    }
  }

  /** Ends the session with that secret (no-op when unknown). */
  public void closeSession(String secret) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("DELETE FROM gridwatch.sessions WHERE digest = ?")) {
      ps.setString(1, digest(secret));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("session could not be closed", e);
    }
  }

  /** The user of a live (unexpired) session secret. */
  public Optional<User> bySession(String secret) {
    return lookup(
        "SELECT u.login, u.role, u.town, u.community FROM gridwatch.sessions s"
            + " JOIN gridwatch.users u ON u.login = s.login"
            + " WHERE s.digest = ? AND s.expires_at > now()",
        secret);
  }

  /** The user of an API token. */
  public Optional<User> byToken(String token) {
    return lookup(
        "SELECT u.login, u.role, u.town, u.community FROM gridwatch.api_tokens t"
            + " JOIN gridwatch.users u ON u.login = t.login WHERE t.digest = ?",
        token);
  }

  /**
   * Records an export: who (user), what (a description such as the file name), size, from where.
   */
  public void audit(User user, String what, long bytes, String remote) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO gridwatch.export_audit (login, role, what, bytes, remote)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, user.login());
      ps.setString(2, user.role().id());
      ps.setString(3, what);
      ps.setLong(4, bytes);
      ps.setString(5, remote);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("export could not be audited", e);
    }
  }

  /** Creates the users of {@code jdbcUrl} after migrating it (command-line use). */
  public static String addTo(String jdbcUrl, User user, String password) {
    Db.migrate(jdbcUrl);
    try (var ds = Db.dataSource(jdbcUrl)) {
      return new Users(ds).add(user, password);
    }
  }

  private Optional<User> lookup(String sql, String secret) {
    if (secret == null || secret.isBlank() || secret.length() > 200) {
      return Optional.empty();
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, digest(secret));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("credentials could not be checked", e);
    }
  }

  private static void insertToken(Connection c, String login, String token) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO gridwatch.api_tokens (digest, login) VALUES (?, ?)")) {
      ps.setString(1, digest(token));
      ps.setString(2, login);
      ps.executeUpdate();
    }
  }

  private static User read(ResultSet rs) throws SQLException {
    return new User(
        rs.getString(1),
        Role.parse(rs.getString(2)).orElseThrow(),
        rs.getString(3),
        rs.getString(4));
  }

  /** Hex SHA-256 of a secret. */
  static String digest(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
