package io.gridwatch.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisplayWidthTest {
  @Test
  void chineseCountsTwoLatinOne() {
    assertThat(DisplayWidth.of("grid")).isEqualTo(4);
    assertThat(DisplayWidth.of("网格 A")).isEqualTo(6);
    assertThat(DisplayWidth.of("（全角）")).isEqualTo(8);
    assertThat(DisplayWidth.padRight("镇", 4)).isEqualTo("镇  ");
  }
}
