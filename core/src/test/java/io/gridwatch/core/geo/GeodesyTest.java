package io.gridwatch.core.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GeodesyTest {
  @Test
  void vincentyReferenceLine() {
    // Flinders Peak → Buninyong, the classic Vincenty test line: 54 972.271 m
    double d = Geodesy.distanceMeters(144.42486789, -37.95103342, 143.92649554, -37.65282114);
    assertThat(d).isCloseTo(54972.271, within(0.01));
  }

  @Test
  void shortDistancesAgreeWithHaversine() {
    double d = Geodesy.distanceMeters(104.63, 30.12, 104.635, 30.12);
    assertThat(d).isCloseTo(Geodesy.haversine(104.63, 30.12, 104.635, 30.12), within(2.0));
    assertThat(Geodesy.distanceMeters(104.63, 30.12, 104.63, 30.12)).isZero();
  }
}
