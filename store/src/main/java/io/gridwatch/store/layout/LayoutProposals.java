package io.gridwatch.store.layout;

import io.gridwatch.store.StoreException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Layout proposals in PostGIS ({@code gridwatch.layout_proposals}, migration V5): a planner
 * proposes a checked draft, a bureau user confirms or rejects it, the service activates it. Every
 * status change is one conditional UPDATE, so two decisions on one proposal cannot both win.
 */
public final class LayoutProposals {
  /** Status of a new proposal. */
  public static final String PROPOSED = "proposed";

  /** Confirmed by the bureau, waiting for the activation to start. */
  public static final String CONFIRMED = "confirmed";

  /** Rejected by the bureau (final). */
  public static final String REJECTED = "rejected";

  /** The activation child processes are running. */
  public static final String ACTIVATING = "activating";

  /** Activated in the lake and published (final). */
  public static final String ACTIVATED = "activated";

  /** The activation or the publish failed (final); {@code message} says why. */
  public static final String FAILED = "failed";

  private static final String COLUMNS =
      "id, name, effective_on, grids, proposed_by, proposed_at, status, decided_by, decided_at,"
          + " message, output, layout_version, finished_at";

  /**
   * One proposal (without its draft, see {@link #draft}).
   *
   * @param id proposal id
   * @param name layout name
   * @param effectiveOn first day in force (the 1st of a month)
   * @param grids grids of the draft
   * @param proposedBy login of the proposer
   * @param proposedAt when it was proposed
   * @param status proposed | confirmed | rejected | activating | activated | failed
   * @param decidedBy login of the bureau user who confirmed or rejected it (else null)
   * @param decidedAt when it was decided (else null)
   * @param message bilingual outcome or reason (else null)
   * @param output what the activation and publish printed (else null)
   * @param layoutVersion the layout_version it became (else null)
   * @param finishedAt when the activation ended (else null)
   */
  public record Proposal(
      long id,
      String name,
      LocalDate effectiveOn,
      int grids,
      String proposedBy,
      Instant proposedAt,
      String status,
      String decidedBy,
      Instant decidedAt,
      String message,
      String output,
      Integer layoutVersion,
      Instant finishedAt) {}

  private final DataSource dataSource;

  /** The proposals of the database behind {@code dataSource} (migrated by the caller). */
  public LayoutProposals(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Stores a new proposal in status {@code proposed} and returns it. */
  public Proposal add(
      String name, LocalDate effectiveOn, String draftGeoJson, int grids, String proposedBy) {
    String sql =
        "INSERT INTO gridwatch.layout_proposals (name, effective_on, draft_geojson, grids,"
            + " proposed_by) VALUES (?, ?, ?, ?, ?) RETURNING "
            + COLUMNS;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, name);
      ps.setDate(2, Date.valueOf(effectiveOn));
      ps.setString(3, draftGeoJson);
      ps.setInt(4, grids);
      ps.setString(5, proposedBy);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return row(rs);
      }
    } catch (SQLException e) {
      throw new StoreException("layout proposal could not be stored", e);
    }
  }

  /** Every proposal, newest first. */
  public List<Proposal> list() {
    String sql = "SELECT " + COLUMNS + " FROM gridwatch.layout_proposals ORDER BY id DESC";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      List<Proposal> out = new ArrayList<>();
      while (rs.next()) {
        out.add(row(rs));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("layout proposals could not be read", e);
    }
  }

  /** The proposal {@code id}, if any. */
  public Optional<Proposal> get(long id) {
    String sql = "SELECT " + COLUMNS + " FROM gridwatch.layout_proposals WHERE id = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("layout proposal could not be read", e);
    }
  }

  /** The draft (GeoJSON text) of proposal {@code id}, if any. */
  public Optional<String> draft(long id) {
    String sql = "SELECT draft_geojson FROM gridwatch.layout_proposals WHERE id = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("layout proposal could not be read", e);
    }
  }

  /**
   * Moves a {@code proposed} proposal to {@code status} (confirmed or rejected) decided by {@code
   * by}; false when it is no longer {@code proposed}.
   */
  public boolean decide(long id, String status, String by, String message) {
    String sql =
        "UPDATE gridwatch.layout_proposals SET status = ?, decided_by = ?, decided_at = now(),"
            + " message = ? WHERE id = ? AND status = 'proposed'";
    return update(sql, status, by, message, id);
  }

  /** Moves a {@code confirmed} proposal to {@code activating}; false when it is not confirmed. */
  public boolean start(long id, String message) {
    String sql =
        "UPDATE gridwatch.layout_proposals SET status = 'activating', message = ?"
            + " WHERE id = ? AND status = 'confirmed'";
    return update(sql, message, id);
  }

  /**
   * Ends an {@code activating} proposal: {@code activated} (with the new {@code layoutVersion}) or
   * {@code failed}, with its bilingual message and the children's output.
   */
  public void finish(long id, boolean ok, String message, String output, Integer layoutVersion) {
    String sql =
        "UPDATE gridwatch.layout_proposals SET status = ?, message = ?, output = ?,"
            + " layout_version = ?, finished_at = now() WHERE id = ? AND status = 'activating'";
    update(sql, ok ? ACTIVATED : FAILED, message, output, layoutVersion, id);
  }

  /**
   * After a restart of the service: proposals left {@code activating} are {@code failed} with
   * {@code message}; returns the ids still {@code confirmed} (their activation never started).
   */
  public List<Long> recover(String message) {
    update(
        "UPDATE gridwatch.layout_proposals SET status = 'failed', message = ?, finished_at = now()"
            + " WHERE status = 'activating'",
        message);
    String sql = "SELECT id FROM gridwatch.layout_proposals WHERE status = 'confirmed' ORDER BY id";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      List<Long> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("layout proposals could not be read", e);
    }
  }

  private boolean update(String sql, Object... values) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        Object v = values[i];
        if (v == null) {
          ps.setNull(i + 1, Types.NULL); // the column decides the type
        } else if (v instanceof Long l) {
          ps.setLong(i + 1, l);
        } else if (v instanceof Integer n) {
          ps.setInt(i + 1, n);
        } else {
          ps.setString(i + 1, v.toString());
        }
      }
      return ps.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new StoreException("layout proposal could not be updated", e);
    }
  }

  private static Proposal row(ResultSet rs) throws SQLException {
    int version = rs.getInt(12);
    Integer layoutVersion = rs.wasNull() ? null : version;
    return new Proposal(
        rs.getLong(1),
        rs.getString(2),
        rs.getDate(3).toLocalDate(),
        rs.getInt(4),
        rs.getString(5),
        instant(rs.getTimestamp(6)),
        rs.getString(7),
        rs.getString(8),
        instant(rs.getTimestamp(9)),
        rs.getString(10),
        rs.getString(11),
        layoutVersion,
        instant(rs.getTimestamp(13)));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
