package dev.catalogsync.cli;

import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/** One /metrics response in Prometheus' text format, as its samples. */
record Scrape(List<Sample> samples) {

  /** A line of the text: the series name, its labels as written ({@code {a="b",...}}), value. */
  record Sample(String name, String labels, double value) {}

  static Scrape parse(String text) {
    return new Scrape(
        text.lines()
            .filter(line -> !line.isBlank() && !line.startsWith("#"))
            .map(Scrape::sample)
            .toList());
  }

  /** The series names, as Prometheus stores them. */
  Set<String> names() {
    Set<String> names = new TreeSet<>();
    samples.forEach(s -> names.add(s.name()));
    return names;
  }

  /** The value of the first sample of that name whose labels contain {@code labelText}. */
  OptionalDouble value(String name, String labelText) {
    return samples.stream()
        .filter(s -> s.name().equals(name) && s.labels().contains(labelText))
        .mapToDouble(Sample::value)
        .findFirst();
  }

  private static Sample sample(String line) {
    // Label values may hold spaces, so the value is what follows the last space.
    int valueAt = line.lastIndexOf(' ');
    String series = line.substring(0, valueAt).strip();
    int labelsAt = series.indexOf('{');
    String name = labelsAt < 0 ? series : series.substring(0, labelsAt);
    String labels = labelsAt < 0 ? "" : series.substring(labelsAt);
    return new Sample(name, labels, number(line.substring(valueAt + 1)));
  }

  private static double number(String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }
}
