package io.gridwatch.core.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridwatch.core.geo.EqualArea;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/** Polsby–Popper and the balance statistics by hand. */
class GridMetricsTest {

  @Test
  void polsbyPopperOfASquareIsPiOverFour() {
    Geometry square = EqualArea.METRIC.toGeometry(new Envelope(0, 1000, 0, 1000));
    assertThat(GridMetrics.polsbyPopper(square)).isCloseTo(Math.PI / 4, within(1e-12));
    // a 1 km square on the ground, given in lon/lat, measured in the projection
    EqualArea p = EqualArea.centredOn(104.6, 30.1);
    Geometry onGround =
        p.unproject(EqualArea.METRIC.toGeometry(new Envelope(-500, 500, -500, 500)));
    assertThat(GridMetrics.polsbyPopper(p.project(onGround))).isCloseTo(Math.PI / 4, within(1e-9));
    // a 4:1 rectangle: 4π·4/(10²) = 0.16π
    Geometry strip = EqualArea.METRIC.toGeometry(new Envelope(0, 4000, 0, 1000));
    assertThat(GridMetrics.polsbyPopper(strip)).isCloseTo(0.16 * Math.PI, within(1e-12));
  }

  @Test
  void balance() {
    GridMetrics.Balance b = GridMetrics.balance(List.of(4, 2));
    assertThat(b.grids()).isEqualTo(2);
    assertThat(b.min()).isEqualTo(2);
    assertThat(b.max()).isEqualTo(4);
    assertThat(b.maxMinRatio()).isEqualTo(2.0);
    assertThat(b.mean()).isEqualTo(3.0);
    assertThat(b.cv()).isCloseTo(1.0 / 3, within(1e-12)); // σ = 1 (population), mean 3
    GridMetrics.Balance c = GridMetrics.balance(List.of(0, 2, 4));
    assertThat(c.maxMinRatio()).isNull();
    assertThat(c.cv()).isCloseTo(Math.sqrt(8.0 / 3) / 2, within(1e-12));
    assertThat(GridMetrics.balance(List.of(0, 0)).cv()).isNull();
    assertThat(GridMetrics.balance(List.of())).isNull();
  }
}
