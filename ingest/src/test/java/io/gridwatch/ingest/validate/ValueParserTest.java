package io.gridwatch.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.core.lake.Column;
import io.gridwatch.core.lake.ColumnType;
import io.gridwatch.core.lake.LakeSchema;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class ValueParserTest {
  private static final Column DATE = Column.of("d", ColumnType.DATE, false);
  private static final Column TS = Column.of("t", ColumnType.TIMESTAMP, false);
  private static final Column BOOL = Column.of("b", ColumnType.BOOLEAN, false);
  private static final Column INT = Column.of("i", ColumnType.INT, false);
  private static final Column DBL = Column.of("x", ColumnType.DOUBLE, false);

  @Test
  void datesInBothContractFormats() throws Exception {
    assertThat(ValueParser.parse(DATE, "2025-03-01")).isEqualTo(LocalDate.of(2025, 3, 1));
    assertThat(ValueParser.parse(DATE, "2025/3/1")).isEqualTo(LocalDate.of(2025, 3, 1));
    assertThat(ValueParser.parse(DATE, LocalDateTime.of(2025, 3, 1, 0, 0)))
        .isEqualTo(LocalDate.of(2025, 3, 1));
    assertThat(ValueParser.parse(DATE, "  ")).isNull();
    for (String bad : new String[] {"2025-02-30", "2025.3.1", "01/03/2025", "2025-3"}) {
      assertThatThrownBy(() -> ValueParser.parse(DATE, bad))
          .isInstanceOf(BadValueException.class)
          .hasMessageContaining(bad);
    }
  }

  @Test
  void dateTimesAreShanghaiUnlessAnOffsetIsGiven() throws Exception {
    Instant nineShanghai = Instant.parse("2025-03-01T01:00:00Z");
    assertThat(ValueParser.parse(TS, "2025-03-01 09:00")).isEqualTo(nineShanghai);
    assertThat(ValueParser.parse(TS, "2025-03-01 09:00:00")).isEqualTo(nineShanghai);
    assertThat(ValueParser.parse(TS, "2025/3/1 9:00")).isEqualTo(nineShanghai);
    assertThat(ValueParser.parse(TS, "2025/3/1 9:00:00")).isEqualTo(nineShanghai);
    assertThat(ValueParser.parse(TS, "2025-03-01T09:00:00")).isEqualTo(nineShanghai);
    assertThat(ValueParser.parse(TS, "2025-03-01T09:00:00+08:00")).isEqualTo(nineShanghai);
    assertThat(ValueParser.parse(TS, "2025-03-01T01:00:00Z")).isEqualTo(nineShanghai);
    assertThat(ValueParser.parse(TS, "2025-03-01T03:00:00+02:00")).isEqualTo(nineShanghai);
    assertThat(ValueParser.parse(TS, LocalDateTime.of(2025, 3, 1, 9, 0))).isEqualTo(nineShanghai);
    assertThat(ValueParser.parse(TS, "2025-03-01 09:00:00.1234567"))
        .isEqualTo(Instant.parse("2025-03-01T01:00:00.123456Z"));
    for (String bad : new String[] {"2025-03-01", "2025-03-01 24:00", "yesterday", "9:00"}) {
      assertThatThrownBy(() -> ValueParser.parse(TS, bad)).isInstanceOf(BadValueException.class);
    }
  }

  @Test
  void booleansNumbersAndEnums() throws Exception {
    assertThat(ValueParser.parse(BOOL, "是")).isEqualTo(true);
    assertThat(ValueParser.parse(BOOL, "否")).isEqualTo(false);
    assertThat(ValueParser.parse(BOOL, "1")).isEqualTo(true);
    assertThat(ValueParser.parse(BOOL, "FALSE")).isEqualTo(false);
    assertThatThrownBy(() -> ValueParser.parse(BOOL, "yes")).isInstanceOf(BadValueException.class);
    assertThat(ValueParser.parse(INT, "12")).isEqualTo(12);
    assertThat(ValueParser.parse(INT, "12.0")).isEqualTo(12);
    assertThatThrownBy(() -> ValueParser.parse(INT, "12.5")).isInstanceOf(BadValueException.class);
    assertThatThrownBy(() -> ValueParser.parse(INT, "99999999999"))
        .isInstanceOf(BadValueException.class);
    assertThat(ValueParser.parse(DBL, "104.6")).isEqualTo(104.6);
    assertThatThrownBy(() -> ValueParser.parse(DBL, "NaN")).isInstanceOf(BadValueException.class);
    assertThatThrownBy(() -> ValueParser.parse(DBL, "104,6")).isInstanceOf(BadValueException.class);
    Column kind = LakeSchema.WORKERS.column("kind").orElseThrow();
    assertThat(ValueParser.parse(kind, "专属")).isEqualTo("exclusive");
    assertThat(ValueParser.parse(kind, "Parttime")).isEqualTo("parttime");
    assertThatThrownBy(() -> ValueParser.parse(kind, "专属网格员"))
        .isInstanceOf(BadValueException.class)
        .hasMessageContaining("exclusive/专属");
  }
}
