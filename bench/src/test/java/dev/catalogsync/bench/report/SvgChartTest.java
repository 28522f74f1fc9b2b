package dev.catalogsync.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SvgChartTest {

  @Test
  void onePolylinePerSeriesWithEveryPoint() {
    String svg =
        SvgChart.render(
            "Freshness",
            "seconds",
            "ms",
            List.of(
                new SvgChart.Series(
                    "250/s", List.of(new SvgChart.Point(0, 10), new SvgChart.Point(1, 30))),
                new SvgChart.Series(
                    "max",
                    List.of(
                        new SvgChart.Point(0, 100),
                        new SvgChart.Point(1, 900),
                        new SvgChart.Point(2, 400)))));
    assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>\n");
    assertThat(svg.split("<polyline", -1)).hasSize(3);
    assertThat(svg).contains(">250/s<").contains(">max<").contains(">Freshness<");
    String second = svg.substring(svg.lastIndexOf("<polyline"));
    String points = second.substring(second.indexOf("points=\"") + 8);
    points = points.substring(0, points.indexOf('"'));
    assertThat(points.split(" ")).hasSize(3);
    // The highest point (900 of a 1000 scale) sits near the top of the plot, not above it.
    assertThat(svg).contains("points=\"80.0,");
  }

  @Test
  void escapesTextAndSkipsNonFinitePoints() {
    String svg =
        SvgChart.render(
            "a < b & \"c\"",
            "x",
            "y",
            List.of(
                new SvgChart.Series(
                    "s", List.of(new SvgChart.Point(0, Double.NaN), new SvgChart.Point(1, 1)))));
    assertThat(svg).contains("a &lt; b &amp; &quot;c&quot;");
    assertThat(svg).doesNotContain("NaN");
  }

  @Test
  void niceCeilingsAreRound() {
    assertThat(SvgChart.niceCeiling(870)).isEqualTo(1000);
    assertThat(SvgChart.niceCeiling(180)).isEqualTo(200);
    assertThat(SvgChart.niceCeiling(31)).isEqualTo(50);
    assertThat(SvgChart.niceCeiling(0)).isEqualTo(1);
  }
}
