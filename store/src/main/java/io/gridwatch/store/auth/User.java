package io.gridwatch.store.auth;

import io.gridwatch.store.query.Scope;

/**
 * A signed-in user.
 *
 * @param login the login name
 * @param role the role
 * @param town the town of a town or community user (else null)
 * @param community the community of a community user (else null)
 */
public record User(String login, Role role, String town, String community) {
  /** Validates the scope fields against the role. */
  public User {
    if (login == null || role == null) {
      throw new IllegalArgumentException("login and role are required");
    }
    if ((role == Role.TOWN || role == Role.COMMUNITY) && (town == null || town.isBlank())) {
      throw new IllegalArgumentException("a " + role.id() + " user needs a town");
    }
    if (role == Role.COMMUNITY && (community == null || community.isBlank())) {
      throw new IllegalArgumentException("a community user needs a community");
    }
  }

  /** What the user may see: its town or community, everything for the other roles. */
  public Scope scope() {
    return switch (role) {
      case TOWN -> new Scope(town, null);
      case COMMUNITY -> new Scope(town, community);
      default -> Scope.ALL;
    };
  }

  /** Only the bureau sees phone numbers unmasked. */
  public boolean seesPhones() {
    return role == Role.BUREAU;
  }
}
