package io.gridwatch.mapservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link ServeConfig}: defaults and validation of every field. */
class ServeConfigTest {
  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/gw?user=postgres";

  @Test
  void poolDefaultsToEightAndSurvivesTheWithers() {
    ServeConfig c = new ServeConfig(URL, 7070, "0.0.0.0");
    assertThat(c.dbPool()).isEqualTo(ServeConfig.DEFAULT_DB_POOL).isEqualTo(8);
    ServeConfig big = new ServeConfig(URL, 7070, "0.0.0.0", 33).withPort(0).withHost("127.0.0.1");
    assertThat(big).isEqualTo(new ServeConfig(URL, 0, "127.0.0.1", 33));
  }

  @Test
  void badFieldsAreNamed() {
    assertThatThrownBy(() -> new ServeConfig(URL, 7070, "h", 0)).hasMessageContaining("db pool");
    assertThatThrownBy(() -> new ServeConfig(URL, 7070, "h", 501)).hasMessageContaining("db pool");
    assertThatThrownBy(() -> new ServeConfig(URL, 70000, "h")).hasMessageContaining("port");
    assertThatThrownBy(() -> new ServeConfig("jdbc:mysql://x", 1, "h"))
        .hasMessageContaining("db url");
    assertThatThrownBy(() -> new ServeConfig(URL, 1, " ")).hasMessageContaining("host");
  }
}
