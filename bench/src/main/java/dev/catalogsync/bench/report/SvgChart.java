package dev.catalogsync.bench.report;

import java.util.List;
import java.util.Locale;

/**
 * A line chart as a standalone SVG document: axes with a few ticks, one polyline per series and a
 * legend. No library: the report must open in a browser from a plain directory.
 */
public final class SvgChart {
  /** One point of a series, in data units. */
  public record Point(double x, double y) {}

  /** A named line. */
  record Series(String name, List<Point> points) {}

  private static final int WIDTH = 900;
  private static final int HEIGHT = 480;
  private static final int LEFT = 80;
  private static final int RIGHT = 220;
  private static final int TOP = 50;
  private static final int BOTTOM = 60;
  private static final String[] COLORS = {
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"
  };

  private SvgChart() {}

  static String render(String title, String xLabel, String yLabel, List<Series> series) {
    double maxX = 0;
    double maxY = 0;
    for (Series s : series) {
      for (Point p : s.points()) {
        if (Double.isFinite(p.x()) && Double.isFinite(p.y())) {
          maxX = Math.max(maxX, p.x());
          maxY = Math.max(maxY, p.y());
        }
      }
    }
    double xTop = niceCeiling(maxX);
    double yTop = niceCeiling(maxY);
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;

    StringBuilder svg = new StringBuilder();
    svg.append(
            String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                    + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">\n",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT))
        .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"28\" font-size=\"16\" font-weight=\"bold\">%s</text>\n",
            LEFT,
            escape(title)));
    // Axes and grid.
    for (int i = 0; i <= 5; i++) {
      double fy = TOP + plotH - plotH * i / 5.0;
      double fx = LEFT + plotW * i / 5.0;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>\n",
              LEFT,
              fy,
              LEFT + plotW,
              fy));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
              LEFT - 6,
              fy + 4,
              tick(yTop * i / 5.0)));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
              fx,
              TOP + plotH + 18,
              tick(xTop * i / 5.0)));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>\n",
            LEFT,
            TOP,
            plotW,
            plotH));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
            LEFT + plotW / 2,
            HEIGHT - 15,
            escape(xLabel)));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"18\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 18 %d)\">%s</text>\n",
            TOP + plotH / 2,
            TOP + plotH / 2,
            escape(yLabel)));

    for (int s = 0; s < series.size(); s++) {
      Series line = series.get(s);
      String color = COLORS[s % COLORS.length];
      StringBuilder points = new StringBuilder();
      for (Point p : line.points()) {
        if (!Double.isFinite(p.x()) || !Double.isFinite(p.y())) {
          continue;
        }
        double px = LEFT + (xTop == 0 ? 0 : p.x() / xTop * plotW);
        double py = TOP + plotH - (yTop == 0 ? 0 : p.y() / yTop * plotH);
        if (points.length() > 0) {
          points.append(' ');
        }
        points.append(String.format(Locale.ROOT, "%.1f,%.1f", px, py));
      }
      svg.append(
          String.format(
              Locale.ROOT,
              "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>\n",
              color,
              points));
      int ly = TOP + 10 + s * 20;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>\n",
              LEFT + plotW + 15,
              ly,
              LEFT + plotW + 35,
              ly,
              color));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\">%s</text>\n",
              LEFT + plotW + 40,
              ly + 4,
              escape(line.name())));
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  /** 1, 2 or 5 times a power of ten, at or above the value, so ticks are round numbers. */
  static double niceCeiling(double value) {
    if (!(value > 0)) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 5, 10}) {
      if (step * magnitude >= value) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String tick(double value) {
    if (value == Math.rint(value)) {
      return Long.toString((long) value);
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
