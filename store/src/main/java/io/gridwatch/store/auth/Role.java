package io.gridwatch.store.auth;

import java.util.Locale;
import java.util.Optional;

/** A user's role (issue 5 § access control); the role decides the scope and phone visibility. */
public enum Role {
  /** 应急局: sees everything, phone numbers included. */
  BUREAU,
  /** 镇街: sees its town only. */
  TOWN,
  /** 社区: sees its community only. */
  COMMUNITY,
  /** 规划: sees every grid (to redraw them); phones masked. */
  PLANNER,
  /** 分析: sees every number; phones masked. */
  ANALYST;

  /** The role's code as stored and typed on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role with code {@code id}, if any. */
  public static Optional<Role> parse(String id) {
    for (Role r : values()) {
      if (r.id().equals(id)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
